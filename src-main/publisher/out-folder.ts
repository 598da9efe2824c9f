// The output folder of a publish run: checked to be a writable folder before any long work, and
// held with a lock file so that two runs cannot both number their bundle "the next version".
import { link, readFile, realpath, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from './publish-error.js';
import { makeFolder } from '../core/make-folder.js';

export const LOCK_FILE = '.publish.lock';

export interface OutFolderLock {
  /** The lock file that was left by a process no longer running and was taken over, if any. */
  staleLock: { file: string; pid: number } | null;
  /** Removes the lock, and the folders this run created (the folder itself and its parents) while they are empty. */
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

/**
 * Creates `outDir` and its missing parents when absent; throws PublishError when it is a file or
 * cannot be created. Returns the folders it created, deepest first, so a failed run can remove them.
 */
async function ensureFolder(outDir: string): Promise<string[]> {
  try {
    const stats = await stat(outDir);
    if (!stats.isDirectory()) throw new PublishError('outNotAFolder', { dir: outDir });
    return [];
  } catch (error) {
    if (error instanceof PublishError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new PublishError('outNotAFolder', { dir: outDir });
    if (code !== 'ENOENT') throw new PublishError('outNotWritable', { dir: outDir, reason: errorCode(error) });
  }

  const missing = await missingLevels(outDir);
  try {
    await makeFolder(outDir);
    return missing;
  } catch (error) {
    await removeFolders(missing);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new PublishError('outNotAFolder', { dir: outDir });
    throw new PublishError('outNotWritable', { dir: outDir, reason: errorCode(error) });
  }
}

// The levels of `dir` that do not exist yet, deepest first.
async function missingLevels(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    try {
      await stat(current);
      return missing;
    } catch {
      missing.push(current);
      const parent = path.dirname(current);
      if (parent === current) return missing;
      current = parent;
    }
  }
}

// rmdir removes a folder only while it is empty, so a file another process put there meanwhile stays.
async function removeFolders(deepestFirst: string[]): Promise<void> {
  for (const folder of deepestFirst) {
    try {
      await rmdir(folder);
    } catch {
      return;
    }
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

  const removeCreatedFolder = () => removeFolders(created);

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

/**
 * Throws PublishError when the error report `errorsOut` would lie inside `outDir` (or be it): the
 * bundle folder is copied to USB sticks and web folders, and a report there would travel with it.
 */
export async function checkErrorsOutside(errorsOut: string, outDir: string): Promise<void> {
  const report = await resolveExisting(errorsOut);
  const folder = await resolveExisting(outDir);
  const relative = path.relative(folder, report);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new PublishError('errorsOutInsideOut', { file: errorsOut, dir: outDir });
  }
}

// The absolute path with links resolved in its longest existing part, so a link to the bundle
// folder is caught too.
async function resolveExisting(target: string): Promise<string> {
  const rest: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(target);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}
