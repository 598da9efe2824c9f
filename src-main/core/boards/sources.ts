// Sources of a list's data: its distinct departments, each with its latest publication date.
import type { Source } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { armSelects } from './filters.js';
import type { SqlPart } from './filters.js';
import type { KindSpec } from './kinds.js';
import type { ScopeArm } from './region-scope.js';

/** Sources shown with a list or summary, newest first. */
export const MAX_SOURCES = 5;

/** Reads the sources of the rows the arms and conditions select, newest first, at most five. */
export function readSources(db: SqliteDatabase, spec: KindSpec, arms: ScopeArm[], conditions: SqlPart): Source[] {
  const columns = `${spec.department} AS department, max(${spec.publishedOn}) AS publishedOn`;
  const latest = new Map<string, string>();

  for (const select of armSelects(spec, arms, columns, conditions, ` GROUP BY ${spec.department}`)) {
    for (const row of db.prepare(select.sql).all(...select.params) as Source[]) {
      const known = latest.get(row.department);
      if (known === undefined || row.publishedOn > known) latest.set(row.department, row.publishedOn);
    }
  }

  const newestFirst = (a: Source, b: Source): number => {
    if (a.publishedOn !== b.publishedOn) return a.publishedOn < b.publishedOn ? 1 : -1;
    return a.department.localeCompare(b.department);
  };
  return [...latest]
    .map(([department, publishedOn]) => ({ department, publishedOn }))
    .sort(newestFirst)
    .slice(0, MAX_SOURCES);
}
