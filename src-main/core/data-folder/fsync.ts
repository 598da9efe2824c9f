// Durable writes: a file's bytes and a folder's entries reach the disk before the next step
// relies on them, so a power cut leaves either the old state or the new one.
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export async function fsyncPath(file: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (renames, new files). Skipped on Windows, which cannot open a folder. */
export async function fsyncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  await fsyncPath(folder, 'r');
}

/** Replaces `file` with `data` atomically: temporary name, fsync, rename, folder fsync. */
export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.staging-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await fsyncPath(temporary, 'r+');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncFolder(path.dirname(file));
}
