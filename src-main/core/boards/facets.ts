// Filter values that occur in a region scope, so a screen offers only filters that find rows.
import { YEAR_MAX, YEAR_MIN } from '../../../src-shared/boards-api.js';
import type { Facets, RecordKind } from '../../../src-shared/boards-api.js';
import type { NOTICE_BOARD_VALUES } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { armSelects, filterConditions } from './filters.js';
import { KIND_SPECS } from './kinds.js';
import { requireScopeRegion, scopeArms } from './region-scope.js';

export interface FacetsQuery {
  kind: RecordKind;
  regionCode: string;
  noticeBoard?: (typeof NOTICE_BOARD_VALUES)[number] | undefined;
}

/**
 * Reads the years, periods (finance entries only) and categories with counts of a scope. Throws
 * a BoardRequestError for a region the snapshot does not have.
 */
export function readFacets(db: SqliteDatabase, query: FacetsQuery): Facets {
  const region = requireScopeRegion(db, query.regionCode);

  const spec = KIND_SPECS[query.kind];
  const arms = scopeArms(region, spec.region, spec.rowLevels);
  const conditions = filterConditions(query.kind, spec, { noticeBoard: query.noticeBoard }, 0);
  const run = <T>(columns: string, tail: string): T[] =>
    armSelects(spec, arms, columns, conditions, tail).flatMap((select) => db.prepare(select.sql).all(...select.params) as T[]);

  // 1. Accounting periods of the ledger.
  const periods = query.kind === 'finance-entry' ? run<{ period: string }>('DISTINCT period AS period', '').map((row) => row.period) : [];

  // 2. Years, from the year column or the first four characters of a date. A ledger's years come
  // from its periods, which saves a county-wide pass over the ledger index. Only years that the
  // list's year filter accepts are offered.
  const yearExpression = spec.year.form === 'integer' ? spec.year.column : `CAST(substr(${spec.year.column}, 1, 4) AS INTEGER)`;
  const yearValues =
    query.kind === 'finance-entry'
      ? periods.map((period) => Number(period.slice(0, 4)))
      : run<{ year: number | null }>(`DISTINCT ${yearExpression} AS year`, '').map((row) => row.year);
  const years = new Set(yearValues.filter((year): year is number => year !== null && year >= YEAR_MIN && year <= YEAR_MAX));

  // 3. Categories with their row counts, summed over the arms.
  const counts = new Map<string, number>();
  for (const row of run<{ value: string | null; count: number }>(`${spec.category} AS value, count(*) AS count`, ` GROUP BY value`)) {
    if (row.value === null || row.value === '') continue;
    counts.set(row.value, (counts.get(row.value) ?? 0) + row.count);
  }

  return {
    years: [...years].sort((a, b) => b - a),
    periods: [...new Set(periods)].sort().reverse(),
    categories: [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-CN')),
  };
}
