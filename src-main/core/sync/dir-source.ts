// A bundle folder on a local or mounted file system (a USB stick carried to the terminal).
// Reads are bounded like HTTP downloads: a file that is, or grows, larger than allowed is
// rejected without reading the excess. A stick pulled out mid-copy shows up as a read error
// (EIO), a file that ends early, or a file that is gone or replaced afterwards. Each of these
// fails the copy with a SourceError instead of returning a partial file as complete.
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import path from 'node:path';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';

const CHUNK_BYTES = 1024 * 1024;

function ioError(file: string, error: unknown): SourceError {
  const code = (error as NodeJS.ErrnoException).code;
  const kind = code === 'ENOENT' ? 'not-found' : 'io';
  return new SourceError(kind, `cannot read ${file}: ${(error as Error).message}`, { cause: error });
}

function writeError(file: string, error: unknown): SourceError {
  return new SourceError('io', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
}

interface OpenedFile {
  handle: FileHandle;
  stats: Stats;
}

async function openBounded(file: string, maxBytes: number): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever; the
    // regular-file check below then rejects it. Regular files ignore the flag. O_NOFOLLOW: a
    // bundle file that is a symbolic link (on a stick, to /etc/shadow, say) is not read.
    // Windows has no O_NOFOLLOW, so there the flag is 0.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new SourceError('io', `${file} is a symbolic link, not a regular file: copy the file itself into the bundle folder`, { cause: error });
    }
    throw ioError(file, error);
  }

  let stats: Stats;
  try {
    stats = await handle.stat();
  } catch (error) {
    await handle.close();
    throw ioError(file, error);
  }
  if (!stats.isFile()) {
    await handle.close();
    throw new SourceError('io', `${file} is not a regular file`);
  }
  if (stats.size > maxBytes) {
    await handle.close();
    throw new SourceError('too-large', `${file} has ${stats.size} bytes, more than the allowed ${maxBytes}`);
  }
  return { handle, stats };
}

/**
 * Reads the file from `start` in chunks. Fails once the total passes maxBytes, and when the file
 * ends before `expectedEnd` (its size when opened), because then it shrank or its medium left.
 */
async function* readBounded(
  opened: OpenedFile,
  file: string,
  maxBytes: number,
  start: number,
): AsyncGenerator<Buffer> {
  const expectedEnd = opened.stats.size;
  let position = start;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let bytesRead: number;
    try {
      ({ bytesRead } = await opened.handle.read(buffer, 0, CHUNK_BYTES, position));
    } catch (error) {
      throw ioError(file, error);
    }
    if (bytesRead === 0) break;

    position += bytesRead;
    // The file may grow while it is read (a copy still in progress), so count, not only stat.
    if (position > maxBytes) {
      throw new SourceError('too-large', `${file} grew past the allowed ${maxBytes} bytes while being read`);
    }
    yield buffer.subarray(0, bytesRead);
  }

  if (position < expectedEnd) {
    throw new SourceError(
      'io',
      `${file} ended after ${position} of ${expectedEnd} bytes: it shrank or its medium was removed while being read`,
    );
  }
}

/**
 * Checks that the path still names the file that was read, with at least the bytes read. On
 * Linux an open file stays readable after it is deleted, so only this check notices a file
 * deleted or replaced during the copy.
 */
async function checkStillThere(file: string, opened: OpenedFile, length: number): Promise<void> {
  let now: Stats;
  try {
    now = await stat(file);
  } catch (error) {
    throw new SourceError('io', `${file} disappeared while being read: ${(error as Error).message}`, { cause: error });
  }
  if (now.ino !== opened.stats.ino || now.dev !== opened.stats.dev || now.size < length) {
    throw new SourceError('io', `${file} was replaced or shortened while being read`);
  }
}

/** Returns how many bytes of destinationFile to keep: 0 unless they can be a prefix of the file. */
async function keptLength(destinationFile: string, sourceSize: number, maxBytes: number): Promise<number> {
  let size: number;
  try {
    size = (await stat(destinationFile)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw writeError(destinationFile, error);
  }
  return size <= sourceSize && size <= maxBytes ? size : 0;
}

export function createDirSource(folder: string): BundleSource {
  const root = path.resolve(folder);

  // Names come from the manifest schema (no separators), but check again at the file system.
  function fileOf(name: string): string {
    const file = path.join(root, name);
    if (path.dirname(file) !== root) throw new SourceError('io', `refusing a path outside ${root}: ${name}`);
    return file;
  }

  return {
    location: root,

    async readFile(name, maxBytes) {
      const file = fileOf(name);
      const opened = await openBounded(file, maxBytes);
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of readBounded(opened, file, maxBytes, 0)) chunks.push(chunk);
        const bytes = Buffer.concat(chunks);
        await checkStillThere(file, opened, bytes.length);
        return bytes;
      } finally {
        await opened.handle.close();
      }
    },

    async downloadFile(name, destinationFile, maxBytes, options = {}) {
      const file = fileOf(name);
      const opened = await openBounded(file, maxBytes);

      let output: FileHandle | null = null;
      try {
        const start = options.resume ? await keptLength(destinationFile, opened.stats.size, maxBytes) : 0;
        try {
          // 'r+' keeps the resumed prefix for the writes after it. A fresh copy opens with 'w',
          // which also accepts a FIFO as the destination.
          output = start > 0 ? await open(destinationFile, 'r+') : await open(destinationFile, 'w');
          if (start > 0) await output.truncate(start);
        } catch (error) {
          throw writeError(destinationFile, error);
        }

        let length = start;
        for await (const chunk of readBounded(opened, file, maxBytes, start)) {
          try {
            await output.write(chunk, 0, chunk.length, start > 0 ? length : null);
          } catch (error) {
            throw writeError(destinationFile, error);
          }
          length += chunk.length;
        }

        await checkStillThere(file, opened, length);
        return length;
      } finally {
        await output?.close();
        await opened.handle.close();
      }
    },
  };
}
