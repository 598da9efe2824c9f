// Deltas between two snapshots: building one, applying it to a copy of the base so that the
// content digest equals the new snapshot's, and rejecting deltas that do not fit the target
// without changing a byte of it.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { DELTA_TABLES_TABLE, upsertsTableName } from '../../src-main/core/snapshot/delta-format.js';
import { DeltaError, applyDelta } from '../../src-main/core/sync/apply-delta.js';
import type { DeltaErrorReason } from '../../src-main/core/sync/apply-delta.js';
import { DeltaNotPossible, buildDelta } from '../../src-main/publisher/build-delta.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-delta-');
afterAll(() => temp.remove());

const baseFile = path.join(temp.dir, 'base.sqlite');
writeSmallSnapshot(baseFile, { householdCount: 30 });

let fileCount = 0;
function nextFile(label: string): string {
  fileCount += 1;
  return path.join(temp.dir, `${label}-${fileCount}.sqlite`);
}

function runSql(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Copies `from` and runs `sql` on the copy. */
function changedCopy(from: string, sql: string): string {
  const file = nextFile('changed');
  copyFileSync(from, file);
  runSql(file, sql);
  return file;
}

function digestOf(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return contentDigest(db, 'sha256');
  } finally {
    db.close();
  }
}

// Updates, deletes, inserts and a swap of member orders that collides on the unique index
// persons_by_household until both rows are written. Payments follow the swapped members, so
// foreign keys hold again only at the end.
const CHANGES = `
  PRAGMA foreign_keys = OFF;
  UPDATE meta SET value = '4' WHERE key = 'version';
  UPDATE payments SET amount_fen = amount_fen + 100 WHERE payment_id IN ('H0001-P0', 'H0005-P1');
  DELETE FROM payments WHERE payment_id IN ('H0007-P0', 'H0007-P1');
  INSERT INTO payments (payment_id, household_id, member_order, item_code, amount_fen, paid_on, period, department)
    VALUES ('H0008-P9', 'H0008', 1, 'A01', 777, '2025-06-01', '2025', '县农业农村局');
  INSERT INTO households (household_id, village_code) VALUES ('H0900', '430124101201');
  UPDATE persons SET member_order = member_order + 10 WHERE household_id = 'H0002';
  UPDATE persons SET member_order = 3 - (member_order - 10) WHERE household_id = 'H0002';
  UPDATE payments SET member_order = 3 - member_order WHERE household_id = 'H0002';
`;

/** Builds the delta from base to `next` and applies it to a fresh copy of base. */
function roundTrip(next: string) {
  const delta = nextFile('delta');
  const counts = buildDelta(baseFile, next, delta);
  const target = nextFile('target');
  copyFileSync(baseFile, target);
  applyDelta(target, delta);
  return { counts, target, delta };
}

function expectRejected(target: string, delta: string, reason: DeltaErrorReason): void {
  const before = readFileSync(target);
  let caught: unknown;
  try {
    applyDelta(target, delta);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DeltaError);
  expect((caught as DeltaError).reason).toBe(reason);
  expect(readFileSync(target).equals(before), 'target bytes unchanged').toBe(true);
}

describe('buildDelta and applyDelta', () => {
  it('reproduce the new snapshot digest', () => {
    const next = changedCopy(baseFile, CHANGES);
    const { counts, target } = roundTrip(next);
    expect(digestOf(next)).not.toBe(digestOf(baseFile));
    expect(digestOf(target)).toBe(digestOf(next));
    // meta 1, payments 2 changed + 1 new + 2 swapped, households 1, persons 2.
    expect(counts).toEqual({ upserts: 9, deletes: 2 });

    const db = new Database(target, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('give an empty delta for equal snapshots', () => {
    const next = nextFile('same');
    copyFileSync(baseFile, next);
    const { counts, target } = roundTrip(next);
    expect(counts).toEqual({ upserts: 0, deletes: 0 });
    expect(digestOf(target)).toBe(digestOf(baseFile));
  });

  it('carry a change of value type', () => {
    const typed = nextFile('typed');
    runSql(typed, "CREATE TABLE t (k TEXT PRIMARY KEY, v); INSERT INTO t VALUES ('a', 1), ('b', 'x');");
    const retyped = changedCopy(typed, "UPDATE t SET v = 1.0 WHERE k = 'a'; UPDATE t SET v = 'X' WHERE k = 'b';");
    const delta = nextFile('delta');
    expect(buildDelta(typed, retyped, delta)).toEqual({ upserts: 2, deletes: 0 });
    const target = nextFile('target');
    copyFileSync(typed, target);
    applyDelta(target, delta);
    expect(digestOf(target)).toBe(digestOf(retyped));
  });
});

describe('buildDelta', () => {
  it('rejects different schemas', () => {
    const next = changedCopy(baseFile, 'CREATE INDEX payments_by_item ON payments (item_code)');
    const delta = nextFile('delta');
    expect(() => buildDelta(baseFile, next, delta)).toThrow(DeltaNotPossible);
  });

  it('rejects a table without primary key', () => {
    const keyless = nextFile('keyless');
    runSql(keyless, 'CREATE TABLE t (v); INSERT INTO t VALUES (1);');
    expect(() => buildDelta(keyless, keyless, nextFile('delta'))).toThrow(/table t has no primary key/);
  });
});

describe('applyDelta rejections', () => {
  const next = changedCopy(baseFile, CHANGES);
  const goodDelta = nextFile('delta');
  buildDelta(baseFile, next, goodDelta);

  function freshTarget(): string {
    const target = nextFile('target');
    copyFileSync(baseFile, target);
    return target;
  }

  it('rejects a file that is not SQLite', () => {
    const notSqlite = path.join(temp.dir, 'garbage.sqlite');
    writeFileSync(notSqlite, Buffer.alloc(8192, 0x5a));
    expectRejected(freshTarget(), notSqlite, 'notSqlite');
  });

  it('rejects a missing delta file', () => {
    expectRejected(freshTarget(), path.join(temp.dir, 'absent.sqlite'), 'deltaMissing');
  });

  it('rejects a SQLite file that is no delta', () => {
    expectRejected(freshTarget(), baseFile, 'notDelta');
  });

  it('rejects a delta of an unknown table', () => {
    const extraBase = changedCopy(baseFile, 'CREATE TABLE extra (k TEXT PRIMARY KEY)');
    const extraNext = changedCopy(extraBase, "INSERT INTO extra VALUES ('x')");
    const delta = nextFile('delta');
    buildDelta(extraBase, extraNext, delta);
    expectRejected(freshTarget(), delta, 'unknownTable');
  });

  it('rejects a delta that lacks a table', () => {
    const smallerBase = changedCopy(baseFile, 'PRAGMA foreign_keys = OFF; DROP TABLE payments;');
    const delta = nextFile('delta');
    buildDelta(smallerBase, smallerBase, delta);
    expectRejected(freshTarget(), delta, 'missingTable');
  });

  it('rejects different columns', () => {
    const wider = changedCopy(baseFile, 'ALTER TABLE households ADD COLUMN note TEXT');
    const delta = nextFile('delta');
    buildDelta(wider, wider, delta);
    expectRejected(freshTarget(), delta, 'columnsDiffer');
  });

  it('rejects a different primary key', () => {
    const target = nextFile('keyed');
    runSql(target, "CREATE TABLE t (a TEXT, b TEXT, PRIMARY KEY (a, b)); INSERT INTO t VALUES ('1', '2');");
    const other = nextFile('keyed');
    runSql(other, "CREATE TABLE t (a TEXT, b TEXT, PRIMARY KEY (b, a)); INSERT INTO t VALUES ('1', '2');");
    const delta = nextFile('delta');
    buildDelta(other, other, delta);
    expectRejected(target, delta, 'primaryKeyDiffers');
  });

  it('rejects rows that break NOT NULL, leaving earlier tables unapplied', () => {
    const delta = nextFile('delta');
    copyFileSync(goodDelta, delta);

    // Upsert tables are numbered by position, which moves whenever the snapshot gains a table,
    // so the test reads the positions from delta_tables by name.
    const db = new Database(delta);
    const positionOf = (table: string) =>
      db.prepare(`SELECT position FROM ${DELTA_TABLES_TABLE} WHERE table_name = ?`).pluck().get(table) as number | undefined;
    const persons = positionOf('persons');
    const households = positionOf('households');
    const meta = positionOf('meta');
    expect(persons).toBeTypeOf('number');
    expect(households).toBeTypeOf('number');
    expect(meta).toBeTypeOf('number');

    // persons is applied after households and meta, whose changed rows must be rolled back too.
    expect(persons!).toBeGreaterThan(households!);
    expect(persons!).toBeGreaterThan(meta!);
    expect(db.prepare(`SELECT count(*) FROM ${upsertsTableName(households!)}`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM ${upsertsTableName(meta!)}`).pluck().get()).toBe(1);

    const upserts = upsertsTableName(persons!);
    const update = db.prepare(`UPDATE ${upserts} SET masked_name = NULL WHERE rowid = (SELECT min(rowid) FROM ${upserts})`).run();
    expect(update.changes).toBe(1);
    db.close();

    expectRejected(freshTarget(), delta, 'rowsRejected');
  });

  it('rejects rows that break a foreign key', () => {
    const orphan = changedCopy(
      baseFile,
      `PRAGMA foreign_keys = OFF;
       INSERT INTO payments (payment_id, household_id, member_order, item_code, amount_fen, paid_on, period, department)
       VALUES ('X-1', 'NO-SUCH-HOUSEHOLD', 1, 'A01', 1, '2025-01-01', '2025', '县民政局');`,
    );
    const delta = nextFile('delta');
    buildDelta(baseFile, orphan, delta);
    expectRejected(freshTarget(), delta, 'rowsRejected');
  });

  it('still applies the good delta after the rejections', () => {
    const target = freshTarget();
    applyDelta(target, goodDelta);
    expect(digestOf(target)).toBe(digestOf(next));
  });
});
