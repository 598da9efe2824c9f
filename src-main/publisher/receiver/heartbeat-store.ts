// The receiver's table of fleet heartbeats, in the same SQLite file as the reports. The heartbeat's
// id is the primary key, so a heartbeat is stored once however often a kiosk sends it again. The
// body is kept as the JSON the schema parsed, and the columns that `minsheng fleet status` sorts
// and counts by are kept beside it.
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { FleetHeartbeat } from '../../../src-shared/fleet-api.js';
import type { StoreOutcome } from './store.js';

export const HEARTBEATS_SCHEMA = `
CREATE TABLE IF NOT EXISTS heartbeats (
  id TEXT PRIMARY KEY NOT NULL,
  terminal_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  remote_address TEXT,
  incident_count INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS heartbeats_by_terminal ON heartbeats (terminal_id, received_at);
`;

/** Columns of the heartbeats table, in the order of its CREATE TABLE. */
export const HEARTBEAT_COLUMNS = ['id', 'terminal_id', 'created_at', 'received_at', 'sha256', 'remote_address', 'incident_count', 'body'] as const;

/**
 * Heartbeats older than this are pruned, except each terminal's newest, so a terminal that fell
 * silent long ago is still listed as stale.
 */
export const HEARTBEAT_RETENTION_DAYS = 90;

export interface ReceivedHeartbeat {
  heartbeat: FleetHeartbeat;
  /** Lower-case hex SHA-256 of the body as sent. */
  sha256: string;
  remoteAddress: string | null;
  /** ISO date-time (UTC) of the first arrival. */
  receivedAt: string;
}

export interface HeartbeatRow {
  id: string;
  terminal_id: string;
  created_at: string;
  received_at: string;
  sha256: string;
  remote_address: string | null;
  incident_count: number;
  body: string;
}

/**
 * Returns a function that stores a heartbeat unless its id is stored, and distinguishes a repeat
 * with the same body from one with another body. It runs as one IMMEDIATE transaction.
 */
export function heartbeatWriter(db: SqliteDatabase): (received: ReceivedHeartbeat) => StoreOutcome {
  const insert = db.prepare(
    `INSERT INTO heartbeats (id, terminal_id, created_at, received_at, sha256, remote_address, incident_count, body)
     VALUES (@id, @terminalId, @createdAt, @receivedAt, @sha256, @remoteAddress, @incidentCount, @body)
     ON CONFLICT (id) DO NOTHING`,
  );
  const selectOne = db.prepare<[string], HeartbeatRow>('SELECT * FROM heartbeats WHERE id = ?');

  const storeOnce = db.transaction((received: ReceivedHeartbeat): StoreOutcome => {
    const { heartbeat } = received;
    const row = {
      id: heartbeat.id,
      terminalId: heartbeat.terminalId,
      // UTC with milliseconds, so created_at sorts as text whatever offset the kiosk wrote.
      createdAt: new Date(heartbeat.createdAt).toISOString(),
      receivedAt: received.receivedAt,
      sha256: received.sha256,
      remoteAddress: received.remoteAddress,
      incidentCount: heartbeat.incidents.length + heartbeat.incidentsOmitted,
      body: JSON.stringify(heartbeat),
    };
    if (insert.run(row).changes === 1) return { status: 'stored', receivedAt: received.receivedAt };

    const existing = selectOne.get(heartbeat.id)!;
    if (existing.sha256 === received.sha256) return { status: 'duplicate', receivedAt: existing.received_at };
    return { status: 'conflict', receivedAt: existing.received_at, storedSha256: existing.sha256 };
  });
  return (received) => storeOnce.immediate(received);
}

/** Deletes heartbeats received before `beforeIso`, except each terminal's newest. Returns how many were deleted. */
export function pruneHeartbeats(db: SqliteDatabase, beforeIso: string): number {
  return db
    .prepare(
      `DELETE FROM heartbeats WHERE received_at < ?
         AND id NOT IN (
           SELECT id FROM (
             SELECT id, row_number() OVER (PARTITION BY terminal_id ORDER BY received_at DESC, created_at DESC) AS position
             FROM heartbeats
           ) WHERE position = 1
         )`,
    )
    .run(beforeIso).changes;
}
