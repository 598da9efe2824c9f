// Case numbers of reports filed at a kiosk. The terminal gives one at once, offline, so it cannot
// ask the county for a serial number: a case number is the filing date (YYMMDD), seven random
// digits and a Luhn check digit, 14 digits in all. The date shows a case handler the case's age.
// The check digit catches one mistyped digit, or two swapped neighbours, on the 查进度 keypad.
// Ten million numbers a day keep same-day collisions across a county rare (about 1 in 2,000 on a
// day with 100 reports), and `minsheng reports export` flags a case number seen twice.

export const CASE_NUMBER_DIGITS = 14;

/** Computes the Luhn check digit to append to a digit string. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;

  // Walking from the right, every other digit starting with the rightmost is doubled, because
  // the check digit appended after them takes the undoubled position.
  for (let index = 0; index < digits.length; index += 1) {
    let value = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 0) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Makes a case number for a report filed on `date` (the terminal's local date), drawing seven
 * random digits from `randomDigit`, which returns an integer 0–9.
 */
export function makeCaseNumber(date: Date, randomDigit: () => number): string {
  const yymmdd =
    String(date.getFullYear() % 100).padStart(2, '0') +
    String(date.getMonth() + 1).padStart(2, '0') +
    String(date.getDate()).padStart(2, '0');

  let random = '';
  for (let index = 0; index < 7; index += 1) random += String(randomDigit());

  const body = yymmdd + random;
  return body + String(luhnCheckDigit(body));
}

export const CASE_NUMBER_PROBLEMS = ['empty', 'invalid-characters', 'invalid-length', 'invalid-checksum', 'invalid-date'] as const;
export type CaseNumberProblem = (typeof CASE_NUMBER_PROBLEMS)[number];

export type ParsedCaseNumber = { ok: true; caseNumber: string } | { ok: false; problem: CaseNumberProblem };

/**
 * Reads a typed case number. Spaces and hyphens are dropped, because receipts print the number
 * in groups; full-width digits are read as digits, because phone keyboards often type them.
 */
export function parseCaseNumber(input: string): ParsedCaseNumber {
  const compact = input
    .replace(/[\s\u3000-]/g, '')
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 48));

  if (compact.length === 0) return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(compact)) return { ok: false, problem: 'invalid-characters' };
  if (compact.length !== CASE_NUMBER_DIGITS) return { ok: false, problem: 'invalid-length' };

  const body = compact.slice(0, -1);
  if (String(luhnCheckDigit(body)) !== compact.slice(-1)) return { ok: false, problem: 'invalid-checksum' };

  // The date is checked after the check digit, so a mistyped date digit reads as a typing mistake.
  // A number whose check digit fits but whose date names no day was never made by a kiosk.
  if (!isCalendarDate(compact.slice(0, 6))) return { ok: false, problem: 'invalid-date' };
  return { ok: true, caseNumber: compact };
}

/** Checks whether `yymmdd` names a day that exists, reading YY as 20YY like makeCaseNumber. */
function isCalendarDate(yymmdd: string): boolean {
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));

  if (month < 1 || month > 12 || day < 1) return false;

  // Day 0 of the next month is the last day of this one, leap years included.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Formats the number in groups of four for screens and receipts: "2612 0512 3456 78". */
export function formatCaseNumber(caseNumber: string): string {
  return caseNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
}
