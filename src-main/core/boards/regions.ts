// The region tree for the region picker: the county and its townships and villages.
import type { Region } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';

/** Reads the county, township and village rows in code order, so each parent precedes its children. */
export function readRegions(db: SqliteDatabase): Region[] {
  return db
    .prepare(
      `SELECT code, name, parent_code AS parentCode, level, initials FROM regions
      WHERE level IN ('county', 'township', 'village') ORDER BY code`,
    )
    .all() as Region[];
}
