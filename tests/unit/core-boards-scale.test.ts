// A township ledger of 200,000 entries: pages at the start and deep in the list come back whole
// and in order. The times are printed for the record; no test asserts a timing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardsReader } from '../../src-main/core/boards/reader.js';
import type { BoardsReader } from '../../src-main/core/boards/reader.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { TOWNSHIP_A, writeBoardSnapshot } from '../helpers/board-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';

// Two villages of township A with 100,000 entries each, and 100,000 in township B.
const PER_VILLAGE = 100_000;

let temp: ReturnType<typeof makeTempDir>;
let db: SqliteDatabase;
let reader: BoardsReader;

beforeAll(() => {
  temp = makeTempDir();
  const file = path.join(temp.dir, 'ledger.sqlite');
  writeBoardSnapshot(file, { financeEntriesPerVillage: PER_VILLAGE });
  db = openSnapshot(file);
  reader = createBoardsReader(db, { flagThresholdFen: 1_000_000 });
}, 120_000);

afterAll(() => {
  db.close();
  temp.remove();
});

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

describe('township ledger of 200,000 entries', () => {
  it('pages at offset 0 and 150,000', () => {
    const first = timed('page at offset 0 (first request, with count and sources)', () =>
      reader.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, offset: 0, limit: 50 }),
    );
    const deep = timed('page at offset 150,000', () =>
      reader.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, offset: 150_000, limit: 50 }),
    );
    const flagged = timed('flagged-only page at offset 20,000 (first request)', () =>
      reader.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, filters: { flaggedOnly: true }, offset: 20_000, limit: 50 }),
    );
    timed('summary of a year', () => reader.getFinanceSummary({ regionCode: TOWNSHIP_A, year: 2025 }));
    timed('facets', () => reader.getFacets({ kind: 'finance-entry', regionCode: TOWNSHIP_A }));

    expect(first.total).toBe(2 * PER_VILLAGE);
    expect(first.items).toHaveLength(50);
    expect(deep.items).toHaveLength(50);
    expect(deep.items[0]!.date <= first.items[49]!.date).toBe(true);
    expect(flagged.total).toBe(2 * Math.ceil(PER_VILLAGE / 7));
    expect(flagged.items.every((item) => item.flagged)).toBe(true);
  });
});
