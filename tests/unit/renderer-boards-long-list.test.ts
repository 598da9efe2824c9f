// The decision that keeps a board list within the height Chromium can scroll, and the source
// line's two newest departments.
import { describe, expect, it } from 'vitest';
import { decideLongList, MAX_LIST_HEIGHT_PX } from '../../src-renderer/boards/long-list.js';
import { shownSources } from '../../src-renderer/boards/SourceLine.js';

const ROW = 148;
const LIMIT_ROWS = Math.floor(MAX_LIST_HEIGHT_PX / ROW);

describe('decideLongList', () => {
  it('shows a list that fits under the cap as it is', () => {
    expect(decideLongList({ total: LIMIT_ROWS, rowHeight: ROW, year: undefined, years: [2024, 2023] })).toEqual({ action: 'show' });
  });

  it('opens a township ledger of 234,056 rows on its newest year', () => {
    expect(decideLongList({ total: 234_056, rowHeight: ROW, year: undefined, years: [2022, 2024, 2023] })).toEqual({
      action: 'choose-year',
      year: 2024,
    });
  });

  it('requests a narrower filter when a year is too long', () => {
    expect(decideLongList({ total: LIMIT_ROWS + 1, rowHeight: ROW, year: 2024, years: [2024] })).toEqual({ action: 'ask-narrower' });
  });

  it('asks for a narrower list when no year is offered', () => {
    expect(decideLongList({ total: 300_000, rowHeight: ROW, year: undefined, years: [] })).toEqual({ action: 'ask-narrower' });
  });
});

describe('shownSources', () => {
  const source = (department: string, publishedOn: string) => ({ department, publishedOn });

  it('names the two newest and counts the rest', () => {
    const result = shownSources([source('县财政局', '2023-01-02'), source('县民政局', '2024-05-01'), source('县水利局', '2024-02-01')]);
    expect(result.named.map((named) => named.department)).toEqual(['县民政局', '县水利局']);
    expect(result.others).toBe(1);
    expect(result.total).toBe(3);
  });

  it('counts nothing when two or fewer departments published', () => {
    expect(shownSources([source('县财政局', '2023-01-02')]).others).toBe(0);
  });
});
