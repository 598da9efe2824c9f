// @vitest-environment happy-dom
// The filter chip box: whole chip lines only, a hint while chips are below its lower edge, and a
// long year list collapsed to its newest years.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Facets, ListFilters } from '../../src-shared/boards-api.js';
import { hasMoreBelow, shownYears, wholeLinesHeight } from '../../src-renderer/boards/filter-column.js';
import { FilterChips } from '../../src-renderer/boards/FilterChips.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';

// Asset acquisitions from 2023 back to 1995, as in the demo county.
const YEARS = Array.from({ length: 29 }, (_, index) => 2023 - index);

function facets(years: number[]): Facets {
  return { years, periods: [], categories: [{ value: '经营性资产', count: 3 }] };
}

function renderChips(years: number[], filters: ListFilters = {}, onChange: (filters: ListFilters) => void = () => undefined) {
  return render(
    <I18nextProvider i18n={createRendererI18n('zh-CN')}>
      <FilterChips kind="collective-asset" facets={facets(years)} filters={filters} flagThresholdFen={5_000_000} onChange={onChange} />
    </I18nextProvider>,
  );
}

function yearChips(): string[] {
  return [...document.querySelectorAll<HTMLElement>('.chip[data-value]')].map((chip) => chip.dataset.value!).filter((value) => /^\d{4}$/.test(value));
}

afterEach(() => {
  cleanup();
});

describe('wholeLinesHeight', () => {
  it('keeps whole lines of chips', () => {
    expect(wholeLinesHeight(378)).toBe(5 * 68 - 8);
    expect(wholeLinesHeight(182)).toBe(2 * 68 - 8);
    expect(wholeLinesHeight(196)).toBe(3 * 68 - 8);
  });

  it('keeps one line in a tiny box', () => {
    expect(wholeLinesHeight(20)).toBe(60);
  });
});

describe('hasMoreBelow', () => {
  it('sees chips below the edge', () => {
    expect(hasMoreBelow({ scrollTop: 0, clientHeight: 332, scrollHeight: 944 })).toBe(true);
  });

  it('sees the end of the box', () => {
    expect(hasMoreBelow({ scrollTop: 612, clientHeight: 332, scrollHeight: 944 })).toBe(false);
    expect(hasMoreBelow({ scrollTop: 611.5, clientHeight: 332, scrollHeight: 944 })).toBe(false);
  });
});

describe('shownYears', () => {
  it('collapses a long list to the newest years', () => {
    expect(shownYears(YEARS, undefined, false)).toEqual({ years: [2023, 2022, 2021, 2020, 2019], hidden: 24 });
  });

  it('shows a short list whole', () => {
    expect(shownYears([2024, 2023, 2022], undefined, false).hidden).toBe(0);
  });

  it('shows all years around an older chosen year', () => {
    expect(shownYears(YEARS, 1999, false).years).toHaveLength(29);
  });
});

describe('FilterChips', () => {
  it('opens the earlier years on tap', () => {
    renderChips(YEARS);
    expect(yearChips()).toEqual(['2023', '2022', '2021', '2020', '2019']);

    fireEvent.click(screen.getByTestId('older-years'));
    expect(screen.queryByTestId('older-years')).toBeNull();
    expect(yearChips()).toHaveLength(29);
    expect(yearChips().at(-1)).toBe('1995');
  });

  it('names the count of earlier years', () => {
    renderChips(YEARS);
    expect(screen.getByTestId('older-years').textContent).toBe('更早年份（24 个）');
  });

  it('hints at chips below the edge', () => {
    renderChips(YEARS);
    expect(screen.queryByTestId('filter-more')).toBeNull();

    const box = screen.getByTestId('filter-chips');
    Object.defineProperty(box, 'clientHeight', { configurable: true, value: 128 });
    Object.defineProperty(box, 'scrollHeight', { configurable: true, value: 400 });
    act(() => {
      fireEvent.scroll(box);
    });
    expect(screen.getByTestId('filter-more').textContent).toBe('▼ 向下滑动查看更多筛选');

    box.scrollTop = 272;
    act(() => {
      fireEvent.scroll(box);
    });
    expect(screen.queryByTestId('filter-more')).toBeNull();
  });
});
