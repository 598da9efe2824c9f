// The editing logic of the on-screen Chinese keyboard, without a DOM. Letters build a pinyin
// buffer, and candidates (words first, then single characters) replace letters of the buffer
// with text. Backspace empties the buffer before it touches the text, and the text never grows
// past its maximum length. Every rejected step returns a problem for the screen to show.
import type { CandidateTable } from './candidate-table.js';
import type { ComplaintWord } from './complaint-words.js';

// SuggestRequestSchema accepts at most 30 letters, and no syllable is longer than six.
export const MAX_PINYIN_LETTERS = 30;

export interface Candidate {
  text: string;
  kind: 'word' | 'character';
  /** Number of letters at the start of the buffer that this candidate replaces. */
  lettersReplaced: number;
}

export interface EditorState {
  text: string;
  /** Lower-case pinyin letters typed but not yet turned into text. */
  pinyin: string;
}

export type EditProblem =
  | { kind: 'text-full'; maxLength: number }
  | { kind: 'does-not-fit'; candidate: string; remaining: number }
  | { kind: 'pinyin-full'; maxLetters: number }
  | { kind: 'pinyin-pending' };

export interface EditResult {
  state: EditorState;
  /** Null when the step was applied. Otherwise the state is the unchanged input state. */
  problem: EditProblem | null;
}

export interface CandidatePage {
  candidates: Candidate[];
  /** Zero-based, clamped into the pages that exist. */
  pageIndex: number;
  pageCount: number;
}

// NOTE: length counts UTF-16 code units like the zod `.max()` on the report text. Every key and
// candidate of this keyboard is one code unit per character, so it equals the characters shown.
function lengthOf(text: string): number {
  return text.length;
}

/**
 * Returns true when the pinyin spells the syllables from the start, each syllable written in full
 * or by its first letters: "dibao", "db" and "dib" all match 低保 (di bao).
 */
export function pinyinMatchesSyllables(pinyin: string, syllables: readonly string[]): boolean {
  if (pinyin === '') return true;
  const [first, ...rest] = syllables;
  if (first === undefined) return false;

  for (let letters = Math.min(first.length, pinyin.length); letters >= 1; letters -= 1) {
    if (!first.startsWith(pinyin.slice(0, letters))) continue;
    if (pinyinMatchesSyllables(pinyin.slice(letters), rest)) return true;
  }
  return false;
}

/** Lists the built-in words whose pinyin the buffer spells, in the list's order. */
export function matchComplaintWords(pinyin: string, words: readonly ComplaintWord[]): string[] {
  if (pinyin === '') return [];
  return words.filter((entry) => pinyinMatchesSyllables(pinyin, entry.syllables)).map((entry) => entry.word);
}

/**
 * Lists single characters for the start of the buffer. The longest syllable of the table that
 * begins the buffer gives its characters and is the part they replace. A buffer that begins with
 * no whole syllable ("zh") gets the first character of every syllable it begins, replacing it all.
 */
export function characterCandidates(pinyin: string, table: CandidateTable): Candidate[] {
  if (pinyin === '') return [];

  for (let letters = Math.min(6, pinyin.length); letters >= 1; letters -= 1) {
    const characters = table.get(pinyin.slice(0, letters));
    if (characters) return characters.map((text) => ({ text, kind: 'character', lettersReplaced: letters }));
  }

  const firstCharacters: Candidate[] = [];
  for (const [syllable, characters] of table) {
    const first = characters[0];
    if (syllable.startsWith(pinyin) && first !== undefined) {
      firstCharacters.push({ text: first, kind: 'character', lettersReplaced: pinyin.length });
    }
  }
  return firstCharacters;
}

/**
 * Builds the candidate list for the buffer: the built-in words, then the suggested words, then
 * single characters, each text once. Words replace the whole buffer.
 */
export function buildCandidates(
  pinyin: string,
  builtInWords: readonly string[],
  suggestedWords: readonly string[],
  table: CandidateTable,
): Candidate[] {
  if (pinyin === '') return [];

  const seen = new Set<string>();
  const candidates: Candidate[] = [];

  for (const text of [...builtInWords, ...suggestedWords]) {
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    candidates.push({ text, kind: 'word', lettersReplaced: pinyin.length });
  }

  for (const candidate of characterCandidates(pinyin, table)) {
    if (seen.has(candidate.text)) continue;
    seen.add(candidate.text);
    candidates.push(candidate);
  }
  return candidates;
}

/** Cuts page `pageIndex` of the pages that begin at `starts`. An out-of-range index gives the nearest page. */
function pageAt(candidates: readonly Candidate[], starts: readonly number[], pageIndex: number): CandidatePage {
  const pageCount = starts.length;
  const clamped = Math.min(Math.max(0, Math.floor(pageIndex)), pageCount - 1);
  return {
    candidates: candidates.slice(starts[clamped], starts[clamped + 1] ?? candidates.length),
    pageIndex: clamped,
    pageCount,
  };
}

/** Cuts one page of `pageSize` candidates. An out-of-range index gives the nearest page. */
export function pageCandidates(candidates: readonly Candidate[], pageIndex: number, pageSize: number): CandidatePage {
  const pageCount = Math.max(1, Math.ceil(candidates.length / pageSize));
  const starts = Array.from({ length: pageCount }, (_, page) => page * pageSize);
  return pageAt(candidates, starts, pageIndex);
}

/** The room a row of candidate buttons has, in CSS pixels, and the width of each button. */
export interface CandidateRow {
  width: number;
  gap: number;
  buttonWidth(candidate: Candidate): number;
}

/**
 * Cuts one page of candidates that fit side by side in `row`, filling each page in order. A
 * candidate wider than the whole row gets a page of its own. An out-of-range index gives the
 * nearest page.
 */
export function pageCandidatesToFit(candidates: readonly Candidate[], pageIndex: number, row: CandidateRow): CandidatePage {
  const starts = [0];
  let used = 0;

  candidates.forEach((candidate, index) => {
    const width = row.buttonWidth(candidate);
    const firstOnPage = index === starts[starts.length - 1];
    if (firstOnPage) {
      used = width;
    } else if (used + row.gap + width > row.width) {
      starts.push(index);
      used = width;
    } else {
      used += row.gap + width;
    }
  });
  return pageAt(candidates, starts, pageIndex);
}

function rejected(state: EditorState, problem: EditProblem): EditResult {
  return { state, problem };
}

/** Adds a letter to the pinyin buffer. */
export function typePinyinLetter(state: EditorState, letter: string, maxLength: number): EditResult {
  if (!/^[a-z]$/.test(letter)) throw new Error(`typePinyinLetter expects one letter a to z, got "${letter}"`);
  // A full text could take no character, so letters typed now would only be lost later.
  if (lengthOf(state.text) >= maxLength) return rejected(state, { kind: 'text-full', maxLength });
  if (state.pinyin.length >= MAX_PINYIN_LETTERS) return rejected(state, { kind: 'pinyin-full', maxLetters: MAX_PINYIN_LETTERS });

  return { state: { ...state, pinyin: state.pinyin + letter }, problem: null };
}

/** Appends the candidate to the text and removes the letters it replaces from the buffer. */
export function pickCandidate(state: EditorState, candidate: Candidate, maxLength: number): EditResult {
  const remaining = maxLength - lengthOf(state.text);
  if (lengthOf(candidate.text) > remaining) {
    return rejected(state, { kind: 'does-not-fit', candidate: candidate.text, remaining: Math.max(0, remaining) });
  }

  return {
    state: { text: state.text + candidate.text, pinyin: state.pinyin.slice(candidate.lettersReplaced) },
    problem: null,
  };
}

/**
 * Appends text typed directly: a space, punctuation, a digit or an English letter. While pinyin
 * letters wait for a candidate it is rejected, so the text never mixes in stray pinyin.
 */
export function insertText(state: EditorState, text: string, maxLength: number): EditResult {
  if (state.pinyin !== '') return rejected(state, { kind: 'pinyin-pending' });

  const remaining = maxLength - lengthOf(state.text);
  if (remaining <= 0) return rejected(state, { kind: 'text-full', maxLength });
  if (lengthOf(text) > remaining) return rejected(state, { kind: 'does-not-fit', candidate: text, remaining });

  return { state: { ...state, text: state.text + text }, problem: null };
}

/** Removes the last pinyin letter, or the last character of the text when the buffer is empty. */
export function backspace(state: EditorState): EditorState {
  if (state.pinyin !== '') return { ...state, pinyin: state.pinyin.slice(0, -1) };

  // Array.from splits by code point, so a character outside the BMP goes in one step.
  return { ...state, text: Array.from(state.text).slice(0, -1).join('') };
}
