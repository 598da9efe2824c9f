// Board lists: one page of one kind in a region scope, with filters, newest first and ties
// broken by id, so paging by offset never repeats or skips a row.
import type { ListFilters, ListPage, RecordKind, Source } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { armSelects, filterConditions } from './filters.js';
import { KIND_SPECS } from './kinds.js';
import { readListItems } from './list-items.js';
import { requireScopeRegion, scopeArms } from './region-scope.js';
import { readSources } from './sources.js';

export interface ListQuery {
  kind: RecordKind;
  regionCode: string;
  filters: ListFilters;
  offset: number;
  limit: number;
}

/** Total and sources of a filtered list, which stay the same while a villager pages through it. */
export interface ListSummary {
  total: number;
  sources: Source[];
}

/** A store for ListSummary values by list key, so later pages skip the counting. */
export interface ListSummaryCache {
  get(key: string): ListSummary | undefined;
  set(key: string, value: ListSummary): void;
}

/**
 * Builds the SQL of one page of ids; exported for the query plan tests. Throws a
 * BoardRequestError for a region the snapshot does not have.
 */
export function listPageSql(db: SqliteDatabase, query: ListQuery, flagThresholdFen: number): { sql: string; params: unknown[] } {
  const region = requireScopeRegion(db, query.regionCode);

  const spec = KIND_SPECS[query.kind];
  const arms = scopeArms(region, spec.region, spec.rowLevels);
  const conditions = filterConditions(query.kind, spec, query.filters, flagThresholdFen);
  const columns = [spec.id, ...spec.order].join(', ');
  const selects = armSelects(spec, arms, columns, conditions);

  // A compound SELECT over arms that each read an index in this order is merged without a sort.
  const order = [...spec.order, spec.id].map((column) => `${column} DESC`).join(', ');
  return {
    sql: `${selects.map((select) => select.sql).join(' UNION ALL ')} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...selects.flatMap((select) => select.params), query.limit, query.offset],
  };
}

/** Counts the filtered list and reads its sources. */
export function readListSummary(db: SqliteDatabase, query: Omit<ListQuery, 'offset' | 'limit'>, flagThresholdFen: number): ListSummary {
  const region = requireScopeRegion(db, query.regionCode);

  const spec = KIND_SPECS[query.kind];
  const arms = scopeArms(region, spec.region, spec.rowLevels);
  const conditions = filterConditions(query.kind, spec, query.filters, flagThresholdFen);

  let total = 0;
  for (const select of armSelects(spec, arms, 'count(*) AS count', conditions)) {
    total += (db.prepare(select.sql).get(...select.params) as { count: number }).count;
  }
  return { total, sources: total === 0 ? [] : readSources(db, spec, arms, conditions) };
}

/** Key of a list without its paging, for ListSummaryCache. */
export function listKey(query: Omit<ListQuery, 'offset' | 'limit'>): string {
  const filters = query.filters;
  return JSON.stringify([query.kind, query.regionCode, filters.year, filters.period, filters.category, filters.noticeBoard, filters.flaggedOnly === true]);
}

/** Reads one page of a board list. Throws a BoardRequestError for a region the snapshot does not have. */
export function listRecords(db: SqliteDatabase, query: ListQuery, flagThresholdFen: number, cache?: ListSummaryCache): ListPage {
  const page = listPageSql(db, query, flagThresholdFen);

  const key = listKey(query);
  let summary = cache?.get(key);
  if (summary === undefined) {
    summary = readListSummary(db, query, flagThresholdFen);
    cache?.set(key, summary);
  }

  const spec = KIND_SPECS[query.kind];
  const rows = db.prepare(page.sql).all(...page.params) as Record<string, string>[];
  const ids = rows.map((row) => row[spec.id]!);
  return {
    total: summary.total,
    offset: query.offset,
    items: readListItems(db, query.kind, ids, flagThresholdFen),
    sources: summary.sources,
  };
}
