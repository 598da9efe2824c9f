// The fleet heartbeat queue's state as `minsheng status` and the admin screen show it: how many
// heartbeats wait for the county endpoint, how many were dropped unsent, and the latest failure.
// It reads the file read-only next to a running kiosk and never creates it.
import { readSqliteReadOnly } from '../sqlite-read-only.js';

export interface HeartbeatQueueReport {
  /** absent: no heartbeat was ever queued here; damaged, unreadable: see `problem`. */
  state: 'absent' | 'ok' | 'damaged' | 'unreadable';
  file: string;
  waiting: number;
  /** Waiting heartbeats with at least one failed attempt. */
  retrying: number;
  /**
   * Heartbeats dropped unsent (the queue was full, or the receiver rejected them) whose loss has
   * not reached the county yet: the next delivered heartbeat reports them.
   */
  dropped: number;
  /** Creation time of the oldest waiting heartbeat (ISO), or null. */
  oldestWaitingAt: string | null;
  /** Failure text of the oldest waiting heartbeat that failed, which holds back the newer ones; or null. */
  lastError: string | null;
  /** SQLite's message for a damaged or unreadable file, or null. */
  problem: string | null;
}

interface QueueSummaryRow {
  waiting: number;
  retrying: number;
  droppedInQueue: number;
  oldest: number | null;
}

/** Reads the heartbeat queue at `file` without changing it. */
export function readHeartbeatQueueReport(file: string): HeartbeatQueueReport {
  const empty: HeartbeatQueueReport = { state: 'ok', file, waiting: 0, retrying: 0, dropped: 0, oldestWaitingAt: null, lastError: null, problem: null };

  const read = readSqliteReadOnly(file, (db) => {
    const summary = db
      .prepare(
        `SELECT count(*) AS waiting, COALESCE(SUM(attempts > 0), 0) AS retrying,
                COALESCE(SUM(carried_drops), 0) AS droppedInQueue, MIN(created_at) AS oldest
         FROM heartbeats`,
      )
      .get() as QueueSummaryRow;
    // Drops since the newest queued heartbeat was built; the queued ones report their own.
    const carried = db.prepare('SELECT dropped_heartbeats FROM carried WHERE only = 1').get() as { dropped_heartbeats: number } | undefined;
    // The queue sends in order and the oldest gates the rest, so its error is the one that matters.
    const failed = db.prepare('SELECT last_error FROM heartbeats WHERE last_error IS NOT NULL ORDER BY seq LIMIT 1').get() as
      | { last_error: string }
      | undefined;
    return { summary, carriedDrops: carried?.dropped_heartbeats ?? 0, lastError: failed?.last_error ?? null };
  });

  if (read.state === 'absent') return { ...empty, state: 'absent' };
  if (read.state !== 'ok') return { ...empty, state: read.state, problem: read.problem };

  const { summary, carriedDrops, lastError } = read.value;
  return {
    ...empty,
    waiting: summary.waiting,
    retrying: summary.retrying,
    dropped: summary.droppedInQueue + carriedDrops,
    oldestWaitingAt: summary.oldest === null ? null : new Date(summary.oldest).toISOString(),
    lastError,
  };
}
