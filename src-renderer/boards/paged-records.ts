// Pages of a board list fetched by range as the villager scrolls. The first page brings the
// total, so the virtualised list has its full height before any other page arrives. A filter
// change starts a new cache, and every response is checked against the cache that requested it,
// so a slow page of the old filter never lands in the new list.
import type { ListFilters, ListItem, ListPage, RecordKind, Source } from '../../src-shared/boards-api.js';

export const PAGE_SIZE = 100;

// 200 pages of 100 rows: memory stays bounded on a 100,000-row ledger scrolled end to end.
export const MAX_CACHED_PAGES = 200;

export interface ListQuery {
  kind: RecordKind;
  regionCode: string;
  filters: ListFilters;
}

export type FetchPage = (query: ListQuery, offset: number, limit: number) => Promise<ListPage>;

export type ListStatus = 'loading' | 'ready' | 'error';

export interface ListState {
  status: ListStatus;
  total: number;
  sources: Source[];
  // Incremented on every change, so React can tell a new state from an old one.
  version: number;
}

/** Returns a stable text key of a query; two queries with the same key list the same rows. */
export function queryKey(query: ListQuery): string {
  const filters = query.filters;
  return JSON.stringify([
    query.kind,
    query.regionCode,
    filters.year ?? null,
    filters.period ?? null,
    filters.category ?? null,
    filters.noticeBoard ?? null,
    filters.flaggedOnly ?? false,
  ]);
}

class PageCache {
  readonly pages = new Map<number, ListItem[]>();
  readonly requested = new Set<number>();
  status: ListStatus = 'loading';
  total = 0;
  sources: Source[] = [];

  constructor(
    readonly key: string,
    readonly query: ListQuery,
  ) {}
}

export class PagedRecords {
  private cache: PageCache | null = null;
  // The rows last on screen, fetched as soon as the first page brings the total.
  private lastRange: [number, number] = [0, 0];
  private state: ListState = { status: 'loading', total: 0, sources: [], version: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchPage: FetchPage) {}

  /** Shows the rows of a query, keeping the cached pages when the query is unchanged. */
  setQuery(query: ListQuery): void {
    const key = queryKey(query);
    if (this.cache?.key === key) return;

    this.cache = new PageCache(key, query);
    this.lastRange = [0, 0];
    this.publish();
    this.load(this.cache, 0);
  }

  /** Fetches the pages that hold rows startIndex..endIndex (inclusive) and are not cached. */
  requestRange(startIndex: number, endIndex: number): void {
    this.lastRange = [startIndex, endIndex];
    const cache = this.cache;
    if (!cache || cache.status !== 'ready') return;

    const lastRow = Math.min(endIndex, cache.total - 1);
    if (lastRow < 0) return;

    const firstPage = Math.floor(Math.max(0, startIndex) / PAGE_SIZE);
    const lastPage = Math.floor(lastRow / PAGE_SIZE);
    for (let pageIndex = firstPage; pageIndex <= lastPage; pageIndex += 1) {
      if (!cache.pages.has(pageIndex) && !cache.requested.has(pageIndex)) this.load(cache, pageIndex);
    }
    this.evictFarPages(cache, firstPage, lastPage);
  }

  /** Returns the row at an index, or undefined while its page is loading or failed. */
  itemAt(index: number): ListItem | undefined {
    return this.cache?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Fetches the list again from its first page, after an error. */
  retry(): void {
    const query = this.cache?.query;
    if (!query) return;

    this.cache = null;
    this.setQuery(query);
  }

  getState = (): ListState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private load(cache: PageCache, pageIndex: number): void {
    cache.requested.add(pageIndex);

    this.fetchPage(cache.query, pageIndex * PAGE_SIZE, PAGE_SIZE).then(
      (page) => {
        // A response for a query the screen has left is dropped.
        if (this.cache !== cache) return;

        cache.requested.delete(pageIndex);
        cache.pages.set(pageIndex, page.items);
        const first = cache.status !== 'ready';
        if (pageIndex === 0) {
          cache.total = page.total;
          cache.sources = page.sources;
          cache.status = 'ready';
        }
        this.publish();
        if (first) this.requestRange(...this.lastRange);
      },
      () => {
        if (this.cache !== cache) return;

        // A failed later page stays a placeholder and is fetched again when scrolled into view.
        cache.requested.delete(pageIndex);
        if (pageIndex === 0) cache.status = 'error';
        this.publish();
      },
    );
  }

  private evictFarPages(cache: PageCache, firstPage: number, lastPage: number): void {
    if (cache.pages.size <= MAX_CACHED_PAGES) return;

    const distance = (pageIndex: number) => {
      if (pageIndex < firstPage) return firstPage - pageIndex;
      if (pageIndex > lastPage) return pageIndex - lastPage;
      return 0;
    };
    const farthestFirst = [...cache.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const pageIndex of farthestFirst.slice(0, cache.pages.size - MAX_CACHED_PAGES)) {
      cache.pages.delete(pageIndex);
    }
  }

  private publish(): void {
    const cache = this.cache;
    this.state = {
      status: cache?.status ?? 'loading',
      total: cache?.total ?? 0,
      sources: cache?.sources ?? [],
      version: this.state.version + 1,
    };
    for (const listener of this.listeners) listener();
  }
}
