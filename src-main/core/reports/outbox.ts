// Durable outbox for sealed reports waiting to be uploaded. Each report is stored as opaque
// bytes (already encrypted for the county) in the outbox's own SQLite file in the data folder.
// WAL with synchronous=FULL makes every committed enqueue survive a process crash (tested with
// SIGKILL) and a power cut where the disk honours fsync (not tested). The idempotency key is the
// primary key, so the same report is stored at most once. Delivered entries stay for a retention
// period so that a late duplicate enqueue is still recognised, and then prune() removes them.
// Times are milliseconds since the Unix epoch.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { enableDurableWal } from '../sqlite-durable.js';
import { retryDelayMs } from './outbox-backoff.js';
import type { BackoffPolicy } from './outbox-backoff.js';
import { OutboxError } from './outbox-error.js';

export { OutboxError } from './outbox-error.js';
export type { OutboxErrorCode } from './outbox-error.js';

// Version 2 added last_attempt_at, so `minsheng status` can show the latest upload error.
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  idempotency_key TEXT PRIMARY KEY NOT NULL,
  sealed BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  delivered_at INTEGER,
  last_attempt_at INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, next_attempt_at);
`;

/** Checks whether the outbox table of `db` has the last_attempt_at column of schema version 2. */
export function hasLastAttemptColumn(db: SqliteDatabase): boolean {
  const columns = db.pragma('table_info(outbox)') as { name: string }[];
  return columns.some((column) => column.name === 'last_attempt_at');
}

export const MAX_KEY_LENGTH = 200;
/** Maximum length of a stored failure text. A longer text is cut, so a huge HTTP body cannot bloat the file. */
export const MAX_ERROR_LENGTH = 1000;

export interface OutboxOptions {
  /** Delay ceiling of the first retry, doubled with each failure. Default 30 seconds. */
  baseDelayMs?: number;
  /** Maximum delay ceiling between attempts. Default 1 hour. */
  maxDelayMs?: number;
  /** Retention time of delivered entries before prune() removes them. Default 30 days. */
  retentionMs?: number;
  /** Source of numbers in [0, 1) for the jitter. Default Math.random. */
  random?: () => number;
}

export interface OutboxEntry {
  idempotencyKey: string;
  sealed: Uint8Array;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  deliveredAt: number | null;
}

export interface OutboxCounts {
  /** Entries not yet delivered, including those that failed before. */
  waiting: number;
  /** Waiting entries with at least one failed attempt. */
  retrying: number;
  /** Delivered entries still kept for the retention period. */
  delivered: number;
}

export interface Outbox {
  readonly file: string;
  /** Stores a report. Returns false, and keeps the first copy, when the key is already stored. */
  enqueue(report: { idempotencyKey: string; sealed: Uint8Array; createdAt: number }): boolean;
  /**
   * Lists up to `limit` undelivered entries, oldest first, whose next attempt time is at or
   * before `now` or more than maxDelayMs after it (set by a clock that has been corrected since).
   */
  due(now: number, limit: number): OutboxEntry[];
  /** Counts a failed upload and schedules the next attempt. Returns that time, or null when the entry was already delivered. */
  recordFailure(idempotencyKey: string, now: number, error: string): number | null;
  /** Marks an entry delivered at `now`. Marking it again keeps the first time. */
  markDelivered(idempotencyKey: string, now: number): void;
  /** Deletes delivered entries older than the retention period. Returns how many were deleted. */
  prune(now: number): number;
  counts(): OutboxCounts;
  get(idempotencyKey: string): OutboxEntry | null;
  /**
   * Checks by device and inode whether `file` still names the opened file. Returns false after the
   * file was deleted or replaced, when new reports would go into a file that no one can open again.
   */
  isStillAtPath(): boolean;
  close(): void;
}

interface EntryRow {
  idempotency_key: string;
  sealed: Buffer;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
}

function toEntry(row: EntryRow): OutboxEntry {
  return {
    idempotencyKey: row.idempotency_key,
    sealed: new Uint8Array(row.sealed),
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new OutboxError(
      `Idempotency key ${JSON.stringify(key)} is invalid: pass a non-empty string of at most ${MAX_KEY_LENGTH} characters`,
      'invalid-input',
    );
  }
  return key;
}

function checkTime(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new OutboxError(
      `${name} ${String(value)} is invalid: pass whole milliseconds since the Unix epoch`,
      'invalid-input',
    );
  }
  return value;
}

function checkDuration(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new OutboxError(`Outbox option ${name}=${String(value)} is invalid: pass whole milliseconds, 0 or more`, 'invalid-input');
  }
  return value;
}

/** Creates the table, or brings a version 1 file to version 2 in one transaction. */
function applySchema(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    // A version 1 file keeps its rows, and their last_attempt_at stays null until they fail again.
    if (!hasLastAttemptColumn(db)) db.exec('ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** Opens the SQLite connection, applies the durability pragmas and creates or checks the schema. */
function openDatabase(file: string): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file);
    enableDurableWal(db);
    db.pragma('busy_timeout = 5000');

    // A damaged file can still open and take new rows into broken pages, so check it first.
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      throw new OutboxError(
        `Outbox ${file} is damaged (SQLite quick_check: ${check.slice(0, 200)}). Keep the file because it may contain unsent reports`,
        'damaged',
      );
    }

    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new OutboxError(
        `Outbox ${file} has schema version ${version}, newer than ${SCHEMA_VERSION}: update the program, and keep the file because it contains unsent reports`,
        'newer-schema',
      );
    }
    applySchema(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof OutboxError) throw error;
    const sqliteCode = (error as { code?: unknown }).code;
    if (sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB') {
      throw new OutboxError(
        `Outbox ${file} is damaged or no SQLite database: ${(error as Error).message}. Keep the file because it may contain unsent reports`,
        'damaged',
      );
    }
    // The file is left untouched: it may still contain reports that a technician can recover.
    throw new OutboxError(
      `Outbox ${file} could not be opened: ${(error as Error).message}. Check the disk and the file permissions, and keep the file because it may contain unsent reports`,
      'unreadable',
    );
  }
}

/** Opens the outbox in `file`, creating the file when it is missing. */
export function openOutbox(file: string, options: OutboxOptions = {}): Outbox {
  const policy: BackoffPolicy = {
    baseDelayMs: checkDuration('baseDelayMs', options.baseDelayMs ?? 30_000),
    maxDelayMs: checkDuration('maxDelayMs', options.maxDelayMs ?? 3_600_000),
    random: options.random ?? Math.random,
  };
  const retentionMs = checkDuration('retentionMs', options.retentionMs ?? 30 * 24 * 3_600_000);
  const db = openDatabase(file);
  const opened = statSync(file);

  const insert = db.prepare(
    `INSERT INTO outbox (idempotency_key, sealed, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  // An entry scheduled further ahead than the longest delay was scheduled by a clock that ran
  // ahead and was corrected since, so it is due now instead of at that far time.
  const selectDue = db.prepare(
    `SELECT * FROM outbox WHERE delivered_at IS NULL AND (next_attempt_at <= ? OR next_attempt_at > ?)
     ORDER BY created_at, rowid LIMIT ?`,
  );
  const selectOne = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?');
  const updateFailure = db.prepare(
    'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, last_attempt_at = ? WHERE idempotency_key = ?',
  );
  const updateDelivered = db.prepare(
    'UPDATE outbox SET delivered_at = ? WHERE idempotency_key = ? AND delivered_at IS NULL',
  );
  const deleteExpired = db.prepare('DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at <= ?');
  const selectCounts = db.prepare(
    `SELECT
       COALESCE(SUM(delivered_at IS NULL), 0) AS waiting,
       COALESCE(SUM(delivered_at IS NULL AND attempts > 0), 0) AS retrying,
       COALESCE(SUM(delivered_at IS NOT NULL), 0) AS delivered
     FROM outbox`,
  );

  const findRow = (key: string): EntryRow | undefined => selectOne.get(key) as EntryRow | undefined;
  const requireRow = (key: string): EntryRow => {
    const row = findRow(key);
    if (!row) {
      throw new OutboxError(`Outbox ${file} contains no report with idempotency key ${JSON.stringify(key)}`, 'not-found');
    }
    return row;
  };

  // Both read-then-write steps run in one transaction so two connections cannot lose a failure count.
  const failTransaction = db.transaction((key: string, now: number, error: string): number | null => {
    const row = requireRow(key);
    if (row.delivered_at !== null) return null;
    const attempts = row.attempts + 1;
    const nextAttemptAt = now + retryDelayMs(attempts, policy);
    updateFailure.run(attempts, nextAttemptAt, error.slice(0, MAX_ERROR_LENGTH), now, key);
    return nextAttemptAt;
  });

  const deliverTransaction = db.transaction((key: string, now: number): void => {
    requireRow(key);
    updateDelivered.run(now, key);
  });

  return {
    file,

    enqueue(report) {
      const key = checkKey(report.idempotencyKey);
      const createdAt = checkTime('createdAt', report.createdAt);
      if (!(report.sealed instanceof Uint8Array) || report.sealed.length === 0) {
        throw new OutboxError(`Report ${JSON.stringify(key)} has no sealed bytes: seal the report before enqueueing it`, 'invalid-input');
      }
      const sealed = Buffer.from(report.sealed.buffer, report.sealed.byteOffset, report.sealed.byteLength);
      return insert.run(key, sealed, createdAt, createdAt).changes === 1;
    },

    due(now, limit) {
      checkTime('now', now);
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new OutboxError(`Limit ${String(limit)} is invalid: pass a whole number of 1 or more`, 'invalid-input');
      }
      return (selectDue.all(now, now + policy.maxDelayMs, limit) as EntryRow[]).map(toEntry);
    },

    recordFailure(idempotencyKey, now, error) {
      return failTransaction(checkKey(idempotencyKey), checkTime('now', now), String(error));
    },

    markDelivered(idempotencyKey, now) {
      deliverTransaction(checkKey(idempotencyKey), checkTime('now', now));
    },

    prune(now) {
      return deleteExpired.run(checkTime('now', now) - retentionMs).changes;
    },

    counts() {
      return selectCounts.get() as OutboxCounts;
    },

    get(idempotencyKey) {
      const row = findRow(checkKey(idempotencyKey));
      return row ? toEntry(row) : null;
    },

    isStillAtPath() {
      try {
        const current = statSync(file);
        return current.dev === opened.dev && current.ino === opened.ino;
      } catch {
        return false;
      }
    },

    close() {
      db.close();
    },
  };
}
