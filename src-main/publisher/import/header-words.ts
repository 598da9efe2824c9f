// Header words and their normal form, shared by the table finder (which recognises the header row
// by them) and the header mapper (which maps columns by them). The words themselves are the
// headers of the import fields.
import { IMPORT_FIELDS } from './import-fields.js';

// Headers that mark a department's header row without naming a field that the import reads.
const OTHER_HEADER_WORDS = ['开户银行'];

/** Every header word, for finding the header row. */
export const ALL_HEADER_WORDS: ReadonlySet<string> = new Set([
  ...Object.values(IMPORT_FIELDS).flatMap((spec) => spec.headers),
  ...OTHER_HEADER_WORDS,
]);

// Full-width ASCII forms (U+FF01-FF5E): letters, digits, brackets, colon and slash.
const FULL_WIDTH = /[\uff01-\uff5e]/g;
// A unit in yuan after the header: "(元)", "(人民币元)", "(单位:元)". A header in 万元 keeps its unit,
// because reading ten-thousands as yuan would be wrong by a factor of 10,000.
const YUAN_UNIT = /\((?:单位:)?(?:人民币)?元\)$|\(yuan\)$/i;
// Templates mark required columns with an asterisk: "*姓名", "姓名*".
const REQUIRED_MARK = /^\*+|\*+$/g;

/**
 * Normalises header text for comparison. It removes all white space, because exports space out
 * short headers such as "姓  名" and break long ones over lines. It turns full-width characters
 * into ASCII ones ("（元）" into "(元)") and drops an asterisk and a trailing unit in yuan.
 */
export function normaliseHeaderWord(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(FULL_WIDTH, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(REQUIRED_MARK, '')
    .replace(YUAN_UNIT, '');
}

const NORMALISED_WORDS = new Set([...ALL_HEADER_WORDS].map(normaliseHeaderWord));
const LONG_WORDS = [...NORMALISED_WORDS].filter((word) => word.length >= 2);

/**
 * Tells whether a cell's text looks like a known header. Words of two or more characters also
 * match inside longer headers ("身份证号码（18位）"); one-character words (村, 组) match only alone.
 */
export function isHeaderWord(text: string): boolean {
  const normalised = normaliseHeaderWord(text);
  if (normalised.length === 0 || normalised.length > 20) return false;
  if (NORMALISED_WORDS.has(normalised)) return true;
  return LONG_WORDS.some((word) => normalised.includes(word));
}
