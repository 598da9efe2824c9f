// The kiosk's durable queue of fleet heartbeats waiting for the county endpoint: one SQLite file
// in the data folder, in WAL mode with synchronous=FULL like the report outbox, so a queued
// heartbeat survives a crash. Heartbeats leave in the order they were queued, and the head gates
// the rest: while the oldest waits for its retry, no newer one is sent. The queue keeps the
// newest `maxQueued` heartbeats and drops older ones, and it carries what was lost (dropped
// heartbeats and the incidents they listed) into the next heartbeat built. A delivered heartbeat
// is deleted at once, because the receiver, not the kiosk, recognises a repeat by its id.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { createLogger } from '../log.js';
import { retryDelayMs } from '../reports/outbox-backoff.js';
import type { BackoffPolicy } from '../reports/outbox-backoff.js';
import type { QueuedUpload, UploadQueue } from '../reports/queue-uploader.js';
import { enableDurableWal } from '../sqlite-durable.js';

const log = createLogger('heartbeat-queue');

const SCHEMA_VERSION = 1;

// `seq` gives the send order; a clock set back cannot reorder heartbeats by their creation time.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS heartbeats (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  body BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  carried_drops INTEGER NOT NULL,
  carried_incidents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS carried (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  dropped_heartbeats INTEGER NOT NULL,
  incidents_omitted INTEGER NOT NULL,
  last_incident TEXT
);
INSERT OR IGNORE INTO carried (only, dropped_heartbeats, incidents_omitted, last_incident) VALUES (1, 0, 0, NULL);
`;

/** Default number of heartbeats kept: five days of the default 15-minute interval. */
export const DEFAULT_MAX_QUEUED = 500;
const MAX_ERROR_LENGTH = 1000;

export interface HeartbeatQueueOptions {
  /** Heartbeats kept; queuing one more drops the oldest. Default 500. */
  maxQueued?: number;
  /** Delay ceiling of the first retry; doubles with each failure. Default 30 seconds. */
  baseDelayMs?: number;
  /** Largest delay ceiling between attempts. Default 1 hour. */
  maxDelayMs?: number;
  /** Source of numbers in [0, 1) for the jitter. Default Math.random. */
  random?: () => number;
}

export interface QueuedHeartbeat extends QueuedUpload {
  body: Uint8Array;
  createdAt: number;
}

/** Losses since the last heartbeat queued, and the newest incident that heartbeat covered. */
export interface CarriedOver {
  droppedHeartbeats: number;
  incidentsOmitted: number;
  /** JSON of the newest incident that a queued heartbeat listed or counted; null before the first. */
  lastIncident: string | null;
}

/** A built heartbeat, with what it takes over from CarriedOver. */
export interface NewHeartbeat {
  id: string;
  body: Uint8Array;
  createdAt: number;
  /** The droppedHeartbeats value its body reports. */
  droppedHeartbeats: number;
  /** Incidents its body lists plus those it counts as omitted. */
  incidents: number;
  /** JSON of the newest incident it covers, which becomes the next heartbeat's starting point. */
  lastIncident: string | null;
}

export interface HeartbeatQueue extends UploadQueue<QueuedHeartbeat> {
  readonly file: string;
  /**
   * Builds a heartbeat from what was carried over and queues it, both in one transaction, so a
   * crash cannot count an incident twice or lose the drop count. Returns how many of the oldest
   * heartbeats were dropped to keep maxQueued.
   */
  enqueue(build: (carried: CarriedOver) => NewHeartbeat): number;
  /** Heartbeats waiting, and how many of them failed at least once. */
  counts(): { waiting: number; retrying: number };
  close(): void;
}

interface HeartbeatRow {
  seq: number;
  id: string;
  body: Buffer;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  carried_drops: number;
  carried_incidents: number;
}

interface CarriedRow {
  dropped_heartbeats: number;
  incidents_omitted: number;
  last_incident: string | null;
}

function toEntry(row: HeartbeatRow): QueuedHeartbeat {
  return { idempotencyKey: row.id, body: new Uint8Array(row.body), createdAt: row.created_at, attempts: row.attempts };
}

function checkCount(name: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`Heartbeat queue option ${name}=${String(value)} is invalid: pass a whole number of ${minimum} or more`);
  }
  return value;
}

function isDamageError(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** Opens the file and checks it; throws a damage error (SQLITE_CORRUPT code) for a damaged file. */
function openChecked(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    enableDurableWal(db);
    db.pragma('busy_timeout = 5000');

    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${check.slice(0, 200)}`), { code: 'SQLITE_CORRUPT' });

    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`Heartbeat queue ${file} has schema version ${version}, newer than ${SCHEMA_VERSION}: update the program`);
    }
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the queue in `file`, creating it and its folder when missing. A damaged file is deleted
 * and a new queue started, because heartbeats describe the terminal's state and the next one
 * describes it again; the loss is logged.
 */
export function openHeartbeatQueue(file: string, options: HeartbeatQueueOptions = {}): HeartbeatQueue {
  const maxQueued = checkCount('maxQueued', options.maxQueued ?? DEFAULT_MAX_QUEUED, 1);
  const policy: BackoffPolicy = {
    baseDelayMs: checkCount('baseDelayMs', options.baseDelayMs ?? 30_000, 0),
    maxDelayMs: checkCount('maxDelayMs', options.maxDelayMs ?? 3_600_000, 0),
    random: options.random ?? Math.random,
  };

  mkdirSync(path.dirname(file), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = openChecked(file);
  } catch (error) {
    if (!isDamageError(error)) throw error;
    log.error({ err: error, file }, 'heartbeat queue is damaged; deleted it and started a new one, so the heartbeats it held are lost');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    db = openChecked(file);
  }
  return queueOver(db, file, maxQueued, policy);
}

function queueOver(db: SqliteDatabase, file: string, maxQueued: number, policy: BackoffPolicy): HeartbeatQueue {
  const selectHead = db.prepare<[], HeartbeatRow>('SELECT * FROM heartbeats ORDER BY seq LIMIT 1');
  const selectInOrder = db.prepare<[number], HeartbeatRow>('SELECT * FROM heartbeats ORDER BY seq LIMIT ?');
  const selectOne = db.prepare<[string], HeartbeatRow>('SELECT * FROM heartbeats WHERE id = ?');
  const selectBeyondLimit = db.prepare<[number], HeartbeatRow>('SELECT * FROM heartbeats ORDER BY seq DESC LIMIT -1 OFFSET ?');
  const selectCarried = db.prepare<[], CarriedRow>('SELECT dropped_heartbeats, incidents_omitted, last_incident FROM carried WHERE only = 1');
  const insert = db.prepare(
    `INSERT INTO heartbeats (id, body, created_at, next_attempt_at, carried_drops, carried_incidents)
     VALUES (@id, @body, @createdAt, @createdAt, @droppedHeartbeats, @incidents)`,
  );
  const resetCarried = db.prepare('UPDATE carried SET dropped_heartbeats = 0, incidents_omitted = 0, last_incident = ? WHERE only = 1');
  const addCarried = db.prepare('UPDATE carried SET dropped_heartbeats = dropped_heartbeats + ?, incidents_omitted = incidents_omitted + ? WHERE only = 1');
  const deleteOne = db.prepare('DELETE FROM heartbeats WHERE id = ?');
  const updateFailure = db.prepare('UPDATE heartbeats SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const selectCounts = db.prepare<[], { waiting: number; retrying: number }>(
    'SELECT count(*) AS waiting, COALESCE(SUM(attempts > 0), 0) AS retrying FROM heartbeats',
  );

  /** Deletes a heartbeat that will never be delivered and carries its counts to the next one. */
  function drop(row: HeartbeatRow): void {
    deleteOne.run(row.id);
    addCarried.run(1 + row.carried_drops, row.carried_incidents);
  }

  const enqueueTransaction = db.transaction((build: (carried: CarriedOver) => NewHeartbeat): number => {
    // 1. Build from what the queue carries over, so the counts and the incident start agree with it.
    const carried = selectCarried.get()!;
    const heartbeat = build({
      droppedHeartbeats: carried.dropped_heartbeats,
      incidentsOmitted: carried.incidents_omitted,
      lastIncident: carried.last_incident,
    });

    // 2. Queue it, and start the next carry-over from its newest incident.
    insert.run({ ...heartbeat, body: Buffer.from(heartbeat.body) });
    resetCarried.run(heartbeat.lastIncident);

    // 3. Keep the newest maxQueued; the dropped ones are counted in the next heartbeat.
    const beyond = selectBeyondLimit.all(maxQueued);
    for (const row of beyond) drop(row);
    return beyond.length;
  });

  const failTransaction = db.transaction((key: string, now: number, error: string): number | null => {
    const row = selectOne.get(key);
    if (row === undefined) return null;
    const attempts = row.attempts + 1;
    const nextAttemptAt = now + retryDelayMs(attempts, policy);
    updateFailure.run(attempts, nextAttemptAt, error.slice(0, MAX_ERROR_LENGTH), key);
    return nextAttemptAt;
  });

  const discardTransaction = db.transaction((key: string): void => {
    const row = selectOne.get(key);
    if (row !== undefined) drop(row);
  });

  return {
    file,

    enqueue: (build) => enqueueTransaction.immediate(build),

    due(now, limit) {
      const head = selectHead.get();
      if (head === undefined) return [];
      // A retry scheduled further ahead than the longest delay was scheduled by a clock that ran
      // ahead and was corrected since, so it is due now.
      const headDue = head.next_attempt_at <= now || head.next_attempt_at > now + policy.maxDelayMs;
      return headDue ? selectInOrder.all(limit).map(toEntry) : [];
    },

    recordFailure: (key, now, error) => failTransaction(key, now, String(error)),

    markDelivered(key) {
      deleteOne.run(key);
    },

    // Delivered heartbeats are deleted at once, so there is nothing to prune.
    prune: () => 0,

    discard(key) {
      discardTransaction(key);
    },

    counts: () => selectCounts.get()!,

    close() {
      db.close();
    },
  };
}
