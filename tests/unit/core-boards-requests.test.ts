// Board requests that the snapshot or the kind cannot serve, years back to YEAR_MIN, and the
// reader's cache of facets and finance summaries, on a real format-3 snapshot.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacetsRequestSchema, ListRequestSchema, YEAR_MAX, YEAR_MIN } from '../../src-shared/boards-api.js';
import { createBoardsReader } from '../../src-main/core/boards/reader.js';
import type { BoardsReader } from '../../src-main/core/boards/reader.js';
import { createLruCache } from '../../src-main/core/boards/lru-cache.js';
import { BoardRequestError } from '../../src-main/core/boards/request-error.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { COUNTY, TOWNSHIP_A, VILLAGE_A1, writeBoardSnapshot } from '../helpers/board-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let db: SqliteDatabase;
let reader: BoardsReader;

// Assets acquired long ago, one before YEAR_MIN, added to the helper's two assets.
const OLD_ASSETS = [
  { id: 'A-1958', acquiredOn: '1958-03-01' },
  { id: 'A-1995', acquiredOn: '1995-11-20' },
  { id: 'A-1999', acquiredOn: '1999-01-15' },
  { id: 'A-1899', acquiredOn: '1899-06-30' },
];

beforeAll(() => {
  temp = makeTempDir();
  const file = path.join(temp.dir, 'boards.sqlite');
  writeBoardSnapshot(file);

  const writable = new Database(file);
  const insert = writable.prepare(
    `INSERT INTO collective_assets (asset_id, village_code, name, asset_class, category, quantity, quantity_unit,
       book_value_fen, acquired_on, status, department, published_on)
     VALUES (?, ?, '老仓库', '经营性资产', '房屋', '1', '栋', 100000, ?, '出租', '城关镇农村经营管理站', '2025-07-01')`,
  );
  for (const asset of OLD_ASSETS) insert.run(asset.id, VILLAGE_A1, asset.acquiredOn);
  writable.close();

  db = openSnapshot(file);
  reader = createBoardsReader(db, { flagThresholdFen: 1_000_000 });
});

afterAll(() => {
  db.close();
  temp.remove();
});

describe('region codes the snapshot lacks', () => {
  // Another county, a province, a made-up township and a made-up village of this county.
  const UNKNOWN = ['433122', '430000', '431226999', '431226101299'];

  it('rejects lists, facets and summaries', () => {
    for (const regionCode of UNKNOWN) {
      const expected = `Region ${regionCode} is not a county, township or village of the installed snapshot of county ${COUNTY}`;
      expect(() => reader.listRecords({ kind: 'project', regionCode, offset: 0, limit: 5 })).toThrow(expected);
      expect(() => reader.getFacets({ kind: 'finance-entry', regionCode })).toThrow(expected);
      expect(() => reader.getFinanceSummary({ regionCode, year: 2024 })).toThrow(expected);
    }
  });

  it('throws the typed error', () => {
    let thrown: unknown;
    try {
      reader.getFacets({ kind: 'notice', regionCode: '433122' });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(BoardRequestError);
    expect((thrown as BoardRequestError).problem).toBe('unknown-region');
  });

  it('rejects codes of no region level', () => {
    for (const regionCode of ['4312261', '43122610', '4312261012', '43122610120', '4312261012011']) {
      const result = ListRequestSchema.safeParse({ kind: 'notice', regionCode, offset: 0, limit: 5 });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('county (6 digits), township (9 digits) or village (12 digits)');
    }
  });
});

describe('filters of another kind', () => {
  it('names the filter and its kinds', () => {
    const result = ListRequestSchema.safeParse({ kind: 'project', regionCode: TOWNSHIP_A, filters: { flaggedOnly: false }, offset: 0, limit: 5 });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['filters', 'flaggedOnly']);
    expect(result.error?.issues[0]?.message).toBe('applies only to kind finance-entry, not to project; remove it');
  });

  it('rejects each kind-only filter', () => {
    const cases = [
      { kind: 'finance-balance', filters: { period: '2024-01' }, filter: 'period' },
      { kind: 'notice', filters: { flaggedOnly: true }, filter: 'flaggedOnly' },
      { kind: 'complaint-outcome', filters: { noticeBoard: '村务公开' }, filter: 'noticeBoard' },
    ] as const;

    for (const { kind, filters, filter } of cases) {
      expect(() => reader.listRecords({ kind, regionCode: TOWNSHIP_A, filters, offset: 0, limit: 5 })).toThrow(`"${filter}"`);
    }
  });

  it('rejects a notice board on facets of another kind', () => {
    const result = FacetsRequestSchema.safeParse({ kind: 'project', regionCode: TOWNSHIP_A, noticeBoard: '村务公开' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('applies only to kind notice, not to project; remove it');
  });

  it('keeps filters of the kind', () => {
    const page = reader.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, filters: { flaggedOnly: true, period: '2024-01' }, offset: 0, limit: 5 });

    expect(page.items.every((item) => item.flagged)).toBe(true);
  });
});

describe('years before 2000', () => {
  it('lists an asset by its acquisition year', () => {
    for (const year of [1958, 1995, 1999]) {
      const page = reader.listRecords({ kind: 'collective-asset', regionCode: VILLAGE_A1, filters: { year }, offset: 0, limit: 5 });
      expect(page.items.map((item) => item.id)).toEqual([OLD_ASSETS.find((asset) => asset.acquiredOn.startsWith(String(year)))!.id]);
    }
  });

  it('offers only years the list accepts', () => {
    const facets = reader.getFacets({ kind: 'collective-asset', regionCode: COUNTY });

    expect(facets.years).toEqual([2012, 1999, 1995, 1958]);
    for (const year of facets.years) {
      const page = reader.listRecords({ kind: 'collective-asset', regionCode: COUNTY, filters: { year }, offset: 0, limit: 500 });
      expect(page.total).toBeGreaterThan(0);
    }
  });

  it('keeps assets without a year in the full list', () => {
    const all = reader.listRecords({ kind: 'collective-asset', regionCode: VILLAGE_A1, offset: 0, limit: 500 });

    expect(all.items.map((item) => item.id)).toContain('A2');
    expect(all.items.map((item) => item.id)).toContain('A-1899');
  });

  it('accepts the year range in summaries', () => {
    expect(reader.getFinanceSummary({ regionCode: VILLAGE_A1, year: YEAR_MIN }).months).toEqual([]);
    expect(reader.getFinanceSummary({ regionCode: VILLAGE_A1, year: YEAR_MAX }).months).toEqual([]);
    expect(() => reader.getFinanceSummary({ regionCode: VILLAGE_A1, year: YEAR_MIN - 1 })).toThrow('>=1900');
    expect(() => reader.listRecords({ kind: 'project', regionCode: VILLAGE_A1, filters: { year: YEAR_MAX + 1 }, offset: 0, limit: 5 })).toThrow('<=2100');
  });
});

describe('facet and summary cache', () => {
  it('returns equal results again', () => {
    const first = reader.getFacets({ kind: 'finance-entry', regionCode: COUNTY });
    const second = reader.getFacets({ kind: 'finance-entry', regionCode: COUNTY });
    const summary = reader.getFinanceSummary({ regionCode: COUNTY, year: 2024 });

    expect(second).toEqual(first);
    expect(reader.getFinanceSummary({ regionCode: COUNTY, year: 2024 })).toEqual(summary);
  });

  it('hands out copies', () => {
    const first = reader.getFinanceSummary({ regionCode: TOWNSHIP_A, year: 2024 });
    const incomeFen = first.incomeFen;
    first.incomeFen = -1;
    first.months.length = 0;

    const second = reader.getFinanceSummary({ regionCode: TOWNSHIP_A, year: 2024 });
    expect(second.incomeFen).toBe(incomeFen);
    expect(second.months.length).toBeGreaterThan(0);
  });

  it('keys facets by notice board', () => {
    const village = reader.getFacets({ kind: 'notice', regionCode: TOWNSHIP_A, noticeBoard: '村务公开' });
    const party = reader.getFacets({ kind: 'notice', regionCode: TOWNSHIP_A, noticeBoard: '党务公开' });

    expect(village.categories).not.toEqual(party.categories);
  });
});

describe('createLruCache', () => {
  it('drops the least recently used entry', () => {
    const cache = createLruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);

    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
  });

  it('replaces a value without growing', () => {
    const cache = createLruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);

    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBeUndefined();
  });
});
