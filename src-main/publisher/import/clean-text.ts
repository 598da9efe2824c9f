// Text repairs that every column gets: Excel's ="…" wrapping, invisible characters, full-width
// letters and digits, unusual blanks and stray spaces. Each step that changes the text is
// reported with the text before and after it.
import type { Cleaned, Repair, RepairKind } from './clean-result.js';
import { cellText } from './source-table.js';
import type { CellValue } from './source-table.js';

// Any character that one of the steps below may change. Text without one (most cells: names,
// codes, plain numbers) skips every step, which keeps a million-row import fast.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /^[='\u2018\u2019]|[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\uff0b-\uff1a\uff21-\uff3a\uff41-\uff5a]/;

// Excel writes ="0123" into a CSV so that a leading zero survives being opened again; "" inside is
// an escaped quote.
const EXCEL_FORMULA_TEXT = /^="((?:[^"]|"")*)"$/s;

// Characters that display as nothing: C0 and C1 controls other than tab and line breaks, soft
// hyphen, zero-width space, joiners and direction marks, word joiner and invisible operators, and
// the byte-order mark.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

// Full-width letters and digits (U+FF21-FF3A, U+FF41-FF5A, U+FF10-FF19). Numeric columns also take
// the full-width + , - . / 0-9 : (U+FF0B-FF1A), which Chinese prose must keep as they are.
const FULL_WIDTH_ALPHANUMERIC = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
const FULL_WIDTH_NUMERIC = /[\uff0b-\uff1a\uff21-\uff3a\uff41-\uff5a]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

// Blanks other than the ASCII space: tab, line breaks (Alt+Enter in an Excel cell), no-break
// space, the ideographic space U+3000 and the typographic spaces of U+2000-200A.
const UNUSUAL_SPACE = /[\t\n\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

// Chinese does not separate words with spaces, so spaces between two Han characters are padding,
// typically to line up two-character names with three-character ones ("张  三").
const SPACE_IN_CHINESE =
  /(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]) +(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}])/gu;
const REPEATED_SPACES = / {2,}/g;
// Payment systems write a leading apostrophe (sometimes a curly one) before long numbers, so that
// Excel keeps them as text. A CSV saved from Excel still carries it.
const TEXT_PREFIX = /^['\u2018\u2019]/;

function toHalfWidth(character: string): string {
  return String.fromCharCode(character.charCodeAt(0) - FULL_WIDTH_OFFSET);
}

/** Returns `after`, appending a repair of `kind` when it differs from `text`. */
export function recordRepair(text: string, kind: RepairKind, after: string, repairs: Repair[]): string {
  if (after !== text) repairs.push({ kind, before: text, after });
  return after;
}

/**
 * Repairs text in place of a cell, appending a repair for each step that changed it. `numeric`
 * also turns full-width punctuation of numbers (．，－＋／：) into ASCII and removes a leading
 * apostrophe, for ID numbers, amounts and dates.
 */
export function repairText(text: string, repairs: Repair[], numeric = false): string {
  if (!NEEDS_WORK.test(text)) return text;

  let value = text;
  const wrapped = EXCEL_FORMULA_TEXT.exec(value);
  if (wrapped) value = recordRepair(value, 'excelFormulaText', wrapped[1]!.replace(/""/g, '"'), repairs);

  value = recordRepair(value, 'invisibleCharacters', value.replace(INVISIBLE, ''), repairs);
  value = recordRepair(
    value,
    'fullWidth',
    value.replace(numeric ? FULL_WIDTH_NUMERIC : FULL_WIDTH_ALPHANUMERIC, toHalfWidth),
    repairs,
  );
  value = recordRepair(value, 'unusualSpaces', value.replace(UNUSUAL_SPACE, ' '), repairs);
  value = recordRepair(value, 'trimmedSpaces', value.trim(), repairs);
  value = recordRepair(value, 'spaceInChinese', value.replace(SPACE_IN_CHINESE, ''), repairs);
  value = recordRepair(value, 'repeatedSpaces', value.replace(REPEATED_SPACES, ' '), repairs);
  if (numeric) value = recordRepair(value, 'textPrefix', value.replace(TEXT_PREFIX, ''), repairs);
  return value;
}

/**
 * Cleans a cell of a text column (name, village, item name, remark). A number, date or boolean
 * cell gives the text a spreadsheet program shows, unchanged. Text never rejects: an empty result
 * is the caller's to judge, since many text columns are optional.
 */
export function cleanText(cell: CellValue): Cleaned<string> {
  const repairs: Repair[] = [];
  if (cell.kind !== 'text') return { ok: true, value: cellText(cell), repairs };

  return { ok: true, value: repairText(cell.text, repairs), repairs };
}
