// Query plans of the hot board queries: each must read an index range (SEARCH) and must not
// scan its table or sort the rows for ORDER BY, whatever the scope and filters.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListFilters, RecordKind } from '../../src-shared/boards-api.js';
import { financeTotalsSql } from '../../src-main/core/boards/finance-summary.js';
import { KIND_SPECS } from '../../src-main/core/boards/kinds.js';
import { listPageSql } from '../../src-main/core/boards/list.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { COUNTY, TOWNSHIP_A, VILLAGE_A1, writeBoardSnapshot } from '../helpers/board-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let db: SqliteDatabase;

beforeAll(() => {
  temp = makeTempDir();
  const file = path.join(temp.dir, 'boards.sqlite');
  writeBoardSnapshot(file, { financeEntriesPerVillage: 200 });
  db = openSnapshot(file);
});

afterAll(() => {
  db.close();
  temp.remove();
});

function planOf(sql: string, params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}

/** Checks a plan reads only index ranges of `table`, with no table scan and no ORDER BY sort. */
function expectIndexedPlan(plan: string[], table: string): void {
  const reads = plan.filter((detail) => new RegExp(`^(SCAN|SEARCH) ${table}\\b`).test(detail));

  expect(reads.length, plan.join('\n')).toBeGreaterThan(0);
  for (const read of reads) expect(read, plan.join('\n')).toMatch(new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX ${table}_by_`));
  expect(plan.filter((detail) => detail.includes('TEMP B-TREE FOR ORDER BY')), plan.join('\n')).toEqual([]);
}

function expectListPlan(kind: RecordKind, regionCode: string, filters: ListFilters = {}): string[] {
  const page = listPageSql(db, { kind, regionCode, filters, offset: 150, limit: 50 }, 1_000_000);
  expect(page).not.toBeNull();
  const plan = planOf(page!.sql, page!.params);
  expectIndexedPlan(plan, KIND_SPECS[kind].table);
  return plan;
}

const SCOPES = { village: VILLAGE_A1, township: TOWNSHIP_A, county: COUNTY } as const;

describe('finance list plan', () => {
  for (const [level, code] of Object.entries(SCOPES)) {
    it(`reads the ${level} ledger from a covering index`, () => {
      const plan = expectListPlan('finance-entry', code);

      expect(plan.join('\n')).toContain('COVERING INDEX');
    });
  }

  it('keeps the index order under every filter', () => {
    expectListPlan('finance-entry', TOWNSHIP_A, { year: 2025 });
    expectListPlan('finance-entry', TOWNSHIP_A, { period: '2025-03' });
    expectListPlan('finance-entry', TOWNSHIP_A, { category: '公益支出', flaggedOnly: true });
    expectListPlan('finance-entry', VILLAGE_A1, { year: 2024, category: '补助收入' });
  });
});

describe('finance summary plan', () => {
  for (const [level, code] of Object.entries(SCOPES)) {
    it(`reads the ${level} year from a covering index`, () => {
      const query = financeTotalsSql(db, code, 2025, 1_000_000)!;
      for (const select of query.selects) {
        const plan = planOf(select.sql, select.params);
        expectIndexedPlan(plan, 'finance_entries');
        expect(plan.join('\n')).toContain('COVERING INDEX');
      }
    });
  }
});

describe('projects list plan', () => {
  for (const [level, code] of Object.entries(SCOPES)) {
    it(`merges the ${level} scope arms without a sort`, () => {
      expectListPlan('project', code);
      expectListPlan('project', code, { year: 2025, category: '道路交通' });
    });
  }

  it('merges a village and its township', () => {
    const plan = expectListPlan('project', VILLAGE_A1);

    expect(plan).toContain('MERGE (UNION ALL)');
  });
});

describe('notices list plan', () => {
  for (const [level, code] of Object.entries(SCOPES)) {
    it(`reads the ${level} notices in order`, () => {
      expectListPlan('notice', code);
      expectListPlan('notice', code, { noticeBoard: '村务公开', year: 2025 });
    });
  }
});

describe('other lists plan', () => {
  const kinds = ['fund-allocation', 'poverty-household', 'finance-balance', 'collective-asset', 'complaint-outcome', 'accountability-notice'] as const;
  for (const kind of kinds) {
    it(`reads ${kind} in order`, () => {
      for (const code of Object.values(SCOPES)) expectListPlan(kind, code, { year: 2025 });
    });
  }
});
