// Terminal report that a technician reads to judge a terminal's data at a glance, gathered from
// the data folder: the installed snapshot and its age, the trusted root and versions, the last
// sync pass and the open problems. `minsheng status` prints it.
import { accessSync, constants } from 'node:fs';
import { dataAge } from '../../../src-shared/data-age.js';
import { checkSnapshotSound } from './startup-check.js';
import { pointerOrNull, readPointer, snapshotFileOf } from './pointer.js';
import type { Pointer } from './pointer.js';
import { effectiveNow, readSyncState } from './state.js';
import { readStatus, withProblem } from './status.js';
import type { TerminalStatus } from './status.js';
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

export interface TerminalReport {
  current: InstalledSummary | null;
  /** Set when current.json exists but cannot be read. */
  currentProblem: string | null;
  previousVersion: number | null;
  trustedRootVersion: number | null;
  newestSignedTime: string | null;
  trustedVersions: Record<string, number>;
  status: TerminalStatus;
}

function summarise(pointer: Pointer, now: Date): InstalledSummary {
  const { version, regionCode, regionName, createdAt, expiresAt, installedAt } = pointer;
  return { version, regionCode, regionName, createdAt, expiresAt, installedAt, ...dataAge(createdAt, expiresAt, now) };
}

/**
 * Adds the problems visible right now to the stored ones: a damaged pointer or snapshot, and a
 * data folder that cannot be written. On a read-only disk the stored status could not record
 * them, and a snapshot can be damaged after the last host start.
 */
function withLiveProblems(dataDir: string, stored: TerminalStatus, current: ReturnType<typeof readPointer>, clock: Date): TerminalStatus {
  let status = stored;
  const known = (code: string) => status.problems.some((problem) => problem.code === code);

  const damage =
    current.status === 'invalid'
      ? `current.json: ${current.problem}`
      : current.status === 'ok'
        ? checkSnapshotSound(snapshotFileOf(dataDir, current.pointer))
        : null;
  if (damage !== null && !known('corrupt-current')) status = withProblem(status, 'corrupt-current', damage, clock);

  try {
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && !known('read-only')) status = withProblem(status, 'read-only', `${dataDir}: ${code}`, clock);
  }
  return status;
}

export function readTerminalReport(dataDir: string, clock = new Date()): TerminalReport {
  const { state } = readSyncState(dataDir);
  const now = effectiveNow(clock, state);
  const current = readPointer(dataDir, 'current');
  return {
    current: current.status === 'ok' ? summarise(current.pointer, now) : null,
    currentProblem: current.status === 'invalid' ? current.problem : null,
    previousVersion: pointerOrNull(dataDir, 'previous')?.version ?? null,
    trustedRootVersion: readTrustedRoot(dataDir)?.signed.version ?? null,
    newestSignedTime: state.newestSignedTime,
    trustedVersions: state.trustedVersions,
    status: withLiveProblems(dataDir, readStatus(dataDir), current, clock),
  };
}
