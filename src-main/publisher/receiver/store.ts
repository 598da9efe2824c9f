// The receiver's SQLite file of sealed reports (and of fleet heartbeats, heartbeat-store.ts). It contains envelopes exactly as uploaded and never
// their content, because the receiver has only the commission's public key. The idempotency key
// is the primary key, so a report is stored once however often a kiosk retries. WAL with
// synchronous=FULL makes every answered upload survive a crash of the receiver.
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { enableDurableWal } from '../../core/sqlite-durable.js';
import { HEARTBEATS_SCHEMA, heartbeatWriter, pruneHeartbeats } from './heartbeat-store.js';
import type { ReceivedHeartbeat } from './heartbeat-store.js';
import { DatabaseDamagedError, checkReceiverTables, isDamageError, quickCheckProblems } from './store-checks.js';

// Version 2 added the heartbeats table.
export const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  idempotency_key TEXT PRIMARY KEY NOT NULL,
  envelope BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  terminal_id TEXT,
  remote_address TEXT,
  received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_received_at ON reports (received_at);
`;

/** Milliseconds a write waits for another connection's lock before the receiver responds 503. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface StoredReport {
  idempotencyKey: string;
  envelope: Buffer;
  sha256: string;
  terminalId: string | null;
  remoteAddress: string | null;
  /** ISO date-time (UTC) of the first upload. */
  receivedAt: string;
}

/** Outcome of storing an upload: a new key, a repeat with the same body, or a repeat with another body. */
export type StoreOutcome =
  | { status: 'stored'; receivedAt: string }
  | { status: 'duplicate'; receivedAt: string }
  | { status: 'conflict'; receivedAt: string; storedSha256: string };

export interface ReceiverStore {
  readonly file: string;
  /** Stores a report unless its key is already stored; never replaces a stored envelope. */
  store(report: StoredReport): StoreOutcome;
  /** Stores a fleet heartbeat unless its id is already stored. */
  storeHeartbeat(received: ReceivedHeartbeat): StoreOutcome;
  /** Deletes heartbeats received before `beforeIso` except each terminal's newest; returns how many. */
  pruneHeartbeats(beforeIso: string): number;
  count(): number;
  close(): void;
}

export interface ReportRow {
  idempotency_key: string;
  envelope: Buffer;
  sha256: string;
  terminal_id: string | null;
  remote_address: string | null;
  received_at: string;
}

export function toReport(row: ReportRow): StoredReport {
  return {
    idempotencyKey: row.idempotency_key,
    envelope: row.envelope,
    sha256: row.sha256,
    terminalId: row.terminal_id,
    remoteAddress: row.remote_address,
    receivedAt: row.received_at,
  };
}

/**
 * Opens (creating when absent) the store for the receiver, which writes to it. Throws
 * NotReceiverDatabaseError for another program's SQLite file and DatabaseDamagedError when
 * quick_check finds damage, before anything is written to the file.
 */
export function openReceiverStore(file: string, options: { busyTimeoutMs?: number } = {}): ReceiverStore {
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  try {
    checkBeforeWriting(db, file);
    enableDurableWal(db);
    db.exec(SCHEMA);
    db.exec(HEARTBEATS_SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return storeOver(db, file);
}

function checkBeforeWriting(db: SqliteDatabase, file: string): void {
  try {
    checkReceiverTables(db, file);
    checkSchemaVersion(db, file);
    const problems = quickCheckProblems(db);
    if (problems !== null) throw new DatabaseDamagedError(file, problems);
  } catch (error) {
    if (isDamageError(error)) throw new DatabaseDamagedError(file, (error as Error).message);
    throw error;
  }
}

export function checkSchemaVersion(db: SqliteDatabase, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`${file} has receiver schema version ${version}; this program reads up to ${SCHEMA_VERSION}, so update it`);
  }
}

function storeOver(db: SqliteDatabase, file: string): ReceiverStore {
  const insert = db.prepare(
    `INSERT INTO reports (idempotency_key, envelope, sha256, terminal_id, remote_address, received_at)
     VALUES (@idempotencyKey, @envelope, @sha256, @terminalId, @remoteAddress, @receivedAt)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const selectOne = db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE idempotency_key = ?');

  // One transaction, so the insert and the read of an existing row see the same state even
  // when another process writes to the file between them.
  const storeOnce = db.transaction((report: StoredReport): StoreOutcome => {
    if (insert.run(report).changes === 1) return { status: 'stored', receivedAt: report.receivedAt };

    const existing = selectOne.get(report.idempotencyKey)!;
    if (existing.sha256 === report.sha256 && existing.envelope.equals(report.envelope)) {
      return { status: 'duplicate', receivedAt: existing.received_at };
    }
    return { status: 'conflict', receivedAt: existing.received_at, storedSha256: existing.sha256 };
  });

  return {
    file,
    store: (report) => storeOnce.immediate(report),
    storeHeartbeat: heartbeatWriter(db),
    pruneHeartbeats: (beforeIso) => pruneHeartbeats(db, beforeIso),
    count: () => (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n,
    close: () => db.close(),
  };
}
