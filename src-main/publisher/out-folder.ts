// The output folder of a publish run: checked to be a writable folder before any long work, and
// held with a lock file so that two runs cannot both number their bundle "the next version".
import { link, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from './publish-error.js';
import { makeFolder } from '../core/make-folder.js';

export const LOCK_FILE = '.publish.lock';

export interface OutFolderLock {
  /** The lock file that was left by a process no longer running and was taken over, if any. */
  staleLock: { file: string; pid: number } | null;
  /** Removes the lock, and the folder itself when this run created it and it is still empty. */
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Creates `outDir` when absent; throws PublishError when it is a file or cannot be created. */
async function ensureFolder(outDir: string): Promise<boolean> {
  try {
    const stats = await stat(outDir);
    if (!stats.isDirectory()) throw new PublishError('outNotAFolder', { dir: outDir });
    return false;
  } catch (error) {
    if (error instanceof PublishError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new PublishError('outNotAFolder', { dir: outDir });
    if (code !== 'ENOENT') throw new PublishError('outNotWritable', { dir: outDir, reason: errorCode(error) });
  }

  try {
    await makeFolder(outDir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new PublishError('outNotAFolder', { dir: outDir });
    throw new PublishError('outNotWritable', { dir: outDir, reason: errorCode(error) });
  }
}

async function readLock(lockFile: string, outDir: string): Promise<LockContent | null> {
  let text: string;
  try {
    text = await readFile(lockFile, 'utf8');
  } catch (error) {
    // Released between our attempt and this read: try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PublishError('lockUnreadable', { dir: outDir, lock: lockFile, reason: errorCode(error) });
  }
  try {
    const content = JSON.parse(text) as Partial<LockContent>;
    if (typeof content.pid === 'number' && Number.isSafeInteger(content.pid) && content.pid > 0) {
      return { pid: content.pid, startedAt: String(content.startedAt ?? '?') };
    }
  } catch {
    // Reported below like any other unusable content.
  }
  throw new PublishError('lockUnreadable', { dir: outDir, lock: lockFile, reason: 'no process id in it' });
}

/**
 * Creates the lock file with its content in one step, failing with EEXIST when it exists: the
 * content goes into a private temporary file that is then hard-linked to the lock name, so
 * another run never reads an empty lock. File systems without hard links (FAT) fall back to
 * an exclusive create followed by the write.
 */
async function createLockFile(lockFile: string, text: string): Promise<void> {
  const temporary = `${lockFile}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  try {
    await link(temporary, lockFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await writeFile(lockFile, text, { flag: 'wx' });
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Makes sure `outDir` is a folder this process can write (a temporary file is written and
 * removed), then takes its publish lock by creating the lock file exclusively.
 */
export async function lockOutFolder(outDir: string, now: Date): Promise<OutFolderLock> {
  const created = await ensureFolder(outDir);
  const lockFile = path.join(outDir, LOCK_FILE);
  const probe = path.join(outDir, `.publish-check.${process.pid}.tmp`);
  const content: LockContent = { pid: process.pid, startedAt: now.toISOString() };

  const removeCreatedFolder = async () => {
    if (created) await rmdir(outDir).catch(() => undefined);
  };

  try {
    await writeFile(probe, 'minsheng publish write check\n');
    await rm(probe);
  } catch (error) {
    await rm(probe, { force: true }).catch(() => undefined);
    await removeCreatedFolder();
    throw new PublishError('outNotWritable', { dir: outDir, reason: errorCode(error) });
  }

  let staleLock: OutFolderLock['staleLock'] = null;
  try {
    for (;;) {
      try {
        await createLockFile(lockFile, `${JSON.stringify(content)}\n`);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new PublishError('outNotWritable', { dir: outDir, reason: errorCode(error) });
        }
      }

      const holder = await readLock(lockFile, outDir);
      if (holder === null) continue;
      if (isAlive(holder.pid)) {
        throw new PublishError('locked', { dir: outDir, lock: lockFile, pid: holder.pid, started: holder.startedAt });
      }
      // The holder died without releasing (killed, power cut): its lock protects nothing.
      // NOTE: two runs that find the same stale lock at once can both remove it, and then both proceed.
      staleLock = { file: lockFile, pid: holder.pid };
      await rm(lockFile, { force: true });
    }
  } catch (error) {
    await removeCreatedFolder();
    throw error;
  }

  return {
    staleLock,
    async release() {
      await rm(lockFile, { force: true });
      await removeCreatedFolder();
    },
  };
}
