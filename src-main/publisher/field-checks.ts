// Checks shared by every data file: required text, length limits, identifiers, calendar dates.
import type { IssueCollector } from './issues.js';
import { DEFAULT_MAX_TEXT_LENGTH, IDENTIFIER_PATTERN, MAX_TEXT_LENGTH } from './standard.js';
import type { DataFileName } from './standard.js';

export interface RowContext {
  file: DataFileName;
  line: number;
  values: Record<string, string>;
  issues: IssueCollector;
}

// C0 control characters and DEL (line breaks inside a quoted field, tabs, NUL from broken
// exports), C1 controls, and invisible format characters (category Cf: bidi overrides such as
// U+202E that make text display in another order, zero-width spaces).
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]|\p{Cf}/u;

/** Returns the column's text, or null after reporting it as missing or too long. */
export function requireText(row: RowContext, column: string): string | null {
  const value = row.values[column] ?? '';
  if (value === '') {
    row.issues.error(row.file, row.line, column, value, 'row.required');
    return null;
  }

  const max = MAX_TEXT_LENGTH[column] ?? DEFAULT_MAX_TEXT_LENGTH;
  if (Array.from(value).length > max) {
    row.issues.error(row.file, row.line, column, value, 'row.tooLong', { max });
    return null;
  }
  if (CONTROL_CHARACTER.test(value)) {
    row.issues.error(row.file, row.line, column, value, 'row.controlCharacter');
    return null;
  }
  return value;
}

/** Like requireText, and the value must be a plain identifier (letters, digits, - and _). */
export function requireIdentifier(row: RowContext, column: string): string | null {
  const value = requireText(row, column);
  if (value === null) return null;

  if (!IDENTIFIER_PATTERN.test(value)) {
    row.issues.error(row.file, row.line, column, value, 'row.invalidIdentifier');
    return null;
  }
  return value;
}

// Mainland China has used UTC+8 all year since 1991, so "today" there is a fixed offset away.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Returns today's date (YYYY-MM-DD) in China at the instant `now`. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Returns true for a real calendar date written YYYY-MM-DD from 1900 on; plausibility is the caller's. */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;

  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Returns true for a period written YYYY or YYYY-MM with a real month; the year's range is the caller's. */
export function isRealPeriod(text: string): boolean {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (!match) return false;

  const month = match[2] === undefined ? 1 : Number(match[2]);
  return month >= 1 && month <= 12;
}
