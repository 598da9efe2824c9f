// Tokenizer for mixed Chinese and Latin text, shared by the index, the query and the highlighter.
//
// SQLite's unicode61 tokenizer splits only on spaces and punctuation, so a Chinese sentence would
// be one long token, and the trigram tokenizer matches no query shorter than three characters.
// So the text is tokenized here before it reaches SQLite: a run of CJK characters becomes its
// overlapping bigrams (张三丰 -> 张三 三丰) and, separately, its single characters, and a run of
// other letters and digits becomes one word, lower-cased and without diacritics. unicode61 then
// only has to split the result on spaces.

/** A run of CJK characters (`cjk`) or of other letters and digits (`word`), after NFKC. */
export interface TextSegment {
  kind: 'cjk' | 'word';
  /** The normalized code points of the run. */
  chars: string[];
  /** For each code point, its start and end in the original string, as UTF-16 indices. */
  starts: number[];
  ends: number[];
}

/** A search term: a CJK run of one or more characters, or a folded word. */
export type QueryTerm = { kind: 'cjk'; chars: string[] } | { kind: 'word'; token: string };

/** Token streams of one text, ready for the bigram and the unigram column of the index. */
export interface IndexTokens {
  bigrams: string;
  unigrams: string;
}

// Goes between the bigrams of two CJK runs, so that a phrase cannot match across the gap:
// without it, 低保，保障 would index as "低保 保障" and match the query 低保障. unicode61 keeps a
// private-use character as a token, and segmentText never emits one, so no query contains it.
export const RUN_BREAK = '\uE000';

const CJK_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

/**
 * Splits text into CJK runs and words, normalized with NFKC so that full-width letters, digits
 * and compatibility ideographs match their ordinary forms. Punctuation, spaces and symbols
 * separate runs and are dropped. Offsets always point into the original string.
 */
export function segmentText(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let current: TextSegment | undefined;

  for (const { char, start, end } of normalizedChars(text)) {
    const charClass = classify(char);
    const isLetterOrDigit = charClass !== 'other' && charClass !== 'mark';
    const kind = charClass === 'cjk' ? 'cjk' : 'word';

    // A combining mark belongs to the word before it, and is dropped anywhere else.
    if (charClass === 'mark') {
      if (current?.kind === 'word') appendChar(current, char, start, end);
      continue;
    }

    if (!isLetterOrDigit) {
      current = undefined;
      continue;
    }

    if (current?.kind !== kind) {
      current = { kind, chars: [], starts: [], ends: [] };
      segments.push(current);
    }
    appendChar(current, char, start, end);
  }

  return segments;
}

/** Folds a word for matching: lower case, then without diacritics (zhāng -> zhang). */
export function foldWord(chars: readonly string[]): string {
  return chars.join('').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** Builds the bigram and unigram token streams that indexDocument stores for one field. */
export function indexTokens(text: string): IndexTokens {
  const bigrams: string[] = [];
  const unigrams: string[] = [];
  let lastTokenWasBigram = false;

  for (const segment of segmentText(text)) {
    if (segment.kind === 'word') {
      bigrams.push(foldWord(segment.chars));
      lastTokenWasBigram = false;
      continue;
    }

    unigrams.push(...segment.chars);

    // A one-character run has no bigram, so it leaves lastTokenWasBigram as it was.
    if (segment.chars.length < 2) continue;
    if (lastTokenWasBigram) bigrams.push(RUN_BREAK);
    for (let i = 0; i + 1 < segment.chars.length; i++) {
      bigrams.push(segment.chars[i]! + segment.chars[i + 1]!);
    }
    lastTokenWasBigram = true;
  }

  return { bigrams: bigrams.join(' '), unigrams: unigrams.join(' ') };
}

/** Splits a user's query into distinct terms, in the order they first appear. */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();

  for (const segment of segmentText(query)) {
    const term: QueryTerm =
      segment.kind === 'cjk' ? { kind: 'cjk', chars: segment.chars } : { kind: 'word', token: foldWord(segment.chars) };
    const key = term.kind === 'cjk' ? `c:${term.chars.join('')}` : `w:${term.token}`;
    if (seen.has(key)) continue;

    seen.add(key);
    terms.push(term);
  }

  return terms;
}

type CharClass = 'cjk' | 'word' | 'mark' | 'other';

// Texts repeat a few thousand distinct characters, so each is tested against the Unicode
// property patterns once. The cache is bounded by the number of distinct code points seen.
const charClasses = new Map<string, CharClass>();

function classify(char: string): CharClass {
  let charClass = charClasses.get(char);
  if (charClass === undefined) {
    if (LETTER_OR_DIGIT.test(char)) charClass = CJK_SCRIPT.test(char) ? 'cjk' : 'word';
    else charClass = MARK.test(char) ? 'mark' : 'other';
    charClasses.set(char, charClass);
  }
  return charClass;
}

function appendChar(segment: TextSegment, char: string, start: number, end: number): void {
  segment.chars.push(char);
  segment.starts.push(start);
  segment.ends.push(end);
}

/**
 * Yields the NFKC form of text one code point at a time, each with the range of the original
 * characters it came from. A base character and its combining marks are normalized together,
 * so that e + U+0301 composes to é, and every code point of an expansion (㍻ -> 平成) gets the
 * range of its whole source.
 */
function* normalizedChars(text: string): Generator<{ char: string; start: number; end: number }> {
  // Most texts are already in NFKC without combining marks, so each code point maps to itself.
  if (!MARK.test(text) && text.normalize('NFKC') === text) {
    let start = 0;
    for (const char of text) {
      yield { char, start, end: start + char.length };
      start += char.length;
    }
    return;
  }

  let index = 0;

  while (index < text.length) {
    const start = index;
    index += codePointLength(text, index);
    while (index < text.length && MARK.test(String.fromCodePoint(text.codePointAt(index)!))) {
      index += codePointLength(text, index);
    }

    for (const char of text.slice(start, index).normalize('NFKC')) {
      yield { char, start, end: index };
    }
  }
}

function codePointLength(text: string, index: number): number {
  return text.codePointAt(index)! > 0xffff ? 2 : 1;
}
