// The page cache behind board lists: pages by range, a bounded cache, and responses of an old
// filter dropped after the filter changed.
import { describe, expect, it } from 'vitest';
import type { ListItem, ListPage } from '../../src-shared/boards-api.js';
import { MAX_CACHED_PAGES, PAGE_SIZE, PagedRecords, queryKey } from '../../src-renderer/boards/paged-records.js';
import type { ListQuery } from '../../src-renderer/boards/paged-records.js';

interface PendingFetch {
  query: ListQuery;
  offset: number;
  limit: number;
  resolve(page: ListPage): void;
  reject(error: Error): void;
}

// Requests wait until the test resolves them, so the test controls the order of responses.
function pendingSource() {
  const pending: PendingFetch[] = [];
  const fetchPage = (query: ListQuery, offset: number, limit: number) =>
    new Promise<ListPage>((resolve, reject) => pending.push({ query, offset, limit, resolve, reject }));
  return { pending, fetchPage };
}

function item(prefix: string, index: number): ListItem {
  return {
    id: `${prefix}-${index}`,
    title: `${prefix} ${index}`,
    subtitle: '',
    date: '2024-03-05',
    regionName: '张家坪村',
    amountFen: index * 100,
    direction: '支出',
    status: null,
    flagged: false,
  };
}

function pageFor(prefix: string, total: number, offset: number, limit: number): ListPage {
  const count = Math.max(0, Math.min(limit, total - offset));
  return {
    total,
    offset,
    items: Array.from({ length: count }, (_, index) => item(prefix, offset + index)),
    sources: [{ department: '县农业农村局', publishedOn: '2024-05-06' }],
  };
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const ENTRIES: ListQuery = { kind: 'finance-entry', regionCode: '431226101201', filters: {} };
const FLAGGED: ListQuery = { kind: 'finance-entry', regionCode: '431226101201', filters: { flaggedOnly: true } };

describe('PagedRecords', () => {
  it('takes the total from the first page', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);

    expect(records.getState().status).toBe('loading');
    expect(source.pending.map((request) => [request.offset, request.limit])).toEqual([[0, PAGE_SIZE]]);

    source.pending[0]!.resolve(pageFor('all', 100_000, 0, PAGE_SIZE));
    await settle();

    expect(records.getState().status).toBe('ready');
    expect(records.getState().total).toBe(100_000);
    expect(records.getState().sources).toEqual([{ department: '县农业农村局', publishedOn: '2024-05-06' }]);
    expect(records.itemAt(99)?.id).toBe('all-99');
    expect(records.itemAt(100)).toBeUndefined();
  });

  it('fetches only the pages of a range', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 100_000, 0, PAGE_SIZE));
    await settle();

    records.requestRange(50_050, 50_180);
    records.requestRange(50_060, 50_190);

    expect(source.pending.slice(1).map((request) => request.offset)).toEqual([50_000, 50_100]);

    source.pending[2]!.resolve(pageFor('all', 100_000, 50_100, PAGE_SIZE));
    await settle();

    expect(records.itemAt(50_150)?.id).toBe('all-50150');
    expect(records.itemAt(50_050)).toBeUndefined();
  });

  it('never requests past the total', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 150, 0, PAGE_SIZE));
    await settle();

    records.requestRange(90, 400);

    expect(source.pending.slice(1).map((request) => request.offset)).toEqual([100]);
  });

  it('fetches the range shown before the total came', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    records.requestRange(0, 130);

    source.pending[0]!.resolve(pageFor('all', 1_000, 0, PAGE_SIZE));
    await settle();

    expect(source.pending.slice(1).map((request) => request.offset)).toEqual([100]);
  });

  it('drops a response of the previous filter', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    records.setQuery(FLAGGED);

    expect(source.pending.map((request) => request.query.filters)).toEqual([{}, { flaggedOnly: true }]);

    // The flagged page arrives first. The unfiltered page arrives late and must be dropped.
    source.pending[1]!.resolve(pageFor('flagged', 12, 0, PAGE_SIZE));
    await settle();
    source.pending[0]!.resolve(pageFor('all', 100_000, 0, PAGE_SIZE));
    await settle();

    expect(records.getState().total).toBe(12);
    expect(records.itemAt(0)?.id).toBe('flagged-0');
  });

  it('drops a late page of the previous filter', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 100_000, 0, PAGE_SIZE));
    await settle();
    records.requestRange(0, 150);

    records.setQuery(FLAGGED);
    source.pending[2]!.resolve(pageFor('flagged', 500, 0, PAGE_SIZE));
    await settle();
    source.pending[1]!.resolve(pageFor('all', 100_000, 100, PAGE_SIZE));
    await settle();

    expect(records.itemAt(120)).toBeUndefined();
    expect(records.getState().total).toBe(500);
  });

  it('keeps the cache for the same query', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 300, 0, PAGE_SIZE));
    await settle();

    records.setQuery({ ...ENTRIES, filters: {} });

    expect(source.pending).toHaveLength(1);
    expect(records.itemAt(5)?.id).toBe('all-5');
  });

  it('shows an error when the first page fails and retries', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.reject(new Error('host unreachable'));
    await settle();

    expect(records.getState().status).toBe('error');

    records.retry();
    expect(records.getState().status).toBe('loading');
    source.pending[1]!.resolve(pageFor('all', 3, 0, PAGE_SIZE));
    await settle();

    expect(records.getState().status).toBe('ready');
    expect(records.getState().total).toBe(3);
  });

  it('fetches a failed later page again', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 1_000, 0, PAGE_SIZE));
    await settle();

    records.requestRange(200, 250);
    source.pending[1]!.reject(new Error('timed out'));
    await settle();

    expect(records.getState().status).toBe('ready');
    expect(records.itemAt(210)).toBeUndefined();

    records.requestRange(200, 250);
    expect(source.pending.map((request) => request.offset)).toEqual([0, 200, 200]);
  });

  it('bounds the number of cached pages', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 100_000, 0, PAGE_SIZE));
    await settle();

    // Scroll from the top to the bottom one screen at a time.
    for (let start = 0; start < 100_000; start += PAGE_SIZE) {
      records.requestRange(start, start + 20);
      const request = source.pending.at(-1)!;
      if (request.offset === start) request.resolve(pageFor('all', 100_000, request.offset, request.limit));
      await settle();
    }
    records.requestRange(99_980, 99_999);

    const cached = Array.from({ length: 1_000 }, (_, page) => records.itemAt(page * PAGE_SIZE)).filter(Boolean);
    expect(cached.length).toBeLessThanOrEqual(MAX_CACHED_PAGES + 1);
    expect(records.itemAt(99_999)?.id).toBe('all-99999');
    expect(records.itemAt(0)).toBeUndefined();
  });

  it('notifies subscribers with a new state', async () => {
    const source = pendingSource();
    const records = new PagedRecords(source.fetchPage);
    const versions: number[] = [];
    records.subscribe(() => versions.push(records.getState().version));

    records.setQuery(ENTRIES);
    source.pending[0]!.resolve(pageFor('all', 10, 0, PAGE_SIZE));
    await settle();

    expect(versions).toEqual([1, 2]);
  });
});

describe('queryKey', () => {
  it('differs for every filter', () => {
    const keys = new Set([
      queryKey(ENTRIES),
      queryKey(FLAGGED),
      queryKey({ ...ENTRIES, filters: { year: 2024 } }),
      queryKey({ ...ENTRIES, filters: { year: 2024, period: '2024-03' } }),
      queryKey({ ...ENTRIES, filters: { category: '办公费' } }),
      queryKey({ ...ENTRIES, regionCode: '431226101' }),
      queryKey({ ...ENTRIES, kind: 'finance-balance' }),
      queryKey({ kind: 'notice', regionCode: '431226101201', filters: { noticeBoard: '村务公开' } }),
    ]);

    expect(keys.size).toBe(8);
  });
});
