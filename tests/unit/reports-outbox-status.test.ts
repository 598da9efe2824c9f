// The upload error that `minsheng status` reads from the report outbox. It is the error of the
// latest failed attempt, not of the oldest report, in files of schema version 2. Version 1 files
// that no kiosk of this version has opened yet are read too.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox } from '../../src-main/core/reports/outbox.js';
import { readOutboxReport } from '../../src-main/core/reports/outbox-status.js';
import { makeTempDir } from '../helpers/temp.js';

const T0 = Date.UTC(2026, 4, 12, 8, 0, 0);
const MINUTE_MS = 60_000;

// The outbox table as schema version 1 created it, before last_attempt_at.
const VERSION_1_SCHEMA = `
CREATE TABLE outbox (
  idempotency_key TEXT PRIMARY KEY NOT NULL,
  sealed BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  delivered_at INTEGER
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
PRAGMA user_version = 1;
`;

let temp: ReturnType<typeof makeTempDir>;
let file: string;

beforeEach(() => {
  temp = makeTempDir('minsheng-outbox-status-');
  file = path.join(temp.dir, 'outbox.sqlite');
});

afterEach(() => temp.remove());

/** Writes a version 1 outbox whose reports failed oldest first, each 1 minute after filing. */
function writeVersion1Outbox(errors: string[]): void {
  const db = new Database(file);
  db.exec(VERSION_1_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO outbox (idempotency_key, sealed, created_at, attempts, next_attempt_at, last_error) VALUES (?, ?, ?, 1, ?, ?)',
  );
  errors.forEach((error, index) => insert.run(`key-${index}`, Buffer.from([1]), T0 + index, T0 + index + MINUTE_MS, error));
  db.close();
}

describe('readOutboxReport last error', () => {
  it('shows the latest failed attempt', () => {
    const outbox = openOutbox(file);
    outbox.enqueue({ idempotencyKey: 'older', sealed: new Uint8Array([1]), createdAt: T0 });
    outbox.enqueue({ idempotencyKey: 'newer', sealed: new Uint8Array([2]), createdAt: T0 + MINUTE_MS });

    outbox.recordFailure('older', T0 + 2 * MINUTE_MS, 'HTTP 503 at minute 2');
    outbox.recordFailure('newer', T0 + 3 * MINUTE_MS, 'HTTP 404 at minute 3');
    expect(readOutboxReport(file, new Date(T0 + 4 * MINUTE_MS)).lastError).toBe('HTTP 404 at minute 3');

    // The older report failing again makes its error the latest one.
    outbox.recordFailure('older', T0 + 5 * MINUTE_MS, 'ECONNREFUSED at minute 5');
    outbox.close();
    expect(readOutboxReport(file, new Date(T0 + 6 * MINUTE_MS)).lastError).toBe('ECONNREFUSED at minute 5');
  });

  it('skips the error of a delivered report', () => {
    const outbox = openOutbox(file);
    outbox.enqueue({ idempotencyKey: 'waiting', sealed: new Uint8Array([1]), createdAt: T0 });
    outbox.enqueue({ idempotencyKey: 'delivered', sealed: new Uint8Array([2]), createdAt: T0 });
    outbox.recordFailure('waiting', T0 + MINUTE_MS, 'HTTP 503 at minute 1');
    outbox.recordFailure('delivered', T0 + 2 * MINUTE_MS, 'HTTP 503 at minute 2');
    outbox.markDelivered('delivered', T0 + 3 * MINUTE_MS);
    outbox.close();

    expect(readOutboxReport(file, new Date(T0 + 4 * MINUTE_MS)).lastError).toBe('HTTP 503 at minute 1');
  });

  it('reads a version 1 file without changing it', () => {
    writeVersion1Outbox(['HTTP 503 of the first report', 'HTTP 503 of the second report']);

    const report = readOutboxReport(file, new Date(T0 + 10 * MINUTE_MS));

    expect(report.state).toBe('ok');
    expect(report.retrying).toBe(2);
    // Without attempt times, the error of the newest failing report is shown.
    expect(report.lastError).toBe('HTTP 503 of the second report');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  it('ranks a new failure above migrated ones', () => {
    writeVersion1Outbox(['HTTP 503 of the first report', 'HTTP 503 of the second report']);

    const outbox = openOutbox(file);
    outbox.recordFailure('key-0', T0 + 10 * MINUTE_MS, 'HTTP 404 after the upgrade');
    outbox.close();

    expect(readOutboxReport(file, new Date(T0 + 11 * MINUTE_MS)).lastError).toBe('HTTP 404 after the upgrade');
  });
});
