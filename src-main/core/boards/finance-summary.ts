// A year of village finances in one region scope: income against expenditure per month, totals
// per category, and how many entries lie above the terminal's flag threshold.
import type { FinanceSummary } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { armSelects, filterConditions } from './filters.js';
import { KIND_SPECS } from './kinds.js';
import { requireScopeRegion, scopeArms } from './region-scope.js';
import { readSources } from './sources.js';

type Direction = '收入' | '支出';

interface GroupRow {
  period: string;
  direction: Direction;
  category: string;
  amountFen: number;
  flaggedCount: number;
}

const SPEC = KIND_SPECS['finance-entry'];

/** Builds the grouped totals query; exported for the query plan tests. */
export function financeTotalsSql(db: SqliteDatabase, regionCode: string, year: number, flagThresholdFen: number) {
  const region = requireScopeRegion(db, regionCode);

  const arms = scopeArms(region, SPEC.region, SPEC.rowLevels);
  const conditions = filterConditions('finance-entry', SPEC, { year }, flagThresholdFen);
  const columns = `period, direction, category, sum(amount_fen) AS amountFen, sum(amount_fen > ${Number(flagThresholdFen)}) AS flaggedCount`;
  return { arms, conditions, selects: armSelects(SPEC, arms, columns, conditions, ' GROUP BY period, direction, category') };
}

/**
 * Reads the summary; a region without entries in that year gives zero totals. Throws a
 * BoardRequestError for a region the snapshot does not have.
 */
export function readFinanceSummary(db: SqliteDatabase, regionCode: string, year: number, flagThresholdFen: number): FinanceSummary {
  const summary: FinanceSummary = {
    regionCode,
    year,
    incomeFen: 0,
    expenditureFen: 0,
    months: [],
    categories: [],
    flagThresholdFen,
    flaggedCount: 0,
    sources: [],
  };
  const query = financeTotalsSql(db, regionCode, year, flagThresholdFen);

  // One pass over the covering index; the few groups are summed here.
  const months = new Map<string, { period: string; incomeFen: number; expenditureFen: number }>();
  const categories = new Map<string, { direction: Direction; category: string; amountFen: number }>();
  for (const select of query.selects) {
    for (const row of db.prepare(select.sql).all(...select.params) as GroupRow[]) {
      const month = months.get(row.period) ?? { period: row.period, incomeFen: 0, expenditureFen: 0 };
      if (row.direction === '收入') month.incomeFen += row.amountFen;
      else month.expenditureFen += row.amountFen;
      months.set(row.period, month);

      const key = `${row.direction}\u0000${row.category}`;
      const category = categories.get(key) ?? { direction: row.direction, category: row.category, amountFen: 0 };
      category.amountFen += row.amountFen;
      categories.set(key, category);

      summary.flaggedCount += row.flaggedCount;
    }
  }

  summary.months = [...months.values()].sort((a, b) => a.period.localeCompare(b.period));
  summary.incomeFen = summary.months.reduce((sum, month) => sum + month.incomeFen, 0);
  summary.expenditureFen = summary.months.reduce((sum, month) => sum + month.expenditureFen, 0);
  // Income before expenditure, largest first within each.
  const directionRank = (direction: Direction): number => (direction === '收入' ? 0 : 1);
  summary.categories = [...categories.values()].sort(
    (a, b) => directionRank(a.direction) - directionRank(b.direction) || b.amountFen - a.amountFen,
  );
  if (summary.months.length > 0) summary.sources = readSources(db, SPEC, query.arms, query.conditions);
  return summary;
}
