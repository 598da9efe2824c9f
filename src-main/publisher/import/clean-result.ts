// The outcome of cleaning one cell, shared by every cell cleaner: either the clean value with each
// repair made on the way, or a rejection naming the damage. Repair kinds and rejection reasons
// are also the keys of their messages, `import:repair.<kind>` and `import:reject.<reason>`.
import { chinaDate } from '../field-checks.js';
import { EARLIEST_PAID_ON } from '../validate-payments.js';
import { cellText } from './source-table.js';
import type { CellValue } from './source-table.js';

export const REPAIR_KINDS = [
  // Any text
  'excelFormulaText',
  'invisibleCharacters',
  'fullWidth',
  'unusualSpaces',
  'spaceInChinese',
  'repeatedSpaces',
  'trimmedSpaces',
  'textPrefix',
  // ID numbers
  'idSeparators',
  'idLowerCaseX',
  'idUpgradedTo18',
  // Amounts
  'amountUnit',
  'amountGrouping',
  'amountTrailingZeros',
  // Dates and periods
  'dateFormat',
  'dateFromSerial',
  'dateTimeDropped',
  'periodFormat',
  'periodFromDate',
] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

export const REJECT_REASONS = [
  'empty',
  'wrongCellType',
  'idScientificNotation',
  'idRoundedDigits',
  'idInvalidCharacters',
  'idInvalidLength',
  'idInvalidBirthDate',
  'idInvalidChecksum',
  'amountNotANumber',
  'amountBadGrouping',
  'amountNegative',
  'amountTooManyDecimals',
  'amountTooLarge',
  'dateNotADate',
  'dateNotExist',
  'dateTooEarly',
  'dateTooLate',
  'periodNotAPeriod',
  'periodAmbiguous',
  'periodNotExist',
  'periodTooEarly',
  'periodTooLate',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** One change a cleaner made, with the whole cell text before and after that step. */
export interface Repair {
  kind: RepairKind;
  before: string;
  after: string;
}

export type Cleaned<T> =
  | { ok: true; value: T; repairs: Repair[] }
  | {
      ok: false;
      reason: RejectReason;
      /** The cell's text as the file shows it, for the report. */
      value: string;
      /** Message parameters besides the value, such as the bounds of a date. */
      params?: Record<string, string | number>;
    };

export type Rejection = Extract<Cleaned<never>, { ok: false }>;

/** Limits and the date that cleaning a whole import shares; build it once with cleanContextAt. */
export interface CleanContext {
  /** The instant used for "today" in birth-date checks of ID numbers. */
  now: Date;
  /** Earliest accepted date, YYYY-MM-DD. */
  earliestDate: string;
  /** Latest accepted date, YYYY-MM-DD. */
  latestDate: string;
  earliestYear: number;
  latestYear: number;
  /**
   * Excel's date system of the workbook: serial 1 is 1900-01-01, or 1904-01-02 in the 1904 system.
   * The row cleaner takes it from the table (SourceTable.dateSystem).
   */
  dateSystem: 1900 | 1904;
}

/**
 * Builds the context for an import at `now`. Dates before 1950 are typos or spreadsheet
 * placeholders (1900-01-00 is Excel's serial 0), because livelihood subsidies start after 1949.
 * Dates after the end of next year are typos too (2042 for 2024). Nearer future dates pass here,
 * because the validator decides per column whether a future date is valid.
 */
export function cleanContextAt(now: Date, dateSystem: 1900 | 1904 = 1900): CleanContext {
  const latestYear = Number(chinaDate(now).slice(0, 4)) + 1;
  return {
    now,
    earliestDate: EARLIEST_PAID_ON,
    latestDate: `${latestYear}-12-31`,
    earliestYear: Number(EARLIEST_PAID_ON.slice(0, 4)),
    latestYear,
    dateSystem,
  };
}

/** Rejects a cell that cannot hold a number: an empty cell, or a date or boolean cell. */
export function rejectNonNumeric(cell: Exclude<CellValue, { kind: 'text' | 'number' }>): Rejection {
  return cell.kind === 'empty' ? reject('empty', '') : reject('wrongCellType', cellText(cell));
}

export function reject(
  reason: RejectReason,
  value: string,
  params?: Record<string, string | number>,
): Rejection {
  return params === undefined ? { ok: false, reason, value } : { ok: false, reason, value, params };
}

// Characters that print as nothing or as a blank, which a report must make visible.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;

/**
 * Writes invisible and unusual blank characters as <U+200B> and so on, so that a repair's
 * before-text shows what was removed. Ordinary spaces stay as they are.
 */
export function showHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, (character) => {
    const code = character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `<U+${code}>`;
  });
}
