// The key layers of the kiosk keyboard, in simple-keyboard's layout format (rows of
// space-separated keys, function keys in braces). The letter rows come from the Chinese layout
// of simple-keyboard-layouts. The other keys are cut down to what a villager writing a report
// needs. Pinyin layers type full-width Chinese punctuation, English layers half-width.
import { CHINESE_LETTER_ROWS } from './candidate-table.js';

export type KeyLayerName = 'pinyin' | 'english' | 'englishShift' | 'numbers' | 'englishNumbers';

/** Function keys, handled by the input instead of being typed. */
export const FUNCTION_KEYS = {
  backspace: '{bksp}',
  space: '{space}',
  numbers: '{numbers}',
  letters: '{letters}',
  language: '{language}',
  shift: '{shift}',
  clear: '{clear}',
} as const;

const F = FUNCTION_KEYS;

function lettersRow(index: number, upperCase = false): string {
  const row = (CHINESE_LETTER_ROWS[index] ?? []).join(' ');
  return upperCase ? row.toUpperCase() : row;
}

const LETTERS_BOTTOM_ROW = `${F.numbers} ， 。 ？ ${F.space} ${F.language} ${F.clear}`;
const ENGLISH_BOTTOM_ROW = `${F.numbers} , . ? ${F.space} ${F.language} ${F.clear}`;

export const KIOSK_LAYOUT: Record<KeyLayerName, string[]> = {
  pinyin: [lettersRow(0), lettersRow(1), `${lettersRow(2)} ${F.backspace}`, LETTERS_BOTTOM_ROW],
  english: [lettersRow(0), lettersRow(1), `${F.shift} ${lettersRow(2)} ${F.backspace}`, ENGLISH_BOTTOM_ROW],
  englishShift: [
    lettersRow(0, true),
    lettersRow(1, true),
    `${F.shift} ${lettersRow(2, true)} ${F.backspace}`,
    ENGLISH_BOTTOM_ROW,
  ],
  numbers: [
    '1 2 3 4 5 6 7 8 9 0',
    `、 ： ； ！ （ ） 《 》 - ${F.backspace}`,
    `${F.letters} ， 。 ？ ${F.space} ${F.language} ${F.clear}`,
  ],
  englishNumbers: [
    '1 2 3 4 5 6 7 8 9 0',
    `: ; ! ( ) " ' / - ${F.backspace}`,
    `${F.letters} , . ? ${F.space} ${F.language} ${F.clear}`,
  ],
};

/** Keys that switch or delete instead of typing, drawn in the darker action style. */
export const ACTION_KEYS = [F.backspace, F.numbers, F.letters, F.language, F.shift, F.clear].join(' ');
