// Amounts in yuan from department files, read exactly into integer fen. Repairs: a currency sign
// or 元 around the number, thousands separators, zeros after the second decimal. Rejections: a
// third non-zero decimal, a negative amount where none is allowed, anything that is not a number.
import { parseYuanToFen } from '../../../src-shared/money.js';
import type { YuanProblem } from '../../../src-shared/money.js';
import { cellText, reject } from './clean-result.js';
import type { Cleaned, Repair, RejectReason } from './clean-result.js';
import { recordRepair, repairText } from './clean-text.js';
import type { CellValue } from './source-table.js';

export interface AmountOptions {
  /** Accept amounts below zero, such as recovered overpayments (追回). Off unless a column allows it. */
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
 * Returns the decimal text Excel shows for a number cell in General format, without exponent for
 * amounts. Excel keeps 15 significant digits, so a cell holding the double 12.300000000000001
 * (written by a formula) is 12.3, while a real third decimal such as 1234.567 stays visible.
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

  let text: string;
  switch (cell.kind) {
    case 'empty':
      return reject('empty', '');
    case 'date':
    case 'boolean':
      return reject('wrongCellType', cellText(cell));
    case 'number':
      if (!Number.isFinite(cell.value)) return reject('amountNotANumber', cell.shown);
      text = excelDecimalText(cell.value);
      break;
    case 'text':
      text = repairText(cell.text, repairs, true);
      break;
  }

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
