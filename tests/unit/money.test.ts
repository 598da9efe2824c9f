import { describe, expect, it } from 'vitest';
import { MAX_FEN, fenToYuanText, formatFenAsYuan, parseYuanToFen } from '../../src-shared/money.js';

describe('parseYuanToFen', () => {
  it.each([
    ['0', 0],
    ['105', 10_500],
    ['105.5', 10_550],
    ['105.50', 10_550],
    ['0.01', 1],
    ['1,234.56', 123_456],
    ['  360.00 ', 36_000],
    ['12,345', 1_234_500],
    ['1,234,567.5', 123_456_750],
    // 0.1 + 0.2 style inputs that break floating point.
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
    ['99999999999.99', 9_999_999_999_999],
  ])('parses %j as %d fen', (text, fen) => {
    const result = parseYuanToFen(text);
    if (fen > MAX_FEN) {
      expect(result).toEqual({ ok: false, problem: 'too-large' });
    } else {
      expect(result).toEqual({ ok: true, fen });
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-1', 'negative'],
    ['-0.50', 'negative'],
    ['1.234', 'too-many-decimals'],
    ['abc', 'not-a-number'],
    ['1e5', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['.5', 'not-a-number'],
    ['NaN', 'not-a-number'],
    ['100000000000000', 'too-large'],
    ['¥20000', 'currency-sign'],
    ['￥5', 'currency-sign'],
    ['12.3元', 'currency-sign'],
    ['1,2,3.00', 'bad-grouping'],
    ['1,,5.00', 'bad-grouping'],
    ['12,34', 'bad-grouping'],
    ['1234,567', 'bad-grouping'],
    [',123', 'bad-grouping'],
    ['1,234,', 'bad-grouping'],
    ['1,234.5x', 'not-a-number'],
  ])('rejects %j as %s', (text, problem) => {
    expect(parseYuanToFen(text)).toEqual({ ok: false, problem });
  });

  it('returns integers for every two-decimal amount up to 100 yuan', () => {
    for (let fen = 0; fen <= 10_000; fen += 1) {
      const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
      expect(parseYuanToFen(text)).toEqual({ ok: true, fen });
    }
  });
});

describe('formatFenAsYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10_550, '105.50'],
    [123_456_789, '1,234,567.89'],
    [-250, '-2.50'],
  ])('formats %d fen as %j', (fen, text) => {
    expect(formatFenAsYuan(fen)).toBe(text);
  });

  it('rejects fractional fen', () => {
    expect(() => formatFenAsYuan(1.5)).toThrow(RangeError);
  });

  it('round-trips through fenToYuanText', () => {
    expect(parseYuanToFen(fenToYuanText(123_456_789))).toEqual({ ok: true, fen: 123_456_789 });
  });
});
