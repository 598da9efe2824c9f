// Terminal report that a technician reads to judge a terminal's data at a glance, gathered from
// the data folder: the installed snapshot and its age, the trusted root and versions, the last
// sync pass, the report outbox, the fleet heartbeat queue and the open problems. `minsheng status`
// prints it.
import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { dataAge } from '../../../src-shared/data-age.js';
import { readHeartbeatQueueReport } from '../fleet/heartbeat-queue-status.js';
import type { HeartbeatQueueReport } from '../fleet/heartbeat-queue-status.js';
import { readOutboxReport } from '../reports/outbox-status.js';
import type { OutboxReport } from '../reports/outbox-status.js';
import { checkSnapshotSound } from './startup-check.js';
import { pointerOrNull, readPointer, snapshotFileOf } from './pointer.js';
import type { Pointer, PointerRead } from './pointer.js';
import { heartbeatQueuePath, outboxPath } from './layout.js';
import { effectiveNow, readSyncState } from './state.js';
import { readStatus } from './status.js';
import type { ProblemCode, TerminalStatus } from './status.js';
import { readTrustedRoot } from './trusted-root.js';

export interface InstalledSummary {
  version: number;
  regionCode: string;
  regionName: string;
  createdAt: string;
  expiresAt: string;
  installedAt: string;
  ageDays: number;
  expired: boolean;
}

/** Whether the data folder path names an existing folder. */
export type DataFolderState = 'present' | 'missing' | 'not-a-folder';

export interface ReportedProblem {
  code: ProblemCode;
  /**
   * When a sync pass or the start check first recorded the problem in status.json. Null for a
   * problem found while the report was read, whose start time is unknown.
   */
  since: string | null;
  /** Technical detail in English, as stored in status.json or written for the log. */
  detail: string;
  /** Values for the translated text of a problem found while the report was read. */
  values?: Record<string, string | number>;
}

export interface ReportedStatus extends Omit<TerminalStatus, 'problems'> {
  problems: ReportedProblem[];
}

export interface TerminalReport {
  dataDir: string;
  dataDirState: DataFolderState;
  current: InstalledSummary | null;
  /** Set when current.json exists but cannot be read. */
  currentProblem: string | null;
  previousVersion: number | null;
  trustedRootVersion: number | null;
  newestSignedTime: string | null;
  trustedVersions: Record<string, number>;
  status: ReportedStatus;
  /** The report outbox: waiting and failing reports, and damage. */
  outbox: OutboxReport;
  /** The fleet heartbeat queue: heartbeats waiting for the county, drops and the latest failure. */
  fleet: HeartbeatQueueReport;
}

function summarise(pointer: Pointer, now: Date): InstalledSummary {
  const { version, regionCode, regionName, createdAt, expiresAt, installedAt } = pointer;
  return { version, regionCode, regionName, createdAt, expiresAt, installedAt, ...dataAge(createdAt, expiresAt, now) };
}

function dataFolderState(dataDir: string): DataFolderState {
  try {
    return statSync(dataDir).isDirectory() ? 'present' : 'not-a-folder';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'not-a-folder';
    // Any other error (such as EACCES) means the path exists, and the checks below name the fault.
    return 'present';
  }
}

/** Returns the damage of the current pointer or snapshot file, or null when both are sound. */
function currentDamage(dataDir: string, current: PointerRead): string | null {
  if (current.status === 'invalid') return `current.json: ${current.problem}`;
  if (current.status === 'ok') return checkSnapshotSound(snapshotFileOf(dataDir, current.pointer));
  return null;
}

function writeProblem(dataDir: string): ReportedProblem | null {
  try {
    accessSync(dataDir, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT') return null;
    return { code: 'read-only', since: null, detail: `${dataDir}: ${code}`, values: { folder: dataDir, code } };
  }
}

/**
 * Returns 'disk-full' when the data folder's disk has less space available than the installed
 * snapshot's size, because a sync stages the new version as a whole file next to it. The space
 * counted is what an unprivileged process may use (f_bavail).
 */
function spaceProblem(dataDir: string, current: PointerRead): ReportedProblem | null {
  if (current.status !== 'ok') return null;

  let needed: number;
  let free: number;
  try {
    needed = statSync(snapshotFileOf(dataDir, current.pointer)).size;
    const disk = statfsSync(dataDir);
    free = disk.bavail * disk.bsize;
  } catch {
    // A missing snapshot file is reported as 'corrupt-current', and an unreadable folder as 'read-only'.
    return null;
  }
  if (free >= needed) return null;

  return {
    code: 'disk-full',
    since: null,
    detail: `${free} bytes available on the disk of ${dataDir}, less than the installed snapshot's ${needed} bytes`,
    values: { folder: dataDir, free, needed },
  };
}

function expiryProblem(current: InstalledSummary | null): ReportedProblem | null {
  if (current === null || !current.expired) return null;

  return {
    code: 'data-expired',
    since: null,
    detail: `version ${current.version} expired at ${current.expiresAt}; age in whole days: ${current.ageDays}`,
    values: { version: current.version, expiresAt: current.expiresAt, days: current.ageDays },
  };
}

/** Returns the outbox problems a technician must act on: damage, and reports stuck for a day. */
function outboxProblems(outbox: OutboxReport): ReportedProblem[] {
  const problems: ReportedProblem[] = [];
  if (outbox.state === 'damaged' || outbox.state === 'unreadable' || outbox.setAside.length > 0) {
    const files = [...(outbox.state === 'damaged' || outbox.state === 'unreadable' ? [outbox.file] : []), ...outbox.setAside];
    const detail = `${files.join(', ')}: ${outbox.problem ?? 'set aside as damaged by the kiosk'}`;
    problems.push({ code: 'outbox-damaged', since: null, detail: detail.slice(0, 2000), values: { files: files.join(', ') } });
  }
  if (outbox.stuck > 0) {
    const detail = `${outbox.stuck} reports waited more than 24 hours with failed attempts; last error: ${outbox.lastError ?? '-'}`;
    problems.push({ code: 'reports-stuck', since: null, detail: detail.slice(0, 2000), values: { count: outbox.stuck, error: outbox.lastError ?? '-' } });
  }
  return problems;
}

/**
 * Adds the problems visible right now to the stored ones: a damaged pointer or snapshot, a data
 * folder that cannot be written, too little free space to stage a new version, and expired data.
 * On a full or read-only disk the sync could not record its failure, and a snapshot can be
 * damaged after the last host start. A stored problem of the same code is kept as it is,
 * because its time records when the problem began.
 */
function withLiveProblems(
  dataDir: string,
  stored: TerminalStatus,
  current: PointerRead,
  summary: InstalledSummary | null,
  outbox: OutboxReport,
): ReportedStatus {
  const problems: ReportedProblem[] = [...stored.problems];
  const add = (problem: ReportedProblem | null) => {
    if (problem !== null && !problems.some((known) => known.code === problem.code)) problems.push(problem);
  };

  const damage = currentDamage(dataDir, current);
  add(damage === null ? null : { code: 'corrupt-current', since: null, detail: damage.slice(0, 2000) });
  add(writeProblem(dataDir));
  add(spaceProblem(dataDir, current));
  add(expiryProblem(summary));
  for (const problem of outboxProblems(outbox)) add(problem);

  return { ...stored, problems };
}

export function readTerminalReport(dataDir: string, clock = new Date()): TerminalReport {
  const dataDirState = dataFolderState(dataDir);
  const { state } = readSyncState(dataDir);
  const now = effectiveNow(clock, state);
  const current = readPointer(dataDir, 'current');
  const summary = current.status === 'ok' ? summarise(current.pointer, now) : null;
  const stored = readStatus(dataDir);
  const outbox = readOutboxReport(outboxPath(dataDir), clock);

  return {
    dataDir,
    dataDirState,
    current: summary,
    currentProblem: current.status === 'invalid' ? current.problem : null,
    previousVersion: pointerOrNull(dataDir, 'previous')?.version ?? null,
    trustedRootVersion: readTrustedRoot(dataDir)?.signed.version ?? null,
    newestSignedTime: state.newestSignedTime,
    trustedVersions: state.trustedVersions,
    // A missing folder has nothing to check, and the CLI prints that in place of a problem list.
    status: dataDirState === 'present' ? withLiveProblems(dataDir, stored, current, summary, outbox) : { ...stored, problems: [] },
    outbox,
    fleet: readHeartbeatQueueReport(heartbeatQueuePath(dataDir)),
  };
}
