// Highlight ranges for search hits, found on the original text with the same tokenizer as the
// index, so that a screen can mark exactly the characters a query matched.
import { foldWord, segmentText } from './tokenize.js';
import type { QueryTerm, TextSegment } from './tokenize.js';

/** A half-open range [start, end) of UTF-16 indices, so `text.slice(start, end)` is the match. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Finds every occurrence of the query terms in text, as sorted ranges on the original string.
 * Overlapping or touching ranges are merged. A CJK term matches inside a single CJK run only,
 * the way the index matches it, and a word term matches whole words only.
 */
export function findHighlights(text: string, terms: readonly QueryTerm[]): TextRange[] {
  const ranges: TextRange[] = [];

  for (const segment of segmentText(text)) {
    for (const term of terms) {
      ranges.push(...matchSegment(segment, term));
    }
  }

  return mergeRanges(ranges);
}

function matchSegment(segment: TextSegment, term: QueryTerm): TextRange[] {
  const last = segment.chars.length - 1;

  if (term.kind === 'word') {
    if (segment.kind !== 'word' || foldWord(segment.chars) !== term.token) return [];
    return [{ start: segment.starts[0]!, end: segment.ends[last]! }];
  }

  if (segment.kind !== 'cjk') return [];

  const ranges: TextRange[] = [];
  const length = term.chars.length;
  for (let i = 0; i + length <= segment.chars.length; i++) {
    if (term.chars.every((char, offset) => segment.chars[i + offset] === char)) {
      ranges.push({ start: segment.starts[i]!, end: segment.ends[i + length - 1]! });
    }
  }
  return ranges;
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];

  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.end) {
      previous.end = Math.max(previous.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }

  return merged;
}
