// A file written piece by piece under a temporary name and renamed into place once complete, so
// a large export never sits in memory as one string and a failed run leaves no half-written file.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fsyncFolder, fsyncPath } from '../../core/data-folder/fsync.js';

export interface DurableStream {
  /** Appends text or bytes, waiting while the stream's buffer is full. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes the file to disk and renames it to its final name. */
  commit(): Promise<void>;
  /** Deletes the temporary file; safe to call after commit. */
  abort(): Promise<void>;
}

export function createDurableStream(file: string): DurableStream {
  const temporary = path.join(path.dirname(file), `.staging-${randomBytes(6).toString('hex')}.tmp`);
  const stream: WriteStream = createWriteStream(temporary, { flags: 'wx' });
  let failure: Error | null = null;
  stream.on('error', (error) => (failure ??= error));
  let committed = false;

  return {
    async write(chunk) {
      if (failure !== null) throw failure;
      // events.once rejects when the stream emits 'error' while waiting, and removes its
      // listeners either way; a second once(stream, 'error') would stay registered per wait.
      if (!stream.write(chunk)) {
        await once(stream, 'drain');
        if (failure !== null) throw failure;
      }
    },

    async commit() {
      if (failure !== null) throw failure;
      await new Promise<void>((resolve, reject) => {
        stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
      if (failure !== null) throw failure;
      await fsyncPath(temporary, 'r+');
      await rename(temporary, file);
      committed = true;
      await fsyncFolder(path.dirname(file));
    },

    async abort() {
      if (committed) return;
      stream.destroy();
      await rm(temporary, { force: true });
    },
  };
}
