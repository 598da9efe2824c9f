// The piece of a hit's body that the result list shows: about SNIPPET_LENGTH characters around
// the first match, with the match highlights moved into the piece.
import type { TextRange } from './highlight.js';

export const SNIPPET_LENGTH = 120;

// Characters of context shown before the first match, so the reader sees how the sentence starts.
const CONTEXT_BEFORE = 30;
const ELLIPSIS = '…';

export interface Snippet {
  text: string;
  /** Highlight ranges on `text`, sorted and non-overlapping. */
  highlights: TextRange[];
}

/**
 * Cuts a snippet out of text around the first highlight (or from the start when there is none).
 * An ellipsis marks each cut end. Ranges are shifted into the snippet, and a range cut by the
 * window is clipped to it. The cut never splits a surrogate pair.
 */
export function makeSnippet(text: string, highlights: readonly TextRange[], length = SNIPPET_LENGTH): Snippet {
  if (text.length <= length) return { text, highlights: highlights.map((range) => ({ ...range })) };

  const first = highlights[0];
  let start = first ? Math.max(0, first.start - CONTEXT_BEFORE) : 0;
  start = Math.min(start, text.length - length);
  start = alignToCodePoint(text, start);
  const end = alignToCodePoint(text, start + length);

  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const shift = prefix.length - start;

  const shifted: TextRange[] = [];
  for (const range of highlights) {
    const clippedStart = Math.max(range.start, start);
    const clippedEnd = Math.min(range.end, end);
    if (clippedStart < clippedEnd) shifted.push({ start: clippedStart + shift, end: clippedEnd + shift });
  }

  return { text: prefix + text.slice(start, end) + suffix, highlights: shifted };
}

// Moves an index that falls between the halves of a surrogate pair back to the pair's start.
function alignToCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
