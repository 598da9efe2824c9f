// The content digest of snapshot rows: equal for equal rows in any page layout, different for
// any changed cell, value type, added or deleted row, in both SHA-256 and SM3.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hashBytes } from '../../src-main/core/crypto/hash.js';
import type { HashAlgorithm } from '../../src-main/core/crypto/hash-types.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-content-digest-');
afterAll(() => temp.remove());

const baseFile = path.join(temp.dir, 'base.sqlite');
writeSmallSnapshot(baseFile, { householdCount: 20 });

function digestOf(file: string, algorithm: HashAlgorithm = 'sha256'): string {
  const db = new Database(file, { readonly: true });
  try {
    return contentDigest(db, algorithm);
  } finally {
    db.close();
  }
}

let copies = 0;
/** Copies the base snapshot and runs `sql` on the copy; returns the copy's path. */
function changedCopy(sql: string): string {
  copies += 1;
  const file = path.join(temp.dir, `copy-${copies}.sqlite`);
  copyFileSync(baseFile, file);
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return file;
}

describe('contentDigest', () => {
  it('is 64 hex digits in both algorithms', () => {
    const sha256 = digestOf(baseFile, 'sha256');
    const sm3 = digestOf(baseFile, 'sm3');
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(sm3).not.toBe(sha256);
  });

  it('ignores page size and insertion order', () => {
    // Reinserting the payments in reverse order and shrinking the pages rewrites every page.
    const reordered = changedCopy(`
      PRAGMA foreign_keys = OFF;
      CREATE TEMP TABLE saved AS SELECT * FROM payments;
      DELETE FROM payments;
      INSERT INTO payments SELECT * FROM saved ORDER BY payment_id DESC;
      PRAGMA page_size = 1024;
      VACUUM;
    `);
    expect(readFileSync(reordered).equals(readFileSync(baseFile))).toBe(false);
    expect(digestOf(reordered)).toBe(digestOf(baseFile));
    expect(digestOf(reordered, 'sm3')).toBe(digestOf(baseFile, 'sm3'));
  });

  it.each([
    ['an amount', `UPDATE payments SET amount_fen = amount_fen + 1 WHERE payment_id = 'H0003-P1'`],
    ['a masked name', `UPDATE persons SET masked_name = '王**' WHERE household_id = 'H0002' AND member_order = 1`],
    ['NULL to empty text', `UPDATE regions SET parent_code = '' WHERE code = '430124'`],
    ['a meta value', `UPDATE meta SET value = '4' WHERE key = 'version'`],
    ['a deleted row', `DELETE FROM payments WHERE payment_id = 'H0019-P0'`],
    ['an added row', `INSERT INTO households (household_id, village_code) VALUES ('H9999', '430124101201')`],
  ])('changes with %s', (_name, sql) => {
    expect(digestOf(changedCopy(sql))).not.toBe(digestOf(baseFile));
  });

  it('tells value types apart', () => {
    const file = path.join(temp.dir, 'types.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v)');
    const values: unknown[] = [null, 1n, 1.0, '1', Buffer.from('1'), '', Buffer.alloc(0)];
    const digests = values.map((value) => {
      db.prepare('DELETE FROM t').run();
      db.prepare('INSERT INTO t (k, v) VALUES (1, ?)').safeIntegers(true).run(value);
      return contentDigest(db, 'sha256');
    });
    db.close();
    expect(new Set(digests).size).toBe(values.length);
  });

  it('hashes the documented serialisation', () => {
    const file = path.join(temp.dir, 'format.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE b (k INTEGER PRIMARY KEY, v); INSERT INTO b VALUES (2, 'x'), (1, NULL);");
    db.exec('CREATE TABLE a (r REAL PRIMARY KEY, blob BLOB); INSERT INTO a VALUES (0.5, x\'ff\');');
    const digest = contentDigest(db, 'sm3');
    db.close();

    const u32 = (value: number) => Buffer.from([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
    const text = (value: string) => Buffer.concat([u32(Buffer.byteLength(value)), Buffer.from(value)]);
    const i64 = (value: number) => {
      const bytes = Buffer.alloc(8);
      bytes.writeBigInt64BE(BigInt(value));
      return bytes;
    };
    const f64 = (value: number) => {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleBE(value);
      return bytes;
    };
    // Tables by name (a before b), rows by primary key (1 before 2).
    const expected = Buffer.concat([
      Buffer.from('T'), text('a'), i64(2), text('r'), text('blob'),
      Buffer.from('R'), Buffer.from([2]), f64(0.5), Buffer.from([4]), u32(1), Buffer.from([0xff]),
      Buffer.from('E'),
      Buffer.from('T'), text('b'), i64(2), text('k'), text('v'),
      Buffer.from('R'), Buffer.from([1]), i64(1), Buffer.from([0]),
      Buffer.from('R'), Buffer.from([1]), i64(2), Buffer.from([3]), text('x'),
      Buffer.from('E'),
    ]);
    expect(digest).toBe(hashBytes('sm3', expected));
  });
});
