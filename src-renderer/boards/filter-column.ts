// Layout rules of the filter chip box. Every line of chips is 60 px high with 8 px between lines,
// and a scroll stops at the top of a line, so a box whose height is whole lines never cuts a chip.

/** Height of one chip line including the gap below it, in CSS pixels. */
export const CHIP_LINE_PITCH = 68;
export const CHIP_LINE_GAP = 8;

/** Year chips shown before "更早年份": the newest years, which villagers ask about most. */
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
 * Returns the year chips to show: all years when they are few, when the villager asked for all,
 * or when the chosen year is an older one; otherwise the newest few, with `hidden` counting the rest.
 */
export function shownYears(years: readonly number[], chosen: number | undefined, expanded: boolean): { years: readonly number[]; hidden: number } {
  const newest = years.slice(0, NEWEST_YEARS_SHOWN);
  const collapse = !expanded && years.length > NEWEST_YEARS_SHOWN + 1 && (chosen === undefined || newest.includes(chosen));
  return collapse ? { years: newest, hidden: years.length - newest.length } : { years, hidden: 0 };
}
