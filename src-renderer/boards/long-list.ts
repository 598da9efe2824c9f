// Chromium caps an element's height at 2^25 px (33,554,432, measured as scrollHeight in
// Chromium 156), so a virtualised list taller than that cannot scroll to its last rows. At 148 px
// a row, everything past about 226,700 rows is out of reach. A longer list opens on its newest
// year instead. If it is still too tall with a year chosen, a notice requests a month or category.

/** The tallest list height treated as reachable, kept below Chromium's 33,554,432 px cap. */
export const MAX_LIST_HEIGHT_PX = 30_000_000;

export type LongListDecision =
  | { action: 'show' }
  | { action: 'choose-year'; year: number }
  | { action: 'ask-narrower' };

export interface LongListInput {
  total: number;
  rowHeight: number;
  // The year chosen now, if any.
  year: number | undefined;
  // Years offered for this list; empty while the facets load.
  years: readonly number[];
}

export function decideLongList({ total, rowHeight, year, years }: LongListInput): LongListDecision {
  if (total * rowHeight <= MAX_LIST_HEIGHT_PX) return { action: 'show' };
  if (year === undefined && years.length > 0) return { action: 'choose-year', year: Math.max(...years) };
  return { action: 'ask-narrower' };
}
