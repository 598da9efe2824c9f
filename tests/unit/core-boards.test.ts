// Board queries on a real format-3 snapshot: region scope, filters, paging, facets and sources.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListPageSchema } from '../../src-shared/boards-api.js';
import type { ListRequest, RecordKind } from '../../src-shared/boards-api.js';
import { createBoardsReader } from '../../src-main/core/boards/reader.js';
import { BoardRequestError } from '../../src-main/core/boards/request-error.js';
import type { BoardsReader } from '../../src-main/core/boards/reader.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { COUNTY, PDF_BYTES, TOWNSHIP_A, TOWNSHIP_B, VILLAGE_A1, VILLAGE_A2, VILLAGE_B1, financeAmountFen, writeBoardSnapshot } from '../helpers/board-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';

const THRESHOLD_FEN = 1_000_000;
const ENTRIES_PER_VILLAGE = 24;

let temp: ReturnType<typeof makeTempDir>;
let db: SqliteDatabase;
let reader: BoardsReader;

beforeAll(() => {
  temp = makeTempDir();
  const file = path.join(temp.dir, 'boards.sqlite');
  writeBoardSnapshot(file, { financeEntriesPerVillage: ENTRIES_PER_VILLAGE });
  db = openSnapshot(file);
  reader = createBoardsReader(db, { flagThresholdFen: THRESHOLD_FEN });
});

afterAll(() => {
  db.close();
  temp.remove();
});

function ids(kind: RecordKind, regionCode: string, filters: ListRequest['filters'] = {}): string[] {
  const page = reader.listRecords({ kind, regionCode, filters, offset: 0, limit: 500 });
  return page.items.map((item) => item.id);
}

describe('getRegions', () => {
  it('lists county, townships and villages in code order', () => {
    const regions = reader.getRegions();

    expect(regions.map((region) => region.code)).toEqual([COUNTY, TOWNSHIP_A, VILLAGE_A1, VILLAGE_A2, TOWNSHIP_B, VILLAGE_B1]);
    expect(regions[2]).toEqual({ code: VILLAGE_A1, name: '张家坪村', parentCode: TOWNSHIP_A, level: 'village', initials: 'zjpc' });
  });
});

describe('listRecords region scope', () => {
  it('gives a village its own, its township and its county rows', () => {
    expect(ids('notice', VILLAGE_A1)).toEqual(['N2', 'N1']);
    expect(ids('complaint-outcome', VILLAGE_A1)).toEqual(['C2', 'C1']);
    expect(ids('accountability-notice', VILLAGE_A1)).toEqual(['AN2', 'AN1']);
    expect(ids('project', VILLAGE_A1)).toEqual(['P2', 'P1']);
  });

  it('gives a township its villages and the county', () => {
    expect(ids('notice', TOWNSHIP_A)).toEqual(['N2', 'N1', 'N4']);
    expect(ids('accountability-notice', TOWNSHIP_B)).toEqual(['AN3', 'AN1']);
    expect(ids('fund-allocation', TOWNSHIP_A)).toEqual(['F2', 'F1']);
  });

  it('gives the county every row', () => {
    expect(ids('project', COUNTY)).toEqual(['P2', 'P3', 'P1']);
    expect(ids('complaint-outcome', COUNTY)).toEqual(['C3', 'C2', 'C1']);
    expect(ids('poverty-household', COUNTY)).toEqual(['PH2', 'PH1']);
  });

  it('rejects an unknown or non-scope region', () => {
    for (const regionCode of ['431226999', '430000', '431226101299']) {
      expect(() => reader.listRecords({ kind: 'notice', regionCode, offset: 0, limit: 10 })).toThrow(BoardRequestError);
      expect(() => reader.listRecords({ kind: 'notice', regionCode, offset: 0, limit: 10 })).toThrow(`Region ${regionCode} is not`);
    }
  });

  it('keeps a sibling village out', () => {
    expect(ids('finance-balance', VILLAGE_A2)).toEqual(['B2']);
    expect(ids('collective-asset', VILLAGE_A2)).toEqual([]);
  });
});

describe('listRecords items', () => {
  it('fills a finance line with direction and flag', () => {
    const page = reader.listRecords({ kind: 'finance-entry', regionCode: VILLAGE_A1, offset: 0, limit: 500 });
    ListPageSchema.parse(page);
    const first = page.items.find((item) => item.id.endsWith('000000'))!;

    expect(page.total).toBe(ENTRIES_PER_VILLAGE);
    expect(first).toMatchObject({ title: '上级转移支付', direction: '收入', amountFen: financeAmountFen(0), flagged: true, regionName: '张家坪村' });
    expect(page.items.filter((item) => item.flagged).length).toBe(page.items.filter((item) => item.amountFen! > THRESHOLD_FEN).length);
  });

  it('shows a project with its latest stage', () => {
    const page = reader.listRecords({ kind: 'project', regionCode: VILLAGE_A1, offset: 0, limit: 10 });
    const p1 = page.items.find((item) => item.id === 'P1')!;

    expect(p1).toMatchObject({ status: '完工', date: '2024-04-01', amountFen: 60_000_000, direction: null, flagged: false });
    expect(p1.subtitle).toBe('道路交通 · 湖南某路桥建设有限公司');
  });

  it('orders finance entries newest first with ties by id', () => {
    const page = reader.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, offset: 0, limit: 500 });
    const keys = page.items.map((item) => `${item.date}|${item.id}`);

    expect(page.total).toBe(2 * ENTRIES_PER_VILLAGE);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('pages without repeats or gaps', () => {
    const all = ids('finance-entry', COUNTY);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      const page = reader.listRecords({ kind: 'finance-entry', regionCode: COUNTY, offset, limit: 7 });
      expect(page.total).toBe(all.length);
      expect(page.offset).toBe(offset);
      paged.push(...page.items.map((item) => item.id));
    }

    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(3 * ENTRIES_PER_VILLAGE);
  });

  it('returns sources newest first', () => {
    const page = reader.listRecords({ kind: 'finance-entry', regionCode: COUNTY, offset: 0, limit: 1 });

    expect(page.sources).toEqual([
      { department: '三江乡农村经营管理站', publishedOn: '2025-06-30' },
      { department: '城关镇农村经营管理站', publishedOn: '2025-06-30' },
    ]);
  });

  it('names issuer and date as a notice source', () => {
    const page = reader.listRecords({ kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 10 });

    expect(page.sources).toEqual([
      { department: '张家坪村村民委员会', publishedOn: '2025-06-01' },
      { department: '中共城关镇委员会', publishedOn: '2025-05-20' },
    ]);
  });
});

describe('listRecords filters', () => {
  it('filters by year on integer and date columns', () => {
    expect(ids('project', COUNTY, { year: 2025 })).toEqual(['P2', 'P3']);
    expect(ids('notice', TOWNSHIP_A, { year: 2024 })).toEqual([]);
    expect(ids('fund-allocation', COUNTY, { year: 2024 })).toEqual(['F1']);
  });

  it('filters finance entries by year and period', () => {
    const byYear = reader.listRecords({ kind: 'finance-entry', regionCode: VILLAGE_A1, filters: { year: 2025 }, offset: 0, limit: 500 });
    const byPeriod = reader.listRecords({ kind: 'finance-entry', regionCode: VILLAGE_A1, filters: { period: '2025-02' }, offset: 0, limit: 500 });

    expect(byYear.total).toBe(ENTRIES_PER_VILLAGE / 2);
    expect(byYear.items.every((item) => item.date.startsWith('2025-'))).toBe(true);
    expect(byPeriod.items.map((item) => item.date.slice(0, 7))).toEqual(Array(byPeriod.total).fill('2025-02'));
    expect(byPeriod.total).toBeGreaterThan(0);
  });

  it('keeps only flagged entries', () => {
    const page = reader.listRecords({ kind: 'finance-entry', regionCode: VILLAGE_A1, filters: { flaggedOnly: true }, offset: 0, limit: 500 });

    expect(page.total).toBe(Math.ceil(ENTRIES_PER_VILLAGE / 7));
    expect(page.items.every((item) => item.flagged)).toBe(true);
  });

  it('filters by category, board and subsidy item name', () => {
    expect(ids('notice', TOWNSHIP_A, { category: '财务公开' })).toEqual(['N2', 'N4']);
    expect(ids('notice', VILLAGE_A1, { noticeBoard: '党务公开' })).toEqual(['N1']);
    expect(ids('fund-allocation', COUNTY, { category: '耕地地力保护补贴' })).toEqual(['F3', 'F1']);
    expect(ids('complaint-outcome', COUNTY, { category: '属实' })).toEqual(['C1']);
  });

  it('rejects a filter of another kind', () => {
    expect(() => ids('notice', VILLAGE_A1, { flaggedOnly: true })).toThrow('applies only to kind finance-entry');
    expect(() => ids('notice', VILLAGE_A1, { period: '2025-01' })).toThrow('applies only to kind finance-entry');
    expect(() => ids('project', VILLAGE_A1, { noticeBoard: '村务公开' })).toThrow('applies only to kind notice');
  });
});

describe('getFacets', () => {
  it('lists years, periods and categories of a village ledger', () => {
    const facets = reader.getFacets({ kind: 'finance-entry', regionCode: VILLAGE_A1 });

    expect(facets.years).toEqual([2025, 2024]);
    expect(facets.periods[0]).toBe('2025-12');
    expect(facets.periods).toEqual([...facets.periods].sort().reverse());
    expect(facets.categories.reduce((sum, category) => sum + category.count, 0)).toBe(ENTRIES_PER_VILLAGE);
  });

  it('counts categories over every scope arm', () => {
    const facets = reader.getFacets({ kind: 'notice', regionCode: VILLAGE_A1 });

    expect(facets).toEqual({ years: [2025], periods: [], categories: [{ value: '财务公开', count: 1 }, { value: '组织建设', count: 1 }] });
  });

  it('narrows notices to one board', () => {
    const facets = reader.getFacets({ kind: 'notice', regionCode: TOWNSHIP_A, noticeBoard: '村务公开' });

    expect(facets.categories).toEqual([{ value: '财务公开', count: 2 }]);
  });

  it('skips empty categories', () => {
    expect(reader.getFacets({ kind: 'poverty-household', regionCode: COUNTY }).categories).toEqual([{ value: '因病', count: 1 }]);
  });
});

describe('getRecord', () => {
  it('reads a project with its progress oldest first', () => {
    const project = reader.getRecord({ kind: 'project', id: 'P1' });

    expect(project).toMatchObject({ kind: 'project', regionName: '张家坪村', supplierName: '湖南某路桥建设有限公司', awardValueFen: 58_000_000 });
    expect(project?.kind === 'project' && project.progress.map((report) => report.reportDate)).toEqual(['2024-06-30', '2024-12-20']);
    expect(project?.source).toEqual({ department: '县乡村振兴局', publishedOn: '2024-03-01' });
  });

  it('reads a household with measures newest first', () => {
    const household = reader.getRecord({ kind: 'poverty-household', id: 'PH1' });

    expect(household?.kind === 'poverty-household' && household.measures.map((measure) => measure.year)).toEqual([2024, 2023]);
    expect(JSON.stringify(household)).not.toContain('aaaa');
  });

  it('reads an asset with its contracts', () => {
    const asset = reader.getRecord({ kind: 'collective-asset', id: 'A2' });

    expect(asset?.kind === 'collective-asset' && asset.contracts.map((contract) => contract.contractId)).toEqual(['C-A2-1']);
  });

  it('reads a notice with attachments and issuer as source', () => {
    const notice = reader.getRecord({ kind: 'notice', id: 'N2' });

    expect(notice).toMatchObject({ board: '村务公开', bodyFormat: 'markdown', attachments: [{ fileName: 'N2-budget.pdf', title: '预算表', bytes: PDF_BYTES.length }] });
    expect(notice?.source).toEqual({ department: '张家坪村村民委员会', publishedOn: '2025-06-01' });
  });

  it('flags a large finance entry', () => {
    const entry = reader.getRecord({ kind: 'finance-entry', id: `FE-${VILLAGE_A1}-000000` });

    expect(entry).toMatchObject({ kind: 'finance-entry', flagged: true, amountFen: financeAmountFen(0) });
  });

  it('reads every other kind', () => {
    const requests = [
      { kind: 'fund-allocation', id: 'F2' },
      { kind: 'finance-balance', id: 'B1' },
      { kind: 'complaint-outcome', id: 'C2' },
      { kind: 'accountability-notice', id: 'AN1' },
    ] as const;
    for (const request of requests) expect(reader.getRecord(request)?.kind).toBe(request.kind);
  });

  it('returns null for an unknown id', () => {
    expect(reader.getRecord({ kind: 'notice', id: 'P1' })).toBeNull();
    expect(reader.getRecord({ kind: 'project', id: 'missing' })).toBeNull();
  });
});

describe('getFinanceSummary', () => {
  it('sums a village year by month and category', () => {
    const summary = reader.getFinanceSummary({ regionCode: VILLAGE_A1, year: 2025 });
    const entries = Array.from({ length: ENTRIES_PER_VILLAGE }, (_, index) => index).filter((index) => index % 2 === 1);
    const income = entries.filter((index) => index % 3 === 0).reduce((sum, index) => sum + financeAmountFen(index), 0);
    const expenditure = entries.filter((index) => index % 3 !== 0).reduce((sum, index) => sum + financeAmountFen(index), 0);

    expect(summary.incomeFen).toBe(income);
    expect(summary.expenditureFen).toBe(expenditure);
    expect(summary.months.map((month) => month.period)).toEqual([...summary.months.map((month) => month.period)].sort());
    expect(summary.months.reduce((sum, month) => sum + month.incomeFen + month.expenditureFen, 0)).toBe(income + expenditure);
    expect(summary.flaggedCount).toBe(entries.filter((index) => financeAmountFen(index) > THRESHOLD_FEN).length);
    expect(summary.flagThresholdFen).toBe(THRESHOLD_FEN);
    expect(summary.categories[0]!.direction).toBe('收入');
    expect(summary.sources).toEqual([{ department: '城关镇农村经营管理站', publishedOn: '2025-06-30' }]);
  });

  it('sums a township over its villages', () => {
    const village1 = reader.getFinanceSummary({ regionCode: VILLAGE_A1, year: 2024 });
    const village2 = reader.getFinanceSummary({ regionCode: VILLAGE_A2, year: 2024 });
    const township = reader.getFinanceSummary({ regionCode: TOWNSHIP_A, year: 2024 });

    expect(township.incomeFen).toBe(village1.incomeFen + village2.incomeFen);
    expect(township.expenditureFen).toBe(village1.expenditureFen + village2.expenditureFen);
  });

  it('gives zeros for a year without entries', () => {
    const summary = reader.getFinanceSummary({ regionCode: VILLAGE_A1, year: 2020 });

    expect(summary).toMatchObject({ incomeFen: 0, expenditureFen: 0, months: [], categories: [], flaggedCount: 0, sources: [] });
  });
});

describe('getDocument', () => {
  it('returns base64 bytes with the media type', () => {
    const document = reader.getDocument('P1-site.png');

    expect(document?.mediaType).toBe('image/png');
    expect(Buffer.from(document!.dataBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('returns null for a missing document', () => {
    expect(reader.getDocument('missing.pdf')).toBeNull();
  });
});

describe('request parsing', () => {
  it('rejects a malformed request', () => {
    expect(() => reader.listRecords({ kind: 'payments' as never, regionCode: VILLAGE_B1, offset: 0, limit: 10 })).toThrow();
    expect(() => reader.listRecords({ kind: 'notice', regionCode: "1' OR 1=1", offset: 0, limit: 10 })).toThrow();
    expect(() => reader.getFinanceSummary({ regionCode: VILLAGE_B1, year: 1899 })).toThrow();
  });
});

describe('snapshot without board rows', () => {
  it('gives empty lists, facets and summaries', () => {
    const file = path.join(temp.dir, 'empty.sqlite');
    writeBoardSnapshot(file, { emptyBoards: true });
    const emptyDb = openSnapshot(file);
    try {
      const empty = createBoardsReader(emptyDb, { flagThresholdFen: THRESHOLD_FEN });
      for (const kind of ['project', 'notice', 'finance-entry', 'accountability-notice'] as const) {
        expect(empty.listRecords({ kind, regionCode: VILLAGE_A1, offset: 0, limit: 20 })).toEqual({ total: 0, offset: 0, items: [], sources: [] });
        expect(empty.getFacets({ kind, regionCode: TOWNSHIP_A })).toEqual({ years: [], periods: [], categories: [] });
      }
      expect(empty.getFinanceSummary({ regionCode: COUNTY, year: 2025 }).months).toEqual([]);
      expect(empty.getRegions()).toHaveLength(6);
    } finally {
      emptyDb.close();
    }
  });
});
