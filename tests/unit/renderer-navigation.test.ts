// @vitest-environment happy-dom
// Pure parts of the kiosk navigation: the view stack, the region picker's pinyin-initial filter
// and breadcrumbs, and the split of search hits into marked and plain text.
import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../src-renderer/navigation/highlight.js';
import {
  childRegions,
  countyRegion,
  filterRegionsByInitials,
  matchesInitials,
  normalizeLetters,
  regionPath,
} from '../../src-renderer/navigation/region-filter.js';
import { createViewStack, currentView, popView, pushView, replaceView } from '../../src-renderer/navigation/view-stack.js';
import type { Region } from '../../src-shared/boards-api.js';
import { REGIONS } from '../helpers/memory-kiosk-api.js';

function names(regions: readonly Region[]): string[] {
  return regions.map((region) => region.name);
}

describe('view stack', () => {
  it('starts with home on screen', () => {
    const stack = createViewStack('home');
    expect(stack).toEqual(['home']);
    expect(currentView(stack)).toBe('home');
  });

  it('pushes and pops in order', () => {
    const stack = pushView(pushView(createViewStack('home'), 'board'), 'detail');
    expect(currentView(stack)).toBe('detail');
    expect(currentView(popView(stack))).toBe('board');
    expect(popView(popView(stack))).toEqual(['home']);
  });

  it('never pops past home', () => {
    const home = createViewStack('home');
    expect(popView(home)).toBe(home);
    expect(popView(popView(pushView(home, 'search')))).toEqual(['home']);
  });

  it('leaves the stack it was given unchanged', () => {
    const home = createViewStack('home');
    const board = pushView(home, 'board');
    popView(board);
    replaceView(board, 'search');
    expect(home).toEqual(['home']);
    expect(board).toEqual(['home', 'board']);
  });

  it('replaces the view on screen', () => {
    const stack = replaceView(pushView(createViewStack('home'), 'board'), 'search');
    expect(stack).toEqual(['home', 'search']);
  });
});

describe('region initials filter', () => {
  it('finds a village by its initials', () => {
    const matches = filterRegionsByInitials(REGIONS, 'ZJP');
    expect(matches.map((match) => match.region.name)).toEqual(['张家坪村']);
    expect(matches[0]!.township?.name).toBe('枫木桥乡');
  });

  it('matches any reading of a polyphonic name', () => {
    expect(filterRegionsByInitials(REGIONS, 'cl').map((match) => match.region.name)).toEqual(['长乐村']);
    expect(filterRegionsByInitials(REGIONS, 'zl').map((match) => match.region.name)).toEqual(['长乐村']);
  });

  it('lists townships before their villages', () => {
    const matches = filterRegionsByInitials(REGIONS, 's');
    expect(matches.map((match) => match.region.name)).toEqual(['示例镇', '示例村']);
    expect(matches[0]!.township).toBeNull();
    expect(matches[1]!.township?.name).toBe('示例镇');
  });

  it('leaves the county out of the matches', () => {
    expect(filterRegionsByInitials(REGIONS, 'nx')).toEqual([]);
  });

  it('matches prefixes only', () => {
    expect(filterRegionsByInitials(REGIONS, 'jp')).toEqual([]);
    expect(matchesInitials(REGIONS[5]!, 'zjpc')).toBe(true);
    expect(matchesInitials(REGIONS[5]!, 'zjpcx')).toBe(false);
  });

  it('finds nothing for no letters', () => {
    expect(filterRegionsByInitials(REGIONS, '')).toEqual([]);
    expect(filterRegionsByInitials(REGIONS, '1 2-')).toEqual([]);
  });

  it('keeps only the letters of typed input', () => {
    expect(normalizeLetters(' Z-j p1')).toBe('zjp');
  });
});

describe('region tree', () => {
  it('lists children in code order', () => {
    expect(names(childRegions(REGIONS, '430124'))).toEqual(['示例镇', '枫木桥乡']);
    expect(names(childRegions(REGIONS, '430124102'))).toEqual(['长乐村', '张家坪村']);
    expect(childRegions(REGIONS, '430124102202')).toEqual([]);
  });

  it('gives the path from the county down', () => {
    expect(names(regionPath(REGIONS, '430124102202'))).toEqual(['宁乡市', '枫木桥乡', '张家坪村']);
    expect(names(regionPath(REGIONS, '430124'))).toEqual(['宁乡市']);
    expect(regionPath(REGIONS, '999999')).toEqual([]);
  });

  it('leaves levels above the county out of the path', () => {
    const withCity: Region[] = [
      { code: '4301', name: '长沙市', parentCode: null, level: 'city', initials: 'css zss' },
      ...REGIONS.map((region) => (region.code === '430124' ? { ...region, parentCode: '4301' } : region)),
    ];
    expect(names(regionPath(withCity, '430124101'))).toEqual(['宁乡市', '示例镇']);
  });

  it('stops at a parent loop', () => {
    const looped: Region[] = [
      { code: '430124101', name: '甲镇', parentCode: '430124102', level: 'township', initials: 'jz' },
      { code: '430124102', name: '乙镇', parentCode: '430124101', level: 'township', initials: 'yz' },
    ];
    expect(names(regionPath(looped, '430124101'))).toEqual(['乙镇', '甲镇']);
  });

  it('finds the county', () => {
    expect(countyRegion(REGIONS)?.name).toBe('宁乡市');
    expect(countyRegion([])).toBeUndefined();
  });
});

describe('search highlights', () => {
  it('marks the given ranges', () => {
    expect(highlightSegments('低保资金发放公示', [[0, 2], [4, 6]])).toEqual([
      { text: '低保', marked: true },
      { text: '资金', marked: false },
      { text: '发放', marked: true },
      { text: '公示', marked: false },
    ]);
  });

  it('merges overlapping and touching ranges', () => {
    expect(highlightSegments('abcdef', [[3, 5], [1, 3], [2, 4]])).toEqual([
      { text: 'a', marked: false },
      { text: 'bcde', marked: true },
      { text: 'f', marked: false },
    ]);
  });

  it('clamps ranges to the text', () => {
    expect(highlightSegments('abc', [[2, 99], [5, 9], [2, 2]])).toEqual([
      { text: 'ab', marked: false },
      { text: 'c', marked: true },
    ]);
  });

  it('returns the text unmarked without ranges', () => {
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', marked: false }]);
    expect(highlightSegments('', [[0, 1]])).toEqual([]);
  });
});
