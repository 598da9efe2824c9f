// Everything a technician needs to judge a terminal's data at a glance, gathered from the data
// folder: what is installed and how old it is, what the terminal trusts, the last sync pass and
// the open problems. `minsheng status` prints it; the admin screen will show the same record.
import { dataAge } from '../../../src-shared/data-age.js';
import { pointerOrNull, readPointer } from './pointer.js';
import type { Pointer } from './pointer.js';
import { effectiveNow, readSyncState } from './state.js';
import { readStatus } from './status.js';
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
    status: readStatus(dataDir),
  };
}
