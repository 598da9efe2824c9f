// Layout rules of the filter chip box. Every line of chips is 60 px high with 8 px between lines,
// and a scroll stops at the top of a line, so a box whose height is whole lines never cuts a chip.
// NOTE: a chip whose text wraps breaks that pitch. At 1366x768 the large-amount chip of the
// finance ledger wraps to 73 px, so its lowest 13 px can fall under the box's lower edge.

/** Height of one chip line including the gap below it, in CSS pixels. */
export const CHIP_LINE_PITCH = 68;
export const CHIP_LINE_GAP = 8;

/** Number of newest year chips shown before the "更早年份" chip. */
export const NEWEST_YEARS_SHOWN = 5;

/** Returns the tallest box height of whole chip lines that fits in `available` pixels, at least one line. */
export function wholeLinesHeight(available: number): number {
  const lines = Math.max(1, Math.floor((available + CHIP_LINE_GAP) / CHIP_LINE_PITCH));
  return lines * CHIP_LINE_PITCH - CHIP_LINE_GAP;
}

/** Tells whether a scrolling box has content below its visible part, allowing 1 px of rounding. */
export function hasMoreBelow(box: { scrollTop: number; clientHeight: number; scrollHeight: number }): boolean {
  return box.scrollTop + box.clientHeight < box.scrollHeight - 1;
}

/**
 * Returns the year chips to show and how many are hidden. All years show when they are few, when
 * the villager opened them, or when the chosen year is an older one. Otherwise the newest few show.
 */
export function shownYears(years: readonly number[], chosen: number | undefined, expanded: boolean): { years: readonly number[]; hidden: number } {
  const newest = years.slice(0, NEWEST_YEARS_SHOWN);
  const collapse = !expanded && years.length > NEWEST_YEARS_SHOWN + 1 && (chosen === undefined || newest.includes(chosen));
  return collapse ? { years: newest, hidden: years.length - newest.length } : { years, hidden: 0 };
}
