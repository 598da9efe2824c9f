// Matching what a villager types on the on-screen keyboard against the pinyin of a word.
// Typed letters match when they split into prefixes of the word's syllables, in order and
// starting with the first: for 低保 (di bao), "dibao", "db", "dib" and "dba" all match, and so
// does a prefix of the whole word ("d"). The letter u also matches ü, which is written v.
import { pinyin } from 'pinyin-pro';

const SYLLABLE = /^[a-z]+$/;

/**
 * Returns the toneless syllables of a Chinese word as pinyin-pro reads it in context (长沙 ->
 * chang sha), with ü written v. Returns undefined when a character has no known reading.
 */
export function wordSyllables(word: string): string[] | undefined {
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true }).map((syllable) => syllable.replaceAll('ü', 'v'));
  return syllables.length > 0 && syllables.every((syllable) => SYLLABLE.test(syllable)) ? syllables : undefined;
}

/** Checks whether typed letters are prefixes of the syllables, in order, from the first syllable on. */
export function matchesSyllables(typed: string, syllables: readonly string[]): boolean {
  if (typed.length === 0 || syllables.length === 0) return false;

  // Positions (typed index, syllable index) known to fail, so repeated letters stay linear.
  const failed = new Set<number>();

  const matchFrom = (typedIndex: number, syllableIndex: number): boolean => {
    if (typedIndex === typed.length) return true;
    if (syllableIndex === syllables.length) return false;

    const key = typedIndex * 64 + syllableIndex;
    if (failed.has(key)) return false;

    const syllable = syllables[syllableIndex]!;
    for (let length = 1; length <= syllable.length && typedIndex + length <= typed.length; length++) {
      if (!sameLetter(typed[typedIndex + length - 1]!, syllable[length - 1]!)) break;
      if (matchFrom(typedIndex + length, syllableIndex + 1)) return true;
    }

    failed.add(key);
    return false;
  };

  return matchFrom(0, 0);
}

function sameLetter(typed: string, written: string): boolean {
  return typed === written || (typed === 'u' && written === 'v');
}
