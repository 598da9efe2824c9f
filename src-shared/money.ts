// Money is integer fen (分, 1/100 yuan) everywhere; yuan appear only as text for people.

export type YuanParse =
  | { ok: true; fen: number }
  | { ok: false; problem: 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals' | 'too-large' };

// Largest amount accepted: 10 billion yuan in fen, far below Number.MAX_SAFE_INTEGER.
export const MAX_FEN = 1_000_000_000_000;

/**
 * Parses a yuan amount written with at most two decimals ("1234", "1234.5", "1,234.50") into
 * integer fen by string arithmetic, so no floating-point rounding ever touches the value.
 */
export function parseYuanToFen(text: string): YuanParse {
  const value = text.trim().replace(/,/g, '').replace(/^¥|元$/g, '');
  if (value.length === 0) return { ok: false, problem: 'empty' };
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
