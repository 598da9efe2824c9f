// Installation of a checked snapshot as the current one. The staged file is already fsynced and
// checked. It gets its final name, the old current pointer becomes previous.json, a new
// current.json is renamed into place, and then the folder is fsynced. A crash at any point leaves
// current.json naming a complete, checked file: the old one until the last rename, and the new
// one after it. Readers that opened the old file keep reading it, because it is deleted only once
// it is neither current nor previous.
import { readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from '../make-folder.js';
import { fsyncFolder } from './fsync.js';
import { LOCK_TEMPORARY_MARK } from './lock.js';
import { DOWNLOADS_FOLDER, isSnapshotName, isStagingName, newSnapshotName } from './layout.js';
import { pointerOrNull, readPointer, writePointer } from './pointer.js';
import type { Pointer } from './pointer.js';

export type NewSnapshot = Omit<Pointer, 'file' | 'installedAt'>;

export async function ensureDataFolder(dataDir: string): Promise<void> {
  await makeFolder(dataDir);
  await makeFolder(path.join(dataDir, DOWNLOADS_FOLDER));
}

/** Installs stagedFile (in dataDir, fsynced, checked) as the current snapshot; returns its pointer. */
export async function installSnapshot(
  dataDir: string,
  stagedFile: string,
  snapshot: NewSnapshot,
  now: Date,
  options: { currentIsDamaged?: boolean } = {},
): Promise<Pointer> {
  const pointer: Pointer = { ...snapshot, file: newSnapshotName(snapshot.version), installedAt: now.toISOString() };
  await rename(stagedFile, path.join(dataDir, pointer.file));
  await fsyncFolder(dataDir);

  // A damaged current snapshot is no rollback copy: the previous one stays previous.
  const old = options.currentIsDamaged ? null : pointerOrNull(dataDir, 'current');
  if (old !== null) await writePointer(dataDir, 'previous', old);
  await writePointer(dataDir, 'current', pointer);

  await removeUnreferencedSnapshots(dataDir);
  return pointer;
}

/**
 * Makes the previous snapshot current again (and the current one previous). Returns the new
 * current pointer, or null when there is no previous snapshot to go back to.
 */
export async function swapToPrevious(dataDir: string): Promise<Pointer | null> {
  const previous = pointerOrNull(dataDir, 'previous');
  if (previous === null) return null;
  const current = pointerOrNull(dataDir, 'current');

  await writePointer(dataDir, 'current', previous);
  if (current !== null) await writePointer(dataDir, 'previous', current);
  return previous;
}

/**
 * Deletes snapshot files that neither pointer names: older versions, and a file renamed into
 * place by a pass that was killed before it wrote the pointer. A file another process still has
 * open is unlinked but stays readable to it; where that fails (Windows), the next pass retries.
 */
export async function removeUnreferencedSnapshots(dataDir: string): Promise<string[]> {
  const current = readPointer(dataDir, 'current');
  const previous = readPointer(dataDir, 'previous');
  // A damaged pointer may still name a sound file, so every file is kept for diagnosis and for a
  // technician to restore. The cost is disk space until the next install.
  if (current.status === 'invalid' || previous.status === 'invalid') return [];
  const keep = new Set([current.status === 'ok' ? current.pointer.file : null, previous.status === 'ok' ? previous.pointer.file : null]);
  const removed: string[] = [];
  for (const name of await namesIn(dataDir)) {
    if (!isSnapshotName(name) || keep.has(name)) continue;
    try {
      await unlink(path.join(dataDir, name));
      removed.push(name);
    } catch {
      // Left for the next pass.
    }
  }
  return removed;
}

/** Removes the staging and lock-creation files that a killed pass left behind and returns their names. */
export async function removeStaleStagingFiles(dataDir: string): Promise<string[]> {
  const stale = (await namesIn(dataDir)).filter((name) => isStagingName(name) || name.startsWith(LOCK_TEMPORARY_MARK));
  for (const name of stale) await rm(path.join(dataDir, name), { force: true });
  return stale;
}

/** Removes the partial downloads other than `keepDigests`, because a new manifest makes old ones useless. */
export async function removeOtherDownloads(dataDir: string, keepDigests: string[]): Promise<void> {
  const folder = path.join(dataDir, DOWNLOADS_FOLDER);
  const keep = new Set(keepDigests.map((digest) => `${digest}.part`));
  for (const name of await namesIn(folder)) {
    if (!keep.has(name)) await rm(path.join(folder, name), { force: true });
  }
}

async function namesIn(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
