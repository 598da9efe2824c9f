// A second redaction pass over log text before the admin screen shows it or a technician takes
// it away on a USB stick. The logger already censors personal fields and long digit runs when it
// writes a line. But log files may contain lines from older versions or from the supervisor, and
// numbers written with spaces or dashes, which the logger's pattern does not match.
import { PERSONAL_FIELDS, scrubText } from '../log.js';

const REDACTED = '[redacted]';

const FIELD_NAMES = PERSONAL_FIELDS.join('|');
// A personal field in a JSON line: "phone":"138...", "idNumber":4301..., with any value up to the next quote or separator.
const JSON_FIELD = new RegExp(`("(?:${FIELD_NAMES})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`, 'g');
// The same field in the logger's text form, "phone=138..., ..." (see toTextLine in log.ts).
const TEXT_FIELD = new RegExp(`(?<![\\w.])((?:${FIELD_NAMES})=)([^,)\\s]+)`, 'g');

// Digits in groups separated by single spaces or dashes, as people write card, ID and phone numbers.
const NO_DIGIT_BEFORE = '(?<![\\d])';
const NO_DIGIT_AFTER = '(?![\\d])';
const SEPARATED_NUMBERS = [
  // Bank cards in groups of four: 6222 0212 3456 7890 (123).
  new RegExp(`${NO_DIGIT_BEFORE}\\d{4}(?:[ -]\\d{4}){3}(?:[ -]\\d{1,4})?${NO_DIGIT_AFTER}`, 'g'),
  // ID numbers as 6-8-4: 430121 19900101 123X.
  new RegExp(`${NO_DIGIT_BEFORE}\\d{6}[ -]\\d{8}[ -]\\d{3}[\\dXx](?![\\dA-Za-z])`, 'g'),
  // Mobile numbers, with or without +86 or 86: 138 1234 5678, 138-1234-5678, +86 13812345678.
  new RegExp(`${NO_DIGIT_BEFORE}(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}${NO_DIGIT_AFTER}`, 'g'),
  // Landline numbers with an area code: 0731-84561234, 010 12345678.
  new RegExp(`${NO_DIGIT_BEFORE}0\\d{2,3}[ -]\\d{7,8}${NO_DIGIT_AFTER}`, 'g'),
];

/** Redacts personal fields and numbers shaped like ID, bank card or phone numbers in one log line. */
export function redactLogLine(line: string): string {
  let text = line.replace(JSON_FIELD, `$1"${REDACTED}"`).replace(TEXT_FIELD, `$1${REDACTED}`);
  for (const pattern of SEPARATED_NUMBERS) {
    // The count includes an ID number's check character X, as scrubText counts it.
    text = text.replace(pattern, (match) => `[${match.replace(/[\s+-]/g, '').length} digits redacted]`);
  }
  return scrubText(text);
}
