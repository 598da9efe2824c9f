// Splits a search hit's text into plain and matched pieces from the highlight ranges the search
// returns ([start, end) in UTF-16 code units), so the screen can wrap each match in <mark>.
export interface TextSegment {
  text: string;
  marked: boolean;
}

/**
 * Splits the text at the highlight ranges. Ranges may come unsorted or overlapping; each is
 * clamped to the text, and overlapping or touching ranges are merged into one mark.
 */
export function highlightSegments(text: string, ranges: readonly (readonly [number, number])[]): TextSegment[] {
  const clamped = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);

  const merged: [number, number][] = [];
  for (const [start, end] of clamped) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }

  const segments: TextSegment[] = [];
  let position = 0;
  for (const [start, end] of merged) {
    if (start > position) segments.push({ text: text.slice(position, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    position = end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), marked: false });
  return segments;
}
