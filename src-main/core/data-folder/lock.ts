// One sync pass at a time per data folder. Two passes at once (a technician's `minsheng sync`
// while the kiosk's timer runs) would each install and rotate the pointers, leaving the second
// copy of a version as its own rollback copy. The lock is a file created exclusively that
// contains the process ID, so a lock left by a killed process is recognised and taken over.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'sync.lock';

export type LockResult = { acquired: true; release: () => Promise<void> } | { acquired: false; holder: number };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createLock(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function holderOf(file: string): Promise<number | null> {
  try {
    const pid = Number.parseInt(await readFile(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Acquires the data folder's sync lock, or returns the process ID of the holder (0 if unknown). */
export async function lockDataFolder(dataDir: string): Promise<LockResult> {
  const file = path.join(dataDir, LOCK_FILE);
  const release = () => rm(file, { force: true });

  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await createLock(file)) return { acquired: true, release };
    const holder = await holderOf(file);
    if (holder !== null && isRunning(holder)) return { acquired: false, holder };
    // The holder died (or wrote nothing yet and was killed): remove its lock and try once more.
    // NOTE: two passes taking over the same stale lock at the same moment can both succeed.
    await rm(file, { force: true });
  }
  const holder = (await holderOf(file)) ?? 0;
  return { acquired: false, holder };
}
