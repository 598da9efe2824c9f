// The report outbox's state as `minsheng status` shows it: how many reports wait, how long the
// oldest has waited, the latest failure, and whether the file is damaged. It reads the file
// read-only next to a running kiosk and never creates it. A failure text contains HTTP codes,
// receiver reasons and network errors, never a report's content, because reports are sealed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readSqliteReadOnly } from '../sqlite-read-only.js';
import { hasLastAttemptColumn } from './outbox.js';
import { DAMAGED_OUTBOX_SUFFIX } from './outbox-keeper.js';

/** A report that waited longer than this with failed attempts needs a person. */
export const STUCK_AFTER_MS = 24 * 60 * 60 * 1000;

export interface OutboxReport {
  /** absent: no report was ever filed; damaged: SQLite finds it corrupt; unreadable: it cannot be opened. */
  state: 'absent' | 'ok' | 'damaged' | 'unreadable';
  file: string;
  waiting: number;
  /** Waiting reports with at least one failed attempt. */
  retrying: number;
  /** Waiting reports older than STUCK_AFTER_MS with at least one failed attempt. */
  stuck: number;
  /** Filing time of the oldest waiting report (ISO), or null. */
  oldestWaitingAt: string | null;
  /** Whole hours the oldest waiting report has waited, or null. */
  oldestWaitingHours: number | null;
  /** Failure text of the latest failed attempt among waiting reports, or null. */
  lastError: string | null;
  /** SQLite's message for a damaged or unreadable file, or null. */
  problem: string | null;
  /** Damaged outbox files that the kiosk set aside. They may contain unsent reports. */
  setAside: string[];
}

interface OutboxSummaryRow {
  waiting: number;
  retrying: number;
  stuck: number;
  oldest: number | null;
}

function setAsideFiles(file: string): string[] {
  const prefix = `${path.basename(file)}${DAMAGED_OUTBOX_SUFFIX}`;
  try {
    return readdirSync(path.dirname(file))
      .filter((name) => name.startsWith(prefix) && !name.endsWith('-wal') && !name.endsWith('-shm'))
      .sort()
      .map((name) => path.join(path.dirname(file), name));
  } catch {
    return [];
  }
}

/** Reads the outbox at `file` without changing it. */
export function readOutboxReport(file: string, now: Date): OutboxReport {
  const report: OutboxReport = {
    state: 'ok',
    file,
    waiting: 0,
    retrying: 0,
    stuck: 0,
    oldestWaitingAt: null,
    oldestWaitingHours: null,
    lastError: null,
    problem: null,
    setAside: setAsideFiles(file),
  };

  const read = readSqliteReadOnly(file, (db) => {
    const summary = db
      .prepare(
        `SELECT
           COALESCE(SUM(delivered_at IS NULL), 0) AS waiting,
           COALESCE(SUM(delivered_at IS NULL AND attempts > 0), 0) AS retrying,
           COALESCE(SUM(delivered_at IS NULL AND attempts > 0 AND created_at < ?), 0) AS stuck,
           MIN(CASE WHEN delivered_at IS NULL THEN created_at END) AS oldest
         FROM outbox`,
      )
      .get(now.getTime() - STUCK_AFTER_MS) as OutboxSummaryRow;
    // NOTE: a version 1 file, not yet opened by a kiosk of this version, records no attempt
    // times, so the error of its newest failing report is shown instead.
    const latestFirst = hasLastAttemptColumn(db) ? 'last_attempt_at DESC NULLS LAST, created_at DESC' : 'created_at DESC';
    const lastError = db
      .prepare(`SELECT last_error FROM outbox WHERE delivered_at IS NULL AND attempts > 0 ORDER BY ${latestFirst}, rowid DESC LIMIT 1`)
      .get() as { last_error: string | null } | undefined;
    return { summary, lastError: lastError?.last_error ?? null };
  });

  if (read.state === 'absent') return { ...report, state: 'absent' };
  if (read.state !== 'ok') return { ...report, state: read.state, problem: read.problem };

  const { summary, lastError } = read.value;
  return {
    ...report,
    waiting: summary.waiting,
    retrying: summary.retrying,
    stuck: summary.stuck,
    oldestWaitingAt: summary.oldest === null ? null : new Date(summary.oldest).toISOString(),
    oldestWaitingHours: summary.oldest === null ? null : Math.max(0, Math.floor((now.getTime() - summary.oldest) / 3_600_000)),
    lastError,
  };
}
