// Startup check of the current snapshot, which a host runs to confirm that the file is a sound
// SQLite database. A power cut or a failing disk can damage it after install. A damaged current
// snapshot is replaced by the previous version when that one is sound, so villagers can still
// look up their data. Either way the problem goes to the log and the terminal status, and the
// next sync installs a good copy.
import { rm } from 'node:fs/promises';
import { openSnapshot } from '../store.js';
import { createLogger } from '../log.js';
import { swapToPrevious } from './install.js';
import { pointerPath } from './layout.js';
import { pointerOrNull, readPointer, snapshotFileOf } from './pointer.js';
import type { Pointer } from './pointer.js';
import { updateStatus, withProblem } from './status.js';

const log = createLogger('startup-check');

export type StartupCheck =
  | { status: 'none' }
  | { status: 'ok'; version: number }
  | { status: 'recovered'; version: number; damagedVersion: number; problem: string }
  | { status: 'unusable'; problem: string };

/** Opens the file and runs PRAGMA quick_check. Returns null when both succeed, otherwise the problem. */
export function checkSnapshotSound(file: string): string | null {
  let db;
  try {
    db = openSnapshot(file);
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const verdict = rows.map((row) => row.quick_check).join('; ');
    return verdict === 'ok' ? null : verdict;
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/** Runs a pointer change. Returns why it failed (read-only or full disk), or null when it succeeded. */
async function pointerChangeBlocked(dataDir: string, change: () => Promise<unknown>): Promise<string | null> {
  try {
    await change();
    return null;
  } catch (error) {
    const reason = `the data folder cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    log.error({ dataDir, error: (error as Error).message }, 'cannot replace the damaged snapshot; the data folder is not writable');
    return reason;
  }
}

function problemOf(dataDir: string, pointer: Pointer | null): string | null {
  return pointer === null ? 'no pointer' : checkSnapshotSound(snapshotFileOf(dataDir, pointer));
}

/**
 * Checks the current snapshot and, when it is damaged, swaps in the sound previous one or removes
 * the pointers. Never throws for a disk that cannot be written.
 * NOTE: on a read-only disk the pointers cannot change, so the damaged snapshot stays current
 * (lookups on it may fail) until the disk is writable and a sync installs a sound copy.
 */
export async function checkInstalledAtStart(dataDir: string, now = new Date()): Promise<StartupCheck> {
  const read = readPointer(dataDir, 'current');
  if (read.status === 'absent') return { status: 'none' };

  const current = read.status === 'ok' ? read.pointer : null;
  const problem = read.status === 'invalid' ? `current.json: ${read.problem}` : problemOf(dataDir, current);
  if (problem === null) {
    await updateStatus(dataDir, (status) => withProblem(status, 'corrupt-current', null, now));
    return { status: 'ok', version: current!.version };
  }

  const damagedVersion = current?.version ?? 0;
  log.error({ dataDir, version: damagedVersion, problem }, 'current snapshot is damaged');
  const previous = pointerOrNull(dataDir, 'previous');
  // A previous snapshot of another county (the terminal was moved) would show villagers the
  // wrong county's data, which is worse than showing none.
  const otherCounty = previous !== null && current !== null && previous.regionCode !== current.regionCode;
  let previousProblem: string | null;
  if (previous === null) {
    previousProblem = 'no previous snapshot';
  } else if (otherCounty) {
    previousProblem = `the previous snapshot is for region ${previous.regionCode}`;
  } else {
    previousProblem = problemOf(dataDir, previous);
  }

  if (previousProblem === null) {
    const blocked = await pointerChangeBlocked(dataDir, () => swapToPrevious(dataDir));
    if (blocked !== null) return { status: 'unusable', problem: `${problem}; ${blocked}` };
    const detail = `version ${damagedVersion} is damaged (${problem}); serving version ${previous!.version} until the next sync`;
    log.warn({ dataDir, version: previous!.version }, 'serving the previous snapshot');
    await updateStatus(dataDir, (status) => withProblem(status, 'corrupt-current', detail, now));
    return { status: 'recovered', version: previous!.version, damagedVersion, problem };
  }

  const detail = `version ${damagedVersion} is damaged (${problem}); previous: ${previousProblem}; no data until the next sync`;
  log.error({ dataDir, previousProblem }, 'no sound snapshot to serve');
  // Without a pointer the kiosk shows "no data" instead of failing lookups on a damaged file, and
  // the next sync installs a full copy. The trusted versions in state.json still reject a
  // rollback. The previous pointer is removed too, so the next install does not keep a damaged
  // file as its rollback copy, and the next sync deletes both files.
  const blocked = await pointerChangeBlocked(dataDir, async () => {
    await rm(pointerPath(dataDir, 'current'), { force: true });
    await rm(pointerPath(dataDir, 'previous'), { force: true });
  });
  if (blocked !== null) return { status: 'unusable', problem: `${problem}; ${blocked}` };
  await updateStatus(dataDir, (status) => withProblem(status, 'corrupt-current', detail, now));
  return { status: 'unusable', problem };
}
