// Amounts in yuan from department files, read exactly into integer fen. Repairs: a currency sign
// or 元 around the number, thousands separators, zeros after the second decimal. Rejections: a
// third non-zero decimal, a negative amount where none is allowed, anything that is not a number.
import { parseYuanToFen } from '../../../src-shared/money.js';
import type { YuanProblem } from '../../../src-shared/money.js';
import { reject, rejectNonNumeric } from './clean-result.js';
import type { Cleaned, Repair, RejectReason } from './clean-result.js';
import { recordRepair, repairText } from './clean-text.js';
import { cellText } from './source-table.js';
import type { CellValue } from './source-table.js';

export interface AmountOptions {
  /** True when amounts below zero are valid, such as recovered overpayments (追回); false by default. */
  allowNegative?: boolean;
}

const PROBLEM_REASONS: Record<YuanProblem, RejectReason> = {
  empty: 'empty',
  'not-a-number': 'amountNotANumber',
  'currency-sign': 'amountNotANumber',
  'bad-grouping': 'amountBadGrouping',
  negative: 'amountNegative',
  'too-many-decimals': 'amountTooManyDecimals',
  'too-large': 'amountTooLarge',
};

// Currency signs and units written around the amount: ¥1,234, ￥1234, RMB 1234, 1234.50 元, 1234元整.
const UNIT = /^(?:[¥￥]|RMB|CNY|人民币)\s*|\s*(?:元整?|RMB|CNY)$/gi;
// Zeros beyond the second decimal do not change the amount: 1234.500 is 1234.50.
const TRAILING_ZEROS = /^(.*\.\d\d)0+$/;
// Minus signs: ASCII hyphen-minus and U+2212, which word processors substitute.
const MINUS = /^[-\u2212]/;
// Most cells hold a plain amount such as 1234.50: they skip the repairs.
const PLAIN = /^\d+(?:\.\d{1,2})?$/;

/**
 * Returns a number cell's value as decimal text, rounded to the 15 significant digits Excel keeps.
 * A cell holding the double 12.300000000000001 (from a formula) becomes 12.3, while a real third
 * decimal such as 1234.567 stays. Values of 1e21 and more, or below 1e-6, come out in exponent
 * notation, which the amount parser rejects.
 */
export function excelDecimalText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

// A sign with nothing after it (Excel's accounting format writes zero as "-") is not an amount.
function signedProblem(problem: YuanProblem): RejectReason {
  return problem === 'empty' ? 'amountNotANumber' : PROBLEM_REASONS[problem];
}

/** Cleans a cell of an amount column into integer fen. */
export function cleanAmount(cell: CellValue, options: AmountOptions = {}): Cleaned<number> {
  const repairs: Repair[] = [];
  if (cell.kind === 'text' && PLAIN.test(cell.text)) {
    const parsed = parseYuanToFen(cell.text);
    return parsed.ok ? { ok: true, value: parsed.fen, repairs } : reject(PROBLEM_REASONS[parsed.problem], cell.text);
  }

  if (cell.kind !== 'text' && cell.kind !== 'number') return rejectNonNumeric(cell);
  if (cell.kind === 'number' && !Number.isFinite(cell.value)) return reject('amountNotANumber', cell.shown);

  let text = cell.kind === 'number' ? excelDecimalText(cell.value) : repairText(cell.text, repairs, true);

  text = recordRepair(text, 'amountUnit', text.replace(UNIT, ''), repairs);
  if (text === '') return reject('empty', cellText(cell));
  text = recordRepair(text, 'amountTrailingZeros', text.replace(TRAILING_ZEROS, '$1'), repairs);

  const negative = MINUS.test(text);
  if (negative && !options.allowNegative) {
    const magnitude = parseYuanToFen(text.slice(1));
    return reject(magnitude.ok ? 'amountNegative' : signedProblem(magnitude.problem), cellText(cell));
  }

  const parsed = parseYuanToFen(negative ? text.slice(1) : text);
  if (!parsed.ok) return reject(signedProblem(parsed.problem), cellText(cell));

  if (text.includes(',')) recordRepair(text, 'amountGrouping', text.replace(/,/g, ''), repairs);
  return { ok: true, value: negative && parsed.fen !== 0 ? -parsed.fen : parsed.fen, repairs };
}
