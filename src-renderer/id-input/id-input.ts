// Rules of the on-screen keypad and the feedback shown while an ID number is typed. The keypad
// only produces what an ID number can contain: at most 18 characters, and X only as the 18th.
import { checkIdNumber, checkPartialIdInput } from '../../src-shared/id-number.js';
import type { IdNumberProblem } from '../../src-shared/id-number.js';

export const ID_MAX_LENGTH = 18;

export const DIGIT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
export type KeypadKey = (typeof DIGIT_KEYS)[number] | 'X' | 'backspace' | 'clear';

/** Returns false for a key that would make the input something no ID number can be. */
export function isKeyEnabled(input: string, key: KeypadKey): boolean {
  if (key === 'backspace' || key === 'clear') return input.length > 0;
  if (key === 'X') return input.length === ID_MAX_LENGTH - 1;
  return input.length < ID_MAX_LENGTH;
}

/** Applies one key press; a disabled key leaves the input unchanged. */
export function applyKey(input: string, key: KeypadKey): string {
  if (!isKeyEnabled(input, key)) return input;
  if (key === 'backspace') return input.slice(0, -1);
  if (key === 'clear') return '';
  return input + key;
}

/** Maps a physical keyboard key to a keypad key, or null for keys the keypad does not have. */
export function keypadKeyOf(keyboardKey: string): KeypadKey | null {
  if (/^[0-9]$/.test(keyboardKey)) return keyboardKey as KeypadKey;
  if (keyboardKey === 'x' || keyboardKey === 'X') return 'X';
  if (keyboardKey === 'Backspace') return 'backspace';
  if (keyboardKey === 'Escape' || keyboardKey === 'Delete') return 'clear';
  return null;
}

/** Splits the input as the card prints it: region (6), birth date (8), sequence and check (4). */
export function groupIdDigits(input: string): string[] {
  const groups = [input.slice(0, 6), input.slice(6, 14), input.slice(14, 18)];
  return groups.filter((group) => group.length > 0);
}

export type IdInputState =
  | { kind: 'empty' }
  | { kind: 'typing'; typed: number }
  | { kind: 'valid'; legacy: boolean }
  | { kind: 'problem'; problem: IdNumberProblem };

/** Describes the input for the feedback line; `valid` is the only state that allows a search. */
export function describeIdInput(input: string, today: Date = new Date()): IdInputState {
  if (input.length === 0) return { kind: 'empty' };

  const partialProblem = checkPartialIdInput(input);
  if (partialProblem) return { kind: 'problem', problem: partialProblem };

  // A 15-digit legacy number is complete, but the person may still be typing an 18-digit one.
  const check = checkIdNumber(input, today);
  if (check.ok) return { kind: 'valid', legacy: check.convertedFrom15 };
  if (input.length === ID_MAX_LENGTH) return { kind: 'problem', problem: check.problem };
  return { kind: 'typing', typed: input.length };
}
