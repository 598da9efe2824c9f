// Resident identity numbers (居民身份证号码) as defined by GB 11643-1999: 17 digits
// (6-digit region code, 8-digit birth date, 3-digit sequence) and an ISO 7064 MOD 11-2 check
// character, 0-9 or X. Legacy 15-digit numbers (two-digit year, no check character) are
// converted to the 18-digit form, as the standard's conversion rule prescribes.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export type IdNumberProblem =
  | 'empty'
  | 'invalid-characters'
  | 'invalid-length'
  | 'invalid-birth-date'
  | 'invalid-checksum';

export type IdNumberCheck =
  | { ok: true; idNumber: string; birthDate: string; regionPrefix: string; convertedFrom15: boolean }
  | { ok: false; problem: IdNumberProblem };

/** Removes spaces and upper-cases a trailing x, the forms people actually type. */
export function normalizeIdInput(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Computes the check character for the first 17 digits. */
export function computeCheckCharacter(first17: string): string {
  // Character codes rather than a regular expression and Number() per digit, because an import
  // checks a million numbers.
  let valid = first17.length === 17;
  let sum = 0;
  for (let index = 0; valid && index < 17; index += 1) {
    const digit = first17.charCodeAt(index) - 48;
    valid = digit >= 0 && digit <= 9;
    sum += digit * WEIGHTS[index]!;
  }

  if (!valid) throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Returns true when YYYYMMDD is a real calendar date between 1900-01-01 and today. */
export function isRealBirthDate(yyyymmdd: string, today: Date = new Date()): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;

  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;

  return day <= daysInMonth(year, month) && Date.UTC(year, month - 1, day) <= today.getTime();
}

/** Returns the number of days of a month (1-12) in the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const isLeapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && isLeapYear ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Converts a legacy 15-digit number: the year gains "19" and a check character is appended. */
export function convert15To18(legacy: string): string {
  const first17 = `${legacy.slice(0, 6)}19${legacy.slice(6)}`;
  return first17 + computeCheckCharacter(first17);
}

/** Validates an 18-digit or legacy 15-digit ID number and returns its 18-digit form. */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberCheck {
  const value = normalizeIdInput(input);
  if (value.length === 0) return { ok: false, problem: 'empty' };
  if (!/^[\dX]*$/.test(value)) return { ok: false, problem: 'invalid-characters' };
  if (value.length !== 15 && value.length !== 18) return { ok: false, problem: 'invalid-length' };
  if (!/^\d*X?$/.test(value)) return { ok: false, problem: 'invalid-characters' };

  let idNumber: string;
  let convertedFrom15 = false;
  if (value.length === 15) {
    // Legacy numbers have no check character, so an X cannot appear in them.
    if (value.endsWith('X')) return { ok: false, problem: 'invalid-characters' };
    idNumber = convert15To18(value);
    convertedFrom15 = true;
  } else {
    idNumber = value;
  }

  const birthDate = idNumber.slice(6, 14);
  if (!isRealBirthDate(birthDate, today)) return { ok: false, problem: 'invalid-birth-date' };
  if (computeCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { ok: false, problem: 'invalid-checksum' };
  }

  return {
    ok: true,
    idNumber,
    birthDate: `${birthDate.slice(0, 4)}-${birthDate.slice(4, 6)}-${birthDate.slice(6, 8)}`,
    regionPrefix: idNumber.slice(0, 6),
    convertedFrom15,
  };
}

/** Feedback while someone is still typing: problems that more digits cannot fix. */
export function checkPartialIdInput(input: string): IdNumberProblem | null {
  const value = normalizeIdInput(input);
  if (!/^[\dX]*$/.test(value)) return 'invalid-characters';
  if (value.length > 18) return 'invalid-length';
  if (!/^\d*X?$/.test(value) || (value.endsWith('X') && value.length !== 18)) return 'invalid-characters';
  if (value.length === 18) {
    const result = checkIdNumber(value);
    return result.ok ? null : result.problem;
  }
  return null;
}

/** Masks an ID number for display, keeping the first 3 and last 2 characters. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 5) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 5) + idNumber.slice(-2);
}
