import { closeSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src-main/core/reports/outbox-backoff.js';
import { openOutbox, OutboxError } from '../../src-main/core/reports/outbox.js';
import type { Outbox, OutboxOptions } from '../../src-main/core/reports/outbox.js';
import { makeTempDir } from '../helpers/temp.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const opened: Outbox[] = [];

function open(options: OutboxOptions = {}): Outbox {
  const outbox = openOutbox(file, options);
  opened.push(outbox);
  return outbox;
}

/** Returns what openOutbox throws for `outboxFile`; fails the test when the file opens. */
function openingError(outboxFile: string): unknown {
  try {
    openOutbox(outboxFile).close();
  } catch (error) {
    return error;
  }
  throw new Error(`expected openOutbox to reject ${outboxFile}`);
}

beforeEach(() => {
  temp = makeTempDir('minsheng-outbox-');
  file = path.join(temp.dir, 'outbox.sqlite');
});

afterEach(() => {
  for (const outbox of opened.splice(0)) {
    try {
      outbox.close();
    } catch {
      // Already closed by the test.
    }
  }
  temp.remove();
});

describe('outbox storage', () => {
  it('uses WAL journal mode', () => {
    open();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('stores the same key once', () => {
    const outbox = open();
    expect(outbox.enqueue({ idempotencyKey: 'r-1', sealed: bytes('first'), createdAt: T0 })).toBe(true);
    expect(outbox.enqueue({ idempotencyKey: 'r-1', sealed: bytes('second'), createdAt: T0 + 5 })).toBe(false);

    expect(outbox.counts()).toEqual({ waiting: 1, retrying: 0, delivered: 0 });
    expect(new TextDecoder().decode(outbox.get('r-1')!.sealed)).toBe('first');
    expect(outbox.get('r-1')!.createdAt).toBe(T0);
  });

  it('keeps entries across reopen', () => {
    const first = open();
    first.enqueue({ idempotencyKey: 'r-1', sealed: bytes('a'), createdAt: T0 });
    first.close();

    const second = open();
    expect(second.due(T0, 10).map((entry) => entry.idempotencyKey)).toEqual(['r-1']);
    expect(second.enqueue({ idempotencyKey: 'r-1', sealed: bytes('a'), createdAt: T0 })).toBe(false);
  });

  it('stores sealed bytes unchanged', () => {
    const outbox = open();
    const sealed = new Uint8Array(256).map((_, index) => index);
    const view = new Uint8Array(sealed.buffer, 10, 100);
    outbox.enqueue({ idempotencyKey: 'view', sealed: view, createdAt: T0 });
    expect(Array.from(outbox.get('view')!.sealed)).toEqual(Array.from(view));
  });
});

describe('outbox due', () => {
  it('lists due entries oldest first', () => {
    const outbox = open();
    outbox.enqueue({ idempotencyKey: 'later', sealed: bytes('b'), createdAt: T0 + 2000 });
    outbox.enqueue({ idempotencyKey: 'earlier', sealed: bytes('a'), createdAt: T0 + 1000 });
    outbox.enqueue({ idempotencyKey: 'future', sealed: bytes('c'), createdAt: T0 + 9000 });

    expect(outbox.due(T0 + 5000, 10).map((entry) => entry.idempotencyKey)).toEqual(['earlier', 'later']);
    expect(outbox.due(T0 + 5000, 1).map((entry) => entry.idempotencyKey)).toEqual(['earlier']);
    expect(outbox.due(T0, 10)).toEqual([]);
  });

  it('skips delivered and backed-off entries', () => {
    const outbox = open({ baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 });
    outbox.enqueue({ idempotencyKey: 'sent', sealed: bytes('a'), createdAt: T0 });
    outbox.enqueue({ idempotencyKey: 'failed', sealed: bytes('b'), createdAt: T0 });
    outbox.markDelivered('sent', T0 + 10);
    const next = outbox.recordFailure('failed', T0 + 10, 'HTTP 503');

    expect(next).toBe(T0 + 10 + 500);
    expect(outbox.due(T0 + 509, 10)).toEqual([]);
    expect(outbox.due(T0 + 510, 10).map((entry) => entry.idempotencyKey)).toEqual(['failed']);
  });
});

describe('outbox failures', () => {
  it('doubles the delay ceiling up to the cap', () => {
    const outbox = open({ baseDelayMs: 1000, maxDelayMs: 10_000, random: () => 0.999_999 });
    outbox.enqueue({ idempotencyKey: 'r', sealed: bytes('a'), createdAt: T0 });

    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      delays.push(outbox.recordFailure('r', T0, 'offline')! - T0);
    }
    expect(delays).toEqual([999, 1999, 3999, 7999, 9999, 9999]);

    const entry = outbox.get('r')!;
    expect(entry.attempts).toBe(6);
    expect(entry.lastError).toBe('offline');
    expect(outbox.counts()).toEqual({ waiting: 1, retrying: 1, delivered: 0 });
  });

  it('picks the delay from the random source', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect(retryDelayMs(3, { ...policy, random: () => 0 })).toBe(0);
    expect(retryDelayMs(3, { ...policy, random: () => 0.25 })).toBe(1000);
    expect(retryDelayMs(1000, { ...policy, random: () => 0.5 })).toBe(30_000);
    expect(retryDelayMs(2, { ...policy, random: () => Number.NaN })).toBe(0);
  });

  it('cuts long failure texts', () => {
    const outbox = open();
    outbox.enqueue({ idempotencyKey: 'r', sealed: bytes('a'), createdAt: T0 });
    outbox.recordFailure('r', T0, 'x'.repeat(5000));
    expect(outbox.get('r')!.lastError).toHaveLength(1000);
  });

  it('ignores a failure after delivery', () => {
    const outbox = open();
    outbox.enqueue({ idempotencyKey: 'r', sealed: bytes('a'), createdAt: T0 });
    outbox.markDelivered('r', T0 + 1);
    expect(outbox.recordFailure('r', T0 + 2, 'late timeout')).toBeNull();
    expect(outbox.get('r')!.attempts).toBe(0);
  });
});

describe('outbox delivery and prune', () => {
  it('keeps delivered entries for the retention period', () => {
    const outbox = open({ retentionMs: 1000 });
    outbox.enqueue({ idempotencyKey: 'old', sealed: bytes('a'), createdAt: T0 });
    outbox.enqueue({ idempotencyKey: 'new', sealed: bytes('b'), createdAt: T0 });
    outbox.enqueue({ idempotencyKey: 'unsent', sealed: bytes('c'), createdAt: T0 });
    outbox.markDelivered('old', T0 + 100);
    outbox.markDelivered('old', T0 + 900);
    outbox.markDelivered('new', T0 + 500);

    expect(outbox.get('old')!.deliveredAt).toBe(T0 + 100);
    expect(outbox.prune(T0 + 1099)).toBe(0);
    expect(outbox.prune(T0 + 1100)).toBe(1);
    expect(outbox.get('old')).toBeNull();
    expect(outbox.counts()).toEqual({ waiting: 1, retrying: 0, delivered: 1 });

    expect(outbox.prune(T0 + 10_000_000)).toBe(1);
    expect(outbox.get('unsent')).not.toBeNull();
  });

  it('rejects an unknown key', () => {
    const outbox = open();
    expect(() => outbox.markDelivered('missing', T0)).toThrow(/contains no report with idempotency key "missing"/);
    expect(() => outbox.recordFailure('missing', T0, 'x')).toThrow(OutboxError);
  });
});

describe('outbox bad input', () => {
  it('rejects invalid keys, times and bytes', () => {
    const outbox = open();
    const report = { idempotencyKey: 'r', sealed: bytes('a'), createdAt: T0 };
    const cases: [unknown, RegExp][] = [
      [{ ...report, idempotencyKey: '' }, /Idempotency key "" is invalid/],
      [{ ...report, idempotencyKey: 'k'.repeat(201) }, /at most 200 characters/],
      [{ ...report, createdAt: 1.5 }, /createdAt 1.5 is invalid/],
      [{ ...report, createdAt: -1 }, /createdAt -1 is invalid/],
      [{ ...report, sealed: new Uint8Array(0) }, /has no sealed bytes/],
    ];
    for (const [input, message] of cases) {
      expect(() => outbox.enqueue(input as typeof report)).toThrow(message);
    }
    expect(() => outbox.due(T0, 0)).toThrow(/Limit 0 is invalid/);
    expect(() => openOutbox(path.join(temp.dir, 'b.sqlite'), { maxDelayMs: -5 })).toThrow(/maxDelayMs=-5 is invalid/);
    expect(outbox.counts()).toEqual({ waiting: 0, retrying: 0, delivered: 0 });
  });

  it('keeps a damaged file and names it', () => {
    writeFileSync(file, 'this is not a SQLite database, but it may hold reports'.repeat(100));
    const caught = openingError(file);
    expect(caught).toBeInstanceOf(OutboxError);
    expect((caught as OutboxError).code).toBe('damaged');
    expect((caught as OutboxError).message).toContain(file);
  });

  it('rejects a newer schema version', () => {
    const db = new Database(file);
    db.pragma('user_version = 7');
    db.close();
    expect(() => openOutbox(file)).toThrow(/schema version 7, newer than 2/);
  });

  it('upgrades a version 1 file in place', () => {
    const db = new Database(file);
    db.exec(`CREATE TABLE outbox (
      idempotency_key TEXT PRIMARY KEY NOT NULL, sealed BLOB NOT NULL, created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, delivered_at INTEGER)`);
    db.prepare('INSERT INTO outbox (idempotency_key, sealed, created_at, attempts, next_attempt_at, last_error) VALUES (?, ?, ?, 1, ?, ?)').run(
      'old-key',
      Buffer.from('sealed'),
      T0,
      T0 + 1000,
      'offline',
    );
    db.pragma('user_version = 1');
    db.close();

    const outbox = open();
    outbox.recordFailure('old-key', T0 + 5000, 'HTTP 503');
    outbox.close();

    const upgraded = new Database(file, { readonly: true });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(2);
    const row = upgraded.prepare('SELECT sealed, attempts, last_error, last_attempt_at FROM outbox').get() as Record<string, unknown>;
    upgraded.close();
    expect(Buffer.from(row.sealed as Buffer).toString()).toBe('sealed');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBe('HTTP 503');
    expect(row.last_attempt_at).toBe(T0 + 5000);
  });
});

describe('outbox damage and replacement', () => {
  it('rejects a file damaged in the middle', () => {
    const outbox = openOutbox(file);
    for (let index = 0; index < 30; index += 1) {
      outbox.enqueue({ idempotencyKey: `key-${index}`, sealed: new Uint8Array(2000).fill(index + 1), createdAt: T0 + index });
    }
    outbox.close();

    // Overwrite one whole page in the middle, so its b-tree page header is garbage.
    const pageSize = 4096;
    const middlePage = Math.floor(statSync(file).size / pageSize / 2) * pageSize;
    const descriptor = openSync(file, 'r+');
    writeSync(descriptor, Buffer.alloc(pageSize, 0xa5), 0, pageSize, middlePage);
    closeSync(descriptor);

    const caught = openingError(file);
    expect(caught).toBeInstanceOf(OutboxError);
    expect((caught as OutboxError).code).toBe('damaged');
    expect((caught as OutboxError).message).toContain(file);
  });

  it('notices a deleted file', () => {
    const outbox = open();
    expect(outbox.isStillAtPath()).toBe(true);

    rmSync(file);

    expect(outbox.isStillAtPath()).toBe(false);
  });

  it('notices a replaced file', () => {
    const outbox = open();
    const other = path.join(temp.dir, 'other.sqlite');
    openOutbox(other).close();

    renameSync(other, file);

    expect(outbox.isStillAtPath()).toBe(false);
  });
});

describe('outbox after a clock correction', () => {
  const HOUR = 3_600_000;
  const YEAR = 365 * 24 * HOUR;

  it('lists an entry filed while the clock ran ahead', () => {
    const outbox = open({ maxDelayMs: HOUR });
    outbox.enqueue({ idempotencyKey: 'ahead', sealed: bytes('x'), createdAt: T0 + YEAR });

    expect(outbox.due(T0, 10).map((entry) => entry.idempotencyKey)).toEqual(['ahead']);
  });

  it('lists an entry retried while the clock ran ahead', () => {
    const outbox = open({ maxDelayMs: HOUR, random: () => 0.5 });
    outbox.enqueue({ idempotencyKey: 'ahead', sealed: bytes('x'), createdAt: T0 });
    outbox.recordFailure('ahead', T0 + YEAR, 'HTTP 503');

    expect(outbox.due(T0, 10).map((entry) => entry.idempotencyKey)).toEqual(['ahead']);
  });

  it('keeps waiting within the maximum delay', () => {
    const outbox = open({ maxDelayMs: HOUR, random: () => 0.99 });
    outbox.enqueue({ idempotencyKey: 'waiting', sealed: bytes('x'), createdAt: T0 });
    const next = outbox.recordFailure('waiting', T0, 'HTTP 503')!;

    expect(next).toBeGreaterThan(T0);
    expect(outbox.due(T0, 10)).toEqual([]);
  });
});
