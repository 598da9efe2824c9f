// One sync pass at a time per data folder. Two passes at once (a technician's `minsheng sync`
// while the kiosk's timer runs) would each install and rotate the pointers, leaving the second
// copy of a version as its own rollback copy. The lock is a file created exclusively with the
// process ID and the boot ID in it. A lock left by a killed process is taken over, and so is one
// from before a reboot, whose process ID another process may have now.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'sync.lock';
export const LOCK_TEMPORARY_MARK = '.sync-lock-';

// A live pass touches its lock every few minutes, so a lock untouched for this long was left
// by a pass that is gone, however long a slow download may take.
const MAX_LOCK_AGE_MS = 6 * 60 * 60 * 1000;
const TOUCH_INTERVAL_MS = 10 * 60 * 1000;

/** Returns the kernel's ID of this boot (Linux), or '' where the system offers none. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

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

/**
 * Creates the lock with its content in one step: the content goes to a temporary file that is
 * then hard-linked to the lock name, which fails if the lock exists. A reader therefore never
 * reads an empty lock of a live pass.
 */
async function createLock(file: string): Promise<boolean> {
  // The next pass removes a file of this name left by a process killed right here.
  const temporary = path.join(path.dirname(file), `${LOCK_TEMPORARY_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(temporary, ownContent());
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    // ENOENT: the pass holding the lock removed this staging file, so the lock is taken.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

function ownContent(): string {
  return `${process.pid} ${bootId()}\n`;
}

interface Holder {
  pid: number;
  bootId: string;
  ageMs: number;
}

async function holderOf(file: string): Promise<Holder | null> {
  try {
    const [pidText, holderBoot = ''] = (await readFile(file, 'utf8')).trim().split(/\s+/);
    const pid = Number.parseInt(pidText ?? '', 10);
    const ageMs = Date.now() - (await stat(file)).mtimeMs;
    return Number.isInteger(pid) && pid > 0 ? { pid, bootId: holderBoot, ageMs } : null;
  } catch {
    return null;
  }
}

function isLive(holder: Holder): boolean {
  const thisBoot = bootId();
  // Every lock this code writes names the boot where the system has one, so a lock without it
  // (or with another) was not written by a pass of this boot.
  if (thisBoot !== '' && holder.bootId !== thisBoot) return false;
  // A lock dated in the future is as unexplained as a very old one.
  if (holder.ageMs < 0 || holder.ageMs >= MAX_LOCK_AGE_MS) return false;
  return isRunning(holder.pid);
}

/** Acquires the data folder's sync lock, or returns the process ID of the holder (0 if unknown). */
export async function lockDataFolder(dataDir: string): Promise<LockResult> {
  const file = path.join(dataDir, LOCK_FILE);
  let toucher: NodeJS.Timeout | undefined;
  // Only this pass's own lock is removed: after a takeover the file may belong to another pass.
  const release = async () => {
    clearInterval(toucher);
    const content = await readFile(file, 'utf8').catch(() => null);
    if (content === ownContent()) await rm(file, { force: true });
  };

  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await createLock(file)) {
      toucher = setInterval(() => {
        const now = new Date();
        utimes(file, now, now).catch(() => undefined);
      }, TOUCH_INTERVAL_MS);
      toucher.unref();
      return { acquired: true, release };
    }
    const holder = await holderOf(file);
    if (holder !== null && isLive(holder)) return { acquired: false, holder: holder.pid };
    // The holder is gone: remove its lock and try once more.
    // NOTE: two passes taking over the same stale lock at the same moment can both succeed.
    await rm(file, { force: true });
  }
  return { acquired: false, holder: (await holderOf(file))?.pid ?? 0 };
}
