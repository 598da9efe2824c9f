// The one redaction of personal data in text. The logger applies it to every message it writes,
// the incident log to every detail, and the admin screen again to every log line it shows or
// exports, because log files may contain lines from older versions or from the supervisor. It removes
// personal fields by name, and numbers shaped like ID, bank card or phone numbers in any common
// spelling: one digit run, or groups split by spaces, dashes or dots, in ASCII or full-width
// digits. Times, versions, IP addresses, byte counts and codes stay readable.

export const REDACTED = '[redacted]';

/**
 * Field names that carry personal data. The logger censors them in log objects (at any of the
 * first 2 levels), so they must be plain identifiers. Matched without regard to case in text.
 */
export const PERSONAL_FIELDS = [
  'idNumber',
  'id_number',
  'idCard',
  'id_card',
  'identityNumber',
  'name',
  'fullName',
  'realName',
  'householder',
  'householderName',
  'holderName',
  'phone',
  'phoneNumber',
  'mobile',
  'tel',
  'telephone',
  'contactPhone',
  'bankAccount',
  'bank_account',
  'accountNumber',
  'cardNumber',
  'bankCard',
  'address',
];

// The same fields as Chinese labels, which a department's data may carry as keys.
const CHINESE_FIELDS = ['姓名', '户主', '电话', '手机', '手机号', '联系电话', '身份证', '身份证号', '地址', '银行账号', '卡号'];

const FIELD_NAMES = [...PERSONAL_FIELDS, ...CHINESE_FIELDS].join('|');
// A personal field in a JSON line: "phone":"138...", "idNumber":4301..., the value up to its closing quote or separator.
const JSON_FIELD = new RegExp(`("(?:${FIELD_NAMES})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`, 'gi');
// The same field in the logger's text form, "(name=王五, phone=138 1234 5678)" (see toTextLine in
// log.ts): the value runs to the next ", key=" or to the closing parenthesis at the line's end.
const TEXT_FIELD = new RegExp(`(?<![\\w.])((?:${FIELD_NAMES})=)((?:(?!, [^\\s,=()]+=)(?!\\)\\s*$)[^\\n])*)`, 'gi');

// ASCII and full-width digits, and the separators people put between digit groups: space,
// dash, dot, and their full-width forms.
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SEPARATOR = '[ .\\-\\u3000\\uFF0D\\uFF0E]';
const CHECK_X = '[XxＸｘ]';
// One or more digit groups, the last perhaps ending in an ID number's check character, with an
// optional leading +: 13812345678, 138 1234 5678, 431226 19900101 123X, +86 138-1234-5678.
// The counts are bounded, so a long line of digits and spaces costs linear time and no deep
// backtracking; a run longer than 40 digits is no personal number.
const NUMBER = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])\\+?${DIGIT}{1,40}(?:${SEPARATOR}${DIGIT}{1,40}){0,11}${CHECK_X}?(?![0-9\\uFF10-\\uFF19])`,
  'g',
);
const DIGITS = /[0-9\uFF10-\uFF19XxＸｘ]/g;
const GROUP_SPLIT = /[ .\-\u3000\uFF0D\uFF0E]/;
const ID_NUMBER = /^\d{17}[\dXx]$|^\d{15,19}$/;
const MOBILE = /^(?:86)?1[3-9]\d{9}$/;

function toAscii(digits: string): string {
  return digits.replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30)).replace(/[Ｘｘ]/g, 'X');
}

/**
 * True when a digit sequence looks personal. One run: an ID number (15 or 18 characters), a
 * bank card (16 to 19 digits) or a mobile number (11 digits, perhaps after 86). Groups: 11 to 19
 * characters in all with a group of at least 4 digits, which covers grouped phone, landline, ID
 * and card numbers, while an IP address (groups of at most 3) or a date (8 digits) is kept.
 */
function isPersonal(match: string): boolean {
  const groups = match.replace(/^\+/, '').split(GROUP_SPLIT);
  const digits = toAscii(groups.join(''));
  if (groups.length === 1) return ID_NUMBER.test(digits) || MOBILE.test(digits);
  return digits.length >= 11 && digits.length <= 19 && groups.some((group) => group.length >= 4);
}

// A random identifier such as a report's idempotency key (a UUID) can contain dashed digit groups
// that look like a grouped phone number, as in 12345678-1234-4567-8901-…. It is not personal and
// must stay whole in the log, so a number inside a UUID is kept.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function insideUuid(text: string, offset: number): boolean {
  if (!text.includes('-')) return false;
  for (const uuid of text.matchAll(UUID)) {
    if (offset >= uuid.index && offset < uuid.index + uuid[0].length) return true;
  }
  return false;
}

/** Redacts personal fields by name and numbers shaped like ID, bank card or phone numbers in text. */
export function redactPersonalData(text: string): string {
  // A cheap test first: most log lines hold no long digit sequence and no field name.
  let result = text;
  if (result.includes('=') || result.includes('":')) {
    result = result.replace(JSON_FIELD, `$1"${REDACTED}"`).replace(TEXT_FIELD, `$1${REDACTED}`);
  }
  return result.replace(NUMBER, (match, offset: number, whole: string) => {
    if (match.length < 11 || !isPersonal(match) || insideUuid(whole, offset)) return match;
    return `[${(match.match(DIGITS) ?? []).length} digits redacted]`;
  });
}
