import { describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import { applyKey, describeIdInput, groupIdDigits, isKeyEnabled, keypadKeyOf } from '../../src-renderer/id-input/id-input.js';
import type { KeypadKey } from '../../src-renderer/id-input/id-input.js';

const FIRST17 = '43012419580312010';
const VALID = FIRST17 + computeCheckCharacter(FIRST17);
const TODAY = new Date('2025-07-01T00:00:00Z');

function typeKeys(keys: string, start = ''): string {
  return [...keys].reduce((input, key) => applyKey(input, key as KeypadKey), start);
}

describe('keypad input rules', () => {
  it('appends digits up to 18 characters', () => {
    expect(typeKeys('1234')).toBe('1234');
    expect(typeKeys(`${VALID}999`)).toBe(VALID);
  });

  it('accepts X only as the 18th character', () => {
    expect(applyKey('', 'X')).toBe('');
    expect(applyKey('1234', 'X')).toBe('1234');
    expect(applyKey(FIRST17, 'X')).toBe(`${FIRST17}X`);
    expect(isKeyEnabled(FIRST17, 'X')).toBe(true);
    expect(isKeyEnabled(`${FIRST17}X`, 'X')).toBe(false);
  });

  it('deletes the last character and clears all', () => {
    expect(applyKey('4301', 'backspace')).toBe('430');
    expect(applyKey('', 'backspace')).toBe('');
    expect(applyKey(VALID, 'clear')).toBe('');
  });

  it('disables digits at 18 characters', () => {
    expect(isKeyEnabled(VALID, '5')).toBe(false);
    expect(isKeyEnabled(VALID, 'backspace')).toBe(true);
    expect(isKeyEnabled('', 'clear')).toBe(false);
  });

  it('maps physical keys to keypad keys', () => {
    expect(keypadKeyOf('7')).toBe('7');
    expect(keypadKeyOf('x')).toBe('X');
    expect(keypadKeyOf('Backspace')).toBe('backspace');
    expect(keypadKeyOf('Escape')).toBe('clear');
    expect(keypadKeyOf('a')).toBeNull();
  });
});

describe('ID display grouping', () => {
  it('groups 6-8-4 as typed', () => {
    expect(groupIdDigits('')).toEqual([]);
    expect(groupIdDigits('4301')).toEqual(['4301']);
    expect(groupIdDigits('430124195803')).toEqual(['430124', '195803']);
    expect(groupIdDigits(VALID)).toEqual(['430124', '19580312', VALID.slice(14)]);
  });
});

describe('ID input feedback', () => {
  it('counts digits while typing', () => {
    expect(describeIdInput('', TODAY)).toEqual({ kind: 'empty' });
    expect(describeIdInput('43012419', TODAY)).toEqual({ kind: 'typing', typed: 8 });
  });

  it('accepts a number with the right check character', () => {
    expect(describeIdInput(VALID, TODAY)).toEqual({ kind: 'valid', legacy: false });
  });

  it('reports a wrong check character', () => {
    const wrong = FIRST17 + (computeCheckCharacter(FIRST17) === '1' ? '2' : '1');
    expect(describeIdInput(wrong, TODAY)).toEqual({ kind: 'problem', problem: 'invalid-checksum' });
  });

  it('reports an impossible birth date', () => {
    const first17 = '43012419581332010';
    expect(describeIdInput(first17 + computeCheckCharacter(first17), TODAY)).toEqual({
      kind: 'problem',
      problem: 'invalid-birth-date',
    });
  });

  it('accepts a 15-digit legacy number', () => {
    expect(describeIdInput('430124580312010', TODAY)).toEqual({ kind: 'valid', legacy: true });
  });

  it('keeps typing after an invalid 15-digit prefix', () => {
    expect(describeIdInput('430124199913450', TODAY)).toEqual({ kind: 'typing', typed: 15 });
  });
});
