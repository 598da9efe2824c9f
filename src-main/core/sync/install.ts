// Staging and atomic install of a snapshot file. The new database is written to a staging file
// in the same folder as the installed one, fsynced, checked, and renamed over it. rename(2)
// within one folder is atomic, so after a crash at any moment the installed path contains
// either the old or the new complete file. The old file stays as `<dbFile>.previous`.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { BundleRejection } from './verify.js';
import { makeFolder } from '../make-folder.js';

const STAGING_MARK = '.staging-';

/** Path of the copy of the replaced snapshot, kept for diagnosis and manual rollback. */
export function previousFileOf(dbFile: string): string {
  return `${dbFile}.previous`;
}

/** Returns a fresh staging path next to dbFile. Every file sync writes before install is one. */
export function newStagingFile(dbFile: string, suffix = ''): string {
  return `${dbFile}${STAGING_MARK}${randomBytes(6).toString('hex')}${suffix}`;
}

/** Removes staging files a killed sync left behind; returns their names. */
export async function removeStaleStagingFiles(dbFile: string): Promise<string[]> {
  const folder = path.dirname(dbFile);
  const prefix = `${path.basename(dbFile)}${STAGING_MARK}`;

  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const stale = names.filter((name) => name.startsWith(prefix));
  for (const name of stale) await rm(path.join(folder, name), { force: true });
  return stale;
}

export async function ensureFolderOf(dbFile: string): Promise<void> {
  await makeFolder(path.dirname(dbFile));
}

async function fsyncPath(file: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Decompresses the gzip payload into stagingFile and fsyncs it. Stops with a length mismatch
 * as soon as the output passes maxBytes, so a small payload cannot expand to fill the disk.
 */
export async function decompressToStaging(gzipFile: string, stagingFile: string, maxBytes: number): Promise<void> {
  let total = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(new BundleRejection('length-mismatch', { file: 'sqlite', expected: maxBytes, actual: `more than ${maxBytes}` }));
        return;
      }
      callback(null, chunk);
    },
  });

  try {
    await pipeline(createReadStream(gzipFile), createGunzip(), limiter, createWriteStream(stagingFile));
  } catch (error) {
    if (error instanceof BundleRejection) throw error;
    // The gzip bytes matched the signed hash, so a zlib error means the publisher signed a bad file.
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new BundleRejection('integrity-check-failed', { problem: `gunzip failed: ${(error as Error).message}` });
    }
    throw error;
  }
  await fsyncPath(stagingFile, 'r+');
}

/** Keeps dbFile as `.previous`, replacing an older one in a single rename. */
async function keepPrevious(dbFile: string): Promise<void> {
  const temporary = newStagingFile(dbFile, '.previous');
  try {
    await link(dbFile, temporary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    // File systems without hard links (FAT on a USB data partition) get a copy instead.
    await copyFile(dbFile, temporary);
    await fsyncPath(temporary, 'r+');
  }
  await rename(temporary, previousFileOf(dbFile));
  // rename(2) does nothing when both names are links to one file. That happens when a killed
  // pass already linked dbFile as `.previous`, and then the temporary name must go too.
  await rm(temporary, { force: true });
}

/**
 * Moves a checked, fsynced staging file onto dbFile: keep the current file as `.previous`, rename
 * the staging file into place, then fsync the folder so the rename itself survives power loss.
 */
export async function installStaged(stagingFile: string, dbFile: string): Promise<void> {
  await keepPrevious(dbFile);
  await rename(stagingFile, dbFile);
  await fsyncPath(path.dirname(dbFile), 'r');
}
