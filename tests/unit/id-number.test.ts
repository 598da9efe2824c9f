import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  checkPartialIdInput,
  computeCheckCharacter,
  convert15To18,
  isRealBirthDate,
  maskIdNumber,
  normalizeIdInput,
} from '../../src-shared/id-number.js';

// Worked example of GB 11643-1999, appendix: 11010519491231002X.
const STANDARD_EXAMPLE = '11010519491231002X';

describe('computeCheckCharacter', () => {
  it('matches the standard example', () => {
    expect(computeCheckCharacter(STANDARD_EXAMPLE.slice(0, 17))).toBe('X');
  });

  it('matches a known number ending in a digit', () => {
    // 440524188001010014: example used in the standard's commentary, check digit 4.
    expect(computeCheckCharacter('44052418800101001')).toBe('4');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => computeCheckCharacter('123')).toThrow(RangeError);
    expect(() => computeCheckCharacter('4405241880010100X')).toThrow(RangeError);
  });
});

describe('checkIdNumber', () => {
  const today = new Date('2026-12-04T00:00:00Z');

  it('accepts a valid 18-digit number', () => {
    const result = checkIdNumber(STANDARD_EXAMPLE, today);
    expect(result).toEqual({
      ok: true,
      idNumber: STANDARD_EXAMPLE,
      birthDate: '1949-12-31',
      regionPrefix: '110105',
      convertedFrom15: false,
    });
  });

  it('accepts a lower-case x and spaces', () => {
    const result = checkIdNumber(' 110105 19491231 002x ', today);
    expect(result.ok).toBe(true);
  });

  it('converts a legacy 15-digit number', () => {
    const result = checkIdNumber('110105491231002', today);
    expect(result).toMatchObject({ ok: true, idNumber: STANDARD_EXAMPLE, convertedFrom15: true });
  });

  it.each([
    ['', 'empty'],
    ['11010519491231002A', 'invalid-characters'],
    ['1101051949123100X2', 'invalid-characters'],
    ['1101051949123100', 'invalid-length'],
    ['11010519491231002X1', 'invalid-length'],
    ['110105194913310025', 'invalid-birth-date'],
    ['110105189912310020', 'invalid-birth-date'],
    ['110105202701010020', 'invalid-birth-date'],
    ['110105194902300028', 'invalid-birth-date'],
    ['110105194912310021', 'invalid-checksum'],
    ['11010549123100X', 'invalid-characters'],
  ])('rejects %j as %s', (input, problem) => {
    const result = checkIdNumber(input, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe(problem);
  });

  it('rejects a 15-digit number with an impossible date', () => {
    const result = checkIdNumber('110105491331002', today);
    expect(result).toEqual({ ok: false, problem: 'invalid-birth-date' });
  });
});

describe('convert15To18', () => {
  it('inserts 19 and appends the check character', () => {
    expect(convert15To18('110105491231002')).toBe(STANDARD_EXAMPLE);
  });
});

describe('isRealBirthDate', () => {
  it('knows leap years', () => {
    expect(isRealBirthDate('20000229')).toBe(true);
    expect(isRealBirthDate('19000229')).toBe(false);
    expect(isRealBirthDate('20230229')).toBe(false);
  });
});

describe('checkPartialIdInput', () => {
  it('accepts prefixes that can still become valid', () => {
    expect(checkPartialIdInput('')).toBeNull();
    expect(checkPartialIdInput('4312')).toBeNull();
    expect(checkPartialIdInput('43122619800101123')).toBeNull();
  });

  it('reports an X before the last position', () => {
    expect(checkPartialIdInput('4312X')).toBe('invalid-characters');
  });

  it('reports the checksum once all 18 characters are typed', () => {
    expect(checkPartialIdInput('110105194912310021')).toBe('invalid-checksum');
    expect(checkPartialIdInput(STANDARD_EXAMPLE)).toBeNull();
  });

  it('reports input that is too long', () => {
    expect(checkPartialIdInput(`${STANDARD_EXAMPLE}1`)).toBe('invalid-length');
  });
});

describe('normalizeIdInput and maskIdNumber', () => {
  it('normalises spaces and case', () => {
    expect(normalizeIdInput(' 1101 05x ')).toBe('110105X');
  });

  it('keeps only the first 3 and last 2 characters', () => {
    expect(maskIdNumber(STANDARD_EXAMPLE)).toBe('110*************2X');
    expect(maskIdNumber(STANDARD_EXAMPLE)).not.toContain('19491231');
  });
});
