// Dates (发放日期 and the like) from department files, into YYYY-MM-DD. Repairs: Excel serial numbers,
// Chinese and other common date forms, a time of day after the date. Rejections: dates that do
// not exist and dates outside the context's bounds.
import { daysInMonth } from '../../../src-shared/id-number.js';
import { reject } from './clean-result.js';
import type { CleanContext, Cleaned, Rejection, Repair } from './clean-result.js';
import { recordRepair, repairText } from './clean-text.js';
import { excelSerialToDate } from './excel-serial.js';
import { cellText } from './source-table.js';
import type { CellValue } from './source-table.js';

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

// A time after the date, as Excel writes a date-time cell to CSV: "2024/3/5 0:00" or "2024-03-05 10:30:00".
const TIME_OF_DAY = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
// 2024-3-5, 2024/03/05, 2024.3.5: the same separator twice.
const SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
// 2024年3月5日 and 2024年3月5号.
const CHINESE = /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Most cells hold YYYY-MM-DD already: they skip the repairs and the other forms.
const STANDARD = /^(\d{4})-(\d{2})-(\d{2})$/;
// Five-digit serials run from 1927-05-18 to 2173-10-13, which covers every plausible date. A
// shorter number in a date column is more likely a day or a year than a serial.
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;
// Number cells of eight digits in this range are dates typed without separators (20240305).
const LOWEST_COMPACT = 10_000_101;
const HIGHEST_COMPACT = 99_991_231;

/** Returns true when the parts name a day of the Gregorian calendar. */
export function isCalendarDate({ year, month, day }: DateParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function formatDate({ year, month, day }: DateParts): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits written date text into parts without checking them; null when it has no date form. */
export function parseDateParts(text: string): DateParts | null {
  const separated = SEPARATED.exec(text);
  if (separated) return { year: Number(separated[1]), month: Number(separated[3]), day: Number(separated[4]) };

  const match = COMPACT.exec(text) ?? CHINESE.exec(text);
  if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return null;
}

/**
 * Turns a number cell or serial-like text of a date column into a date: eight digits are a date
 * without separators, anything else an Excel serial. Returns the date text or a rejection.
 */
function dateFromNumber(
  value: number,
  shown: string,
  context: CleanContext,
  repairs: Repair[],
): string | Rejection {
  if (Number.isInteger(value) && value >= LOWEST_COMPACT && value <= HIGHEST_COMPACT) {
    return String(value);
  }

  const serial = excelSerialToDate(value, context.dateSystem);
  if (!serial.ok) return reject(serial.problem === 'phantom-leap-day' ? 'dateNotExist' : 'dateNotADate', shown);
  repairs.push({ kind: 'dateFromSerial', before: shown, after: serial.date });
  return serial.date;
}

/**
 * Reads the cell as a date with its repairs, without checking the bounds. Shared with
 * cleanPeriod, which accepts a full date where a month is expected.
 */
export function readDateCell(cell: CellValue, context: CleanContext, repairs: Repair[]): Cleaned<DateParts> {
  switch (cell.kind) {
    case 'empty':
      return reject('empty', '');
    case 'boolean':
      return reject('wrongCellType', cellText(cell));
    case 'date':
      return readDateText(cell.date, cell.date, context, repairs);
    case 'number': {
      const converted = dateFromNumber(cell.value, cell.shown, context, repairs);
      if (typeof converted !== 'string') return converted;
      return readDateText(converted, cell.shown, context, repairs);
    }
    case 'text':
      return readDateText(repairText(cell.text, repairs, true), cell.text, context, repairs);
  }
}

/**
 * Reads date text that the text repairs have already cleaned; `shown` is the cell as the file
 * shows it, for a rejection.
 */
export function readDateText(
  cleanText: string,
  shown: string,
  context: CleanContext,
  repairs: Repair[],
): Cleaned<DateParts> {
  let text = cleanText;
  if (text === '') return reject('empty', shown);
  if (SERIAL_TEXT.test(text)) {
    const converted = dateFromNumber(Number(text), text, context, repairs);
    if (typeof converted !== 'string') return reject(converted.reason, shown);
    text = converted;
  }
  text = recordRepair(text, 'dateTimeDropped', text.replace(TIME_OF_DAY, ''), repairs);

  const parts = parseDateParts(text);
  if (parts === null) return reject('dateNotADate', shown);
  if (!isCalendarDate(parts)) return reject('dateNotExist', shown);

  recordRepair(text, 'dateFormat', formatDate(parts), repairs);
  return { ok: true, value: parts, repairs };
}

/**
 * Cleans a cell of a date column into YYYY-MM-DD between context.earliestDate and
 * context.latestDate. Number cells are Excel serials in the context's date system, except eight
 * digits such as 20240305.
 */
export function cleanDate(cell: CellValue, context: CleanContext): Cleaned<string> {
  const repairs: Repair[] = [];
  const standard = cell.kind === 'text' ? STANDARD.exec(cell.text) : null;
  let date: string;
  if (standard) {
    const parts = { year: Number(standard[1]), month: Number(standard[2]), day: Number(standard[3]) };
    if (!isCalendarDate(parts)) return reject('dateNotExist', standard[0]);
    date = standard[0];
  } else {
    const read = readDateCell(cell, context, repairs);
    if (!read.ok) return read;
    date = formatDate(read.value);
  }

  if (date < context.earliestDate) return reject('dateTooEarly', cellText(cell), { earliest: context.earliestDate });
  if (date > context.latestDate) return reject('dateTooLate', cellText(cell), { latest: context.latestDate });
  return { ok: true, value: date, repairs };
}
