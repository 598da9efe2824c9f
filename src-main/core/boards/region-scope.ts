// Region scope of the board lists: a request for region R covers the rows of R, of every region
// under R, and of R's township and county above it. Codes nest by prefix (county 6 digits,
// township 9, village 12), so the scope is a few disjoint "arms": one exact match per ancestor
// and one prefix match for R and below. Each arm reads one index of schema-boards.ts in order.
import type { RegionLevel } from '../../../src-shared/region-code.js';
import { REGION_CODE_LENGTH } from '../../../src-shared/region-code.js';
import type { SqliteDatabase } from '../store.js';
import { BoardRequestError } from './request-error.js';

/** One disjoint part of a scope: rows where `expression` equals `value`. */
export interface ScopeArm {
  expression: string;
  value: string;
}

/** Levels a board list can be requested for, and the levels whose rows count as ancestors. */
const SCOPE_LEVELS: readonly RegionLevel[] = ['county', 'township', 'village'];

export interface ScopeRegion {
  code: string;
  level: RegionLevel;
}

/**
 * Finds the requested region in the snapshot. Returns null for a code the snapshot does not
 * have or for a province or city.
 */
export function findScopeRegion(db: SqliteDatabase, code: string): ScopeRegion | null {
  const row = db.prepare('SELECT code, level FROM regions WHERE code = ?').get(code) as ScopeRegion | undefined;
  if (row === undefined || !SCOPE_LEVELS.includes(row.level)) return null;
  if (row.code.length !== REGION_CODE_LENGTH[row.level]) return null;
  return row;
}

/**
 * Finds the region of a list, facet, finance summary, search or suggest request. Throws a
 * BoardRequestError naming the code when findScopeRegion finds none, so that a wrong code is
 * never mistaken for a region that published nothing.
 */
export function requireScopeRegion(db: SqliteDatabase, code: string): ScopeRegion {
  const region = findScopeRegion(db, code);
  if (region !== null) return region;

  const county = db.prepare("SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1").get() as { code: string } | undefined;
  const installed = county === undefined ? 'the installed snapshot' : `the installed snapshot of county ${county.code}`;
  throw new BoardRequestError(
    'unknown-region',
    `Region ${code} is not a county, township or village of ${installed}; pick a region code from getRegions.`,
  );
}

/**
 * Builds the arms of a scope over `column`, a region column whose rows have one of `rowLevels`.
 * Arms that could match no row (an ancestor level the table never holds) are left out.
 */
export function scopeArms(region: ScopeRegion, column: string, rowLevels: readonly RegionLevel[]): ScopeArm[] {
  const arms: ScopeArm[] = [];

  // 1. Ancestors from the county down: exact matches on their shorter codes.
  for (const level of ['county', 'township'] as const) {
    const length = REGION_CODE_LENGTH[level];
    if (length < region.code.length && rowLevels.includes(level)) {
      arms.push({ expression: column, value: region.code.slice(0, length) });
    }
  }

  // 2. The region and everything under it. A village has nothing under it; a township or county
  // is matched through the prefix indexes, written exactly as schema-boards.ts declares them.
  const expression = region.level === 'village' ? column : `substr(${column}, 1, ${region.code.length})`;
  arms.push({ expression, value: region.code });
  return arms;
}
