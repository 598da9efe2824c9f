// SQL conditions of a list's filters and the scope arms they combine with.
import type { ListFilters, RecordKind } from '../../../src-shared/boards-api.js';
import type { KindSpec } from './kinds.js';
import type { ScopeArm } from './region-scope.js';

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * Builds the AND-ed conditions of `filters` for one kind. The request schemas reject a filter
 * that the kind does not have (KIND_ONLY_FILTERS), and such a filter adds no condition here.
 */
export function filterConditions(kind: RecordKind, spec: KindSpec, filters: ListFilters, flagThresholdFen: number): SqlPart {
  const conditions: string[] = [];
  const params: unknown[] = [];

  if (filters.year !== undefined) {
    if (spec.year.form === 'integer') {
      conditions.push(`${spec.year.column} = ?`);
      params.push(filters.year);
    } else {
      // 'YYYY' <= 'YYYY-MM-DD' < 'YYYY+1' in text order, a range the index reads in order.
      conditions.push(`${spec.year.column} >= ? AND ${spec.year.column} < ?`);
      params.push(String(filters.year), String(filters.year + 1));
    }
  }

  if (filters.period !== undefined && kind === 'finance-entry') {
    conditions.push('period = ?');
    params.push(filters.period);
  }

  if (filters.category !== undefined) {
    conditions.push(`${spec.category} = ?`);
    params.push(filters.category);
  }

  if (filters.noticeBoard !== undefined && kind === 'notice') {
    conditions.push('board = ?');
    params.push(filters.noticeBoard);
  }

  if (filters.flaggedOnly === true && kind === 'finance-entry') {
    conditions.push('amount_fen > ?');
    params.push(flagThresholdFen);
  }

  return { sql: conditions.map((condition) => ` AND ${condition}`).join(''), params };
}

/** Builds one SELECT per scope arm over the kind's table, each with the same conditions. */
export function armSelects(spec: KindSpec, arms: ScopeArm[], columns: string, conditions: SqlPart, tail = ''): SqlPart[] {
  return arms.map((arm) => ({
    sql: `SELECT ${columns} FROM ${spec.table} WHERE ${arm.expression} = ?${conditions.sql}${tail}`,
    params: [arm.value, ...conditions.params],
  }));
}
