// Case numbers of kiosk reports: their shape, the Luhn check digit that catches typing
// mistakes, reading typed input, and the grouped form on screens and receipts.
import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_DIGITS, formatCaseNumber, luhnCheckDigit, makeCaseNumber, parseCaseNumber } from '../../src-shared/case-number.js';

function digitsFrom(sequence: number[]): () => number {
  let index = 0;
  return () => sequence[index++ % sequence.length]!;
}

describe('luhnCheckDigit', () => {
  it('matches published Luhn examples', () => {
    // 7992739871 → 3 and the test card number 4111 1111 1111 111 → 1.
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('411111111111111')).toBe(1);
    expect(luhnCheckDigit('0')).toBe(0);
  });
});

describe('makeCaseNumber', () => {
  it('starts with the filing date and ends with a valid check digit', () => {
    const caseNumber = makeCaseNumber(new Date(2026, 11, 5, 10, 30), digitsFrom([1, 2, 3, 4, 5, 6, 7]));

    expect(caseNumber).toHaveLength(CASE_NUMBER_DIGITS);
    expect(caseNumber.slice(0, 13)).toBe('2612051234567');
    expect(parseCaseNumber(caseNumber)).toEqual({ ok: true, caseNumber });
  });

  it('pads single-digit months and days', () => {
    expect(makeCaseNumber(new Date(2027, 0, 3), digitsFrom([0])).slice(0, 6)).toBe('270103');
  });
});

describe('parseCaseNumber', () => {
  const valid = makeCaseNumber(new Date(2026, 11, 5), digitsFrom([9, 0, 4, 2, 7, 7, 1]));

  it('reads the grouped form, hyphens and full-width digits', () => {
    expect(parseCaseNumber(formatCaseNumber(valid))).toEqual({ ok: true, caseNumber: valid });
    expect(parseCaseNumber(`${valid.slice(0, 6)}-${valid.slice(6)}`)).toEqual({ ok: true, caseNumber: valid });

    const fullWidth = [...valid].map((digit) => String.fromCharCode(0xff10 + Number(digit))).join('');
    expect(parseCaseNumber(fullWidth)).toEqual({ ok: true, caseNumber: valid });
  });

  it('names the problem of a wrong input', () => {
    expect(parseCaseNumber('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseCaseNumber('26120512345A7')).toEqual({ ok: false, problem: 'invalid-characters' });
    expect(parseCaseNumber(valid.slice(0, 12))).toEqual({ ok: false, problem: 'invalid-length' });
  });

  it('rejects a date part that is no calendar date', () => {
    // Each body has a valid check digit, so only the date can make it wrong.
    const bodies = ['2413991234567', '2400151234567', '2402301234567', '2302291234567', '2404311234567'];
    for (const body of bodies) {
      const typed = body + String(luhnCheckDigit(body));
      expect(parseCaseNumber(typed)).toEqual({ ok: false, problem: 'invalid-date' });
    }
  });

  it('accepts 29 February of a leap year', () => {
    const body = '2402291234567';
    const typed = body + String(luhnCheckDigit(body));
    expect(parseCaseNumber(typed)).toEqual({ ok: true, caseNumber: typed });
  });

  it('rejects every single mistyped digit', () => {
    for (let position = 0; position < valid.length; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === valid[position]) continue;

        const typed = valid.slice(0, position) + String(digit) + valid.slice(position + 1);
        expect(parseCaseNumber(typed)).toEqual({ ok: false, problem: 'invalid-checksum' });
      }
    }
  });

  it('rejects swapped neighbours unless 0 and 9 or equal', () => {
    for (let position = 0; position + 1 < valid.length; position += 1) {
      const [left, right] = [valid[position]!, valid[position + 1]!];
      if (left === right || `${left}${right}` === '09' || `${left}${right}` === '90') continue;

      const swapped = valid.slice(0, position) + right + left + valid.slice(position + 2);
      expect(parseCaseNumber(swapped).ok).toBe(false);
    }
  });
});

describe('formatCaseNumber', () => {
  it('groups by four from the left', () => {
    expect(formatCaseNumber('26120512345678')).toBe('2612 0512 3456 78');
  });
});
