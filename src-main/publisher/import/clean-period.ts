// Periods (发放期间, 所属期) from department files, into the data standard's YYYY-MM, or YYYY for a
// yearly payment. Repairs: 2024年3月, 2024/3, 2024.03, 202403, 2024年度, and a full date whose
// month is taken. Rejections: months that do not exist, a year outside the context's bounds, and
// the ambiguous 2024.1, which may be October after Excel stored 2024.10 as a number.
import { reject } from './clean-result.js';
import type { CleanContext, Cleaned, Repair } from './clean-result.js';
import { readDateCell, readDateText } from './clean-date.js';
import { recordRepair, repairText } from './clean-text.js';
import { cellText } from './source-table.js';
import type { CellValue } from './source-table.js';

const YEAR = /^(\d{4}) ?(?:年度?)?$/;
const MONTH_CHINESE = /^(\d{4}) ?年 ?(\d{1,2}) ?月份?$/;
const MONTH_SEPARATED = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_COMPACT = /^(\d{4})(\d{2})$/;
// A period written with a dot and month 1 is also what a CSV shows for the number 2024.10.
const AMBIGUOUS_OCTOBER = /^\d{4}\.1$/;
// Most cells hold YYYY-MM already: they skip the repairs and the other forms.
const STANDARD = /^(\d{4})-(\d{2})$/;

interface PeriodParts {
  year: number;
  month: number | null;
}

function parsePeriodText(text: string): PeriodParts | null {
  const year = YEAR.exec(text);
  if (year) return { year: Number(year[1]), month: null };

  const month = MONTH_CHINESE.exec(text) ?? MONTH_SEPARATED.exec(text) ?? MONTH_COMPACT.exec(text);
  if (month) return { year: Number(month[1]), month: Number(month[2]) };
  return null;
}

function formatPeriod({ year, month }: PeriodParts): string {
  return month === null ? String(year) : `${year}-${String(month).padStart(2, '0')}`;
}

// The text to read as a period: a text cell after the text repairs, or a number cell of four or
// six digits (2024, 202403) or a year with a fraction (2024.03). Other number cells are dates or
// serials, read by readDateCell.
function periodText(cell: CellValue, repairs: Repair[]): string | null {
  if (cell.kind === 'text') return repairText(cell.text, repairs, true);
  if (cell.kind !== 'number') return null;

  const digits = String(cell.value);
  if (!Number.isInteger(cell.value)) return cell.value < 10_000 ? digits : null;
  return digits.length === 4 || digits.length === 6 ? digits : null;
}

function readPeriodCell(cell: CellValue, context: CleanContext, repairs: Repair[]): Cleaned<PeriodParts> {
  const shown = cellText(cell);
  const text = periodText(cell, repairs);
  if (text !== null && AMBIGUOUS_OCTOBER.test(text)) return reject('periodAmbiguous', shown);
  const parts = text === null ? null : parsePeriodText(text);
  if (text !== null && parts !== null) {
    recordRepair(text, 'periodFormat', formatPeriod(parts), repairs);
    return { ok: true, value: parts, repairs };
  }

  const date = text === null ? readDateCell(cell, context, repairs) : readDateText(text, shown, context, repairs);
  if (!date.ok) {
    if (date.reason === 'dateNotADate') return reject('periodNotAPeriod', shown);
    return date.reason === 'dateNotExist' ? reject('periodNotExist', shown) : date;
  }

  const month = { year: date.value.year, month: date.value.month };
  const before = repairs.length > 0 ? repairs[repairs.length - 1]!.after : shown;
  repairs.push({ kind: 'periodFromDate', before, after: formatPeriod(month) });
  return { ok: true, value: month, repairs };
}

/**
 * Cleans a cell of a period column. A date (a date cell, an Excel serial, or date text) gives
 * its month, reported as periodFromDate, because Excel stores a cell formatted as 2024年3月 as the
 * date 2024-03-01. A number cell such as 2024.1 is rejected as ambiguous, like the text 2024.1.
 */
export function cleanPeriod(cell: CellValue, context: CleanContext): Cleaned<string> {
  const repairs: Repair[] = [];
  const standard = cell.kind === 'text' ? STANDARD.exec(cell.text) : null;
  const read: Cleaned<PeriodParts> = standard
    ? { ok: true, value: { year: Number(standard[1]), month: Number(standard[2]) }, repairs }
    : readPeriodCell(cell, context, repairs);
  if (!read.ok) return read;

  const { year, month } = read.value;
  if (month !== null && (month < 1 || month > 12)) return reject('periodNotExist', cellText(cell));
  if (year < context.earliestYear) return reject('periodTooEarly', cellText(cell), { earliestYear: context.earliestYear });
  if (year > context.latestYear) return reject('periodTooLate', cellText(cell), { latestYear: context.latestYear });
  return { ok: true, value: formatPeriod(read.value), repairs };
}
