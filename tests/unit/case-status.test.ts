// readCaseStatus on real SQLite snapshot files: report_progress rows built by the publisher's
// buildBoardTables for every stage, a number no row carries, and a format-3 snapshot that has no
// report_progress table at all.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaseStatus } from '../../src-main/core/reports/case-status.js';
import { SNAPSHOT_DDL } from '../../src-main/core/snapshot/schema.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { buildBoardTables } from '../../src-main/publisher/build-board-tables.js';
import type { TableRow } from '../../src-main/publisher/standard-v2/dataset.js';
import { makeTempDir } from '../helpers/temp.js';

const SOURCE = { department: '县纪委监委', published_on: '2025-05-01' };
const ROWS: TableRow[] = [
  { case_number: '25021012345671', stage: 'received', updated_on: '2025-02-10', reply: null, ...SOURCE },
  { case_number: '25030276543210', stage: 'investigating', updated_on: '2025-03-03', reply: null, ...SOURCE },
  { case_number: '25041500000018', stage: 'replied', updated_on: '2025-04-28', reply: '经核查，少发的120元已补发到位。', ...SOURCE },
  { case_number: '25050580808083', stage: 'closed', updated_on: '2025-04-30', reply: '经核查，反映的问题不属实，已当面答复。', ...SOURCE },
];
// Valid by Luhn, but in no row.
const UNKNOWN_CASE = '24051393238469';

const temp = makeTempDir('minsheng-case-status-');
let current: SqliteDatabase;
let formatThree: SqliteDatabase;

beforeAll(() => {
  const currentFile = path.join(temp.dir, 'format-4.sqlite');
  const writable = new Database(currentFile);
  writable.exec(SNAPSHOT_DDL);
  const counts = buildBoardTables(writable, { tables: new Map([['report_progress', ROWS]]), documents: [] }, { personKeyOf: () => 'unused' });
  expect(counts.report_progress).toBe(ROWS.length);
  writable.close();
  current = openSnapshot(currentFile);

  // A format-3 snapshot is the same schema without report_progress.
  const formatThreeFile = path.join(temp.dir, 'format-3.sqlite');
  const older = new Database(formatThreeFile);
  older.exec(SNAPSHOT_DDL);
  older.exec('DROP TABLE report_progress');
  older.close();
  formatThree = openSnapshot(formatThreeFile);
});

afterAll(() => {
  current.close();
  formatThree.close();
  temp.remove();
});

describe('readCaseStatus', () => {
  it.each(ROWS.map((row) => [row.stage, row] as const))('reads a %s case', (_stage, row) => {
    expect(readCaseStatus(current, String(row.case_number))).toEqual({
      stage: row.stage,
      updatedOn: row.updated_on,
      reply: row.reply,
      department: '县纪委监委',
    });
  });

  it('returns null for an unknown number', () => {
    expect(readCaseStatus(current, UNKNOWN_CASE)).toBeNull();
  });

  it('matches the compact number only', () => {
    // Callers parse typed input with parseCaseNumber first, so grouped text is no key.
    expect(readCaseStatus(current, '2502 1012 3456 71')).toBeNull();
  });

  it('returns null without the table', () => {
    expect(readCaseStatus(formatThree, '25021012345671')).toBeNull();
  });

  it('returns the same result twice', () => {
    const first = readCaseStatus(current, '25041500000018');
    const second = readCaseStatus(current, '25041500000018');

    expect(second).toEqual(first);
    expect(readCaseStatus(formatThree, '25041500000018')).toBeNull();
  });

  it('keeps connections apart', () => {
    // Both connections were queried above, and each caches its own result for the table.
    expect(readCaseStatus(current, '25050580808083')?.stage).toBe('closed');
    expect(readCaseStatus(formatThree, '25050580808083')).toBeNull();
  });
});
