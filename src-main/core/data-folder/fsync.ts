// Durable writes: a file's bytes and a folder's entries reach the disk before the next step
// relies on them, so a power cut leaves either the old state or the new one.
import { chmod, link, open, rename, rm, writeFile } from 'node:fs/promises';
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

export interface DurableWriteOptions {
  /** File mode of the new file, set exactly (not masked by the umask). Default: 0o666 less the umask. */
  mode?: number;
  /**
   * false: throw EEXIST instead of replacing an existing file. The check and the write are one
   * step (a hard link of the finished temporary file), so a file created meanwhile is kept too.
   */
  replace?: boolean;
}

/** Writes `data` to `file` atomically: temporary name, fsync, rename (or link), folder fsync. */
export async function writeFileDurably(file: string, data: string | Uint8Array, options: DurableWriteOptions = {}): Promise<void> {
  const temporary = path.join(path.dirname(file), `.staging-${randomBytes(6).toString('hex')}.tmp`);
  try {
    // The temporary file is created with the final mode, so a secret is never readable by others.
    await writeFile(temporary, data, { mode: options.mode ?? 0o666, flag: 'wx' });
    if (options.mode !== undefined) await chmod(temporary, options.mode);
    await fsyncPath(temporary, 'r+');
    if (options.replace === false) {
      await link(temporary, file);
      await rm(temporary);
    } else {
      await rename(temporary, file);
    }
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncFolder(path.dirname(file));
}
