// Money is integer fen (分, 1/100 yuan) everywhere; yuan appear only as text for people.

export type YuanParse =
  | { ok: true; fen: number }
  | { ok: false; problem: YuanProblem };

export type YuanProblem =
  | 'empty'
  | 'not-a-number'
  | 'currency-sign'
  | 'bad-grouping'
  | 'negative'
  | 'too-many-decimals'
  | 'too-large';

// Largest amount accepted: 10 billion yuan in fen, far below Number.MAX_SAFE_INTEGER.
export const MAX_FEN = 1_000_000_000_000;

// A currency sign or unit around the number: the data standard wants the plain number in yuan.
const CURRENCY_SIGN = /^[¥￥]|元$|^RMB|^CNY/i;
// Thousands separators are accepted only between correct groups of three ("12,345", "1,234.50"):
// "1,2,3.00" or "1,,5.00" is a typo, not an amount.
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
// Most amounts are plain ("1234.50"), and ten whole digits stay below MAX_FEN, so they need none
// of the checks of the general path.
const PLAIN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount written with at most two decimals ("1234", "1234.5", "1,234.50") into
 * integer fen by string arithmetic, so no floating-point rounding ever touches the value.
 */
export function parseYuanToFen(text: string): YuanParse {
  const plain = PLAIN.exec(text);
  if (plain) return { ok: true, fen: Number(plain[1]) * 100 + Number((plain[2] ?? '').padEnd(2, '0')) };

  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, problem: 'empty' };
  if (CURRENCY_SIGN.test(trimmed)) return { ok: false, problem: 'currency-sign' };

  const unsigned = trimmed.startsWith('-') ? trimmed.slice(1) : trimmed;
  if (unsigned.includes(',') && !GROUPED.test(unsigned)) {
    return { ok: false, problem: /^[\d,]+(?:\.\d*)?$/.test(unsigned) ? 'bad-grouping' : 'not-a-number' };
  }
  const value = trimmed.replace(/,/g, '');
  if (value.startsWith('-') && /^-\d+(\.\d+)?$/.test(value)) return { ok: false, problem: 'negative' };

  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { ok: false, problem: 'not-a-number' };

  const whole = match[1]!;
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, problem: 'too-many-decimals' };
  if (whole.replace(/^0+/, '').length > 11) return { ok: false, problem: 'too-large' };

  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (fen > MAX_FEN) return { ok: false, problem: 'too-large' };
  return { ok: true, fen };
}

/** Formats fen as yuan with two decimals and thousands separators, e.g. 123450 -> "1,234.50". */
export function formatFenAsYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);

  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const yuan = Math.floor(absolute / 100).toLocaleString('en-US');
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** Writes fen back as a plain yuan string for CSV files, e.g. 10550 -> "105.50". */
export function fenToYuanText(fen: number): string {
  return formatFenAsYuan(fen).replace(/,/g, '');
}
