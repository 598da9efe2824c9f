// `minsheng fleet status` as a library: reads the heartbeats that `minsheng receive` stored and
// returns one entry per terminal: its newest heartbeat, when the county last heard from it, its
// recent incidents, and whether it is stale. The file is opened read-only, so the command can
// run next to a receiver that is writing to it.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { FleetHeartbeatSchema } from '../../../src-shared/fleet-api.js';
import type { FleetHeartbeat } from '../../../src-shared/fleet-api.js';
import { DatabaseDamagedError, NotReceiverDatabaseError, checkReceiverTables, isDamageError } from './store-checks.js';
import { DatabaseMissingError } from './store-read.js';
import { checkSchemaVersion } from './store.js';

/** A terminal is stale when the receiver has heard nothing from it for more than this many of its heartbeat intervals. */
export const STALE_AFTER_INTERVALS = 3;
/** Incidents are counted over heartbeats built in this many days before now. */
export const INCIDENT_WINDOW_DAYS = 7;

export interface TerminalEntry {
  terminalId: string;
  /** The newest heartbeat by the terminal's clock. */
  latest: FleetHeartbeat;
  /** ISO date-time the receiver last took a heartbeat from this terminal. */
  lastSeenAt: string;
  /** Whole minutes since lastSeenAt, 0 when the receiver's clock is behind. */
  silentMinutes: number;
  stale: boolean;
  /** Incidents listed or counted in heartbeats of the last INCIDENT_WINDOW_DAYS days. */
  recentIncidents: number;
  /** Heartbeats the terminal dropped (full queue, rejected) over the same days. */
  recentDroppedHeartbeats: number;
  /** True when the newest heartbeat reports an open problem, a printer that is not ready, or failing report uploads. */
  hasProblems: boolean;
}

export interface FleetStatus {
  file: string;
  terminals: TerminalEntry[];
  /** Terminals whose newest stored heartbeat no longer passes the schema; they are left out. */
  unreadableTerminals: string[];
}

interface LatestRow {
  terminal_id: string;
  body: string;
  last_seen: string;
  recent_incidents: number;
  recent_dropped: number;
}

/** Opens `file` read-only and checks that it is the receiver's database. */
function openReadOnly(file: string): SqliteDatabase {
  try {
    if (!statSync(file).isFile()) throw new DatabaseMissingError(file, 'not a regular file');
  } catch (error) {
    if (error instanceof DatabaseMissingError) throw error;
    throw new DatabaseMissingError(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }

  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkReceiverTables(db, file);
    checkSchemaVersion(db, file);
    return db;
  } catch (error) {
    db.close();
    if (isDamageError(error)) throw new DatabaseDamagedError(file, (error as Error).message);
    throw error;
  }
}

function hasProblems(heartbeat: FleetHeartbeat): boolean {
  const printerTrouble = heartbeat.printer.state !== 'ready' && heartbeat.printer.state !== 'not-configured';
  return heartbeat.lastSync.problems.length > 0 || printerTrouble || heartbeat.outbox.retrying > 0;
}

function parseStoredBody(body: string): FleetHeartbeat | null {
  try {
    const parsed = FleetHeartbeatSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Reads every terminal's state at `now`. Throws DatabaseMissingError, NotReceiverDatabaseError
 * or DatabaseDamagedError. A database without a heartbeats table (written by an older receiver)
 * lists no terminals.
 */
export function readFleetStatus(file: string, now: Date): FleetStatus {
  const db = openReadOnly(file);
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'heartbeats'").get() !== undefined;
    if (!hasTable) return { file, terminals: [], unreadableTerminals: [] };

    const windowStart = new Date(now.getTime() - INCIDENT_WINDOW_DAYS * 24 * 60 * 60 * 1000).toISOString();
    const rows = db
      .prepare<[{ since: string }], LatestRow>(
        `WITH ranked AS (
           SELECT terminal_id, body,
                  row_number() OVER (PARTITION BY terminal_id ORDER BY created_at DESC, received_at DESC) AS position
           FROM heartbeats
         ),
         totals AS (
           SELECT terminal_id,
                  max(received_at) AS last_seen,
                  COALESCE(SUM(CASE WHEN created_at >= @since THEN incident_count END), 0) AS recent_incidents,
                  COALESCE(SUM(CASE WHEN created_at >= @since THEN json_extract(body, '$.droppedHeartbeats') END), 0) AS recent_dropped
           FROM heartbeats GROUP BY terminal_id
         )
         SELECT ranked.terminal_id, ranked.body, totals.last_seen, totals.recent_incidents, totals.recent_dropped
         FROM ranked JOIN totals USING (terminal_id)
         WHERE ranked.position = 1
         ORDER BY ranked.terminal_id`,
      )
      .all({ since: windowStart });

    const terminals: TerminalEntry[] = [];
    const unreadableTerminals: string[] = [];
    for (const row of rows) {
      const parsed = parseStoredBody(row.body);
      if (parsed === null) {
        unreadableTerminals.push(row.terminal_id);
        continue;
      }

      const latest = parsed;
      const silentMinutes = Math.max(0, Math.floor((now.getTime() - Date.parse(row.last_seen)) / 60_000));
      terminals.push({
        terminalId: row.terminal_id,
        latest,
        lastSeenAt: row.last_seen,
        silentMinutes,
        stale: silentMinutes > STALE_AFTER_INTERVALS * latest.intervalMinutes,
        recentIncidents: row.recent_incidents,
        recentDroppedHeartbeats: row.recent_dropped,
        hasProblems: hasProblems(latest),
      });
    }
    return { file, terminals, unreadableTerminals };
  } catch (error) {
    if (isDamageError(error)) throw new DatabaseDamagedError(file, (error as Error).message);
    throw error;
  } finally {
    db.close();
  }
}

export { DatabaseMissingError, NotReceiverDatabaseError, DatabaseDamagedError };
