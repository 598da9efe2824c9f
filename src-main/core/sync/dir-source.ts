// A bundle folder on a local or mounted file system (a USB stick carried to the terminal).
// Reads are bounded like HTTP downloads: a file that is, or grows, larger than allowed is
// rejected without reading the excess.
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';

const CHUNK_BYTES = 1024 * 1024;

function ioError(file: string, error: unknown): SourceError {
  const code = (error as NodeJS.ErrnoException).code;
  const kind = code === 'ENOENT' ? 'not-found' : 'io';
  return new SourceError(kind, `cannot read ${file}: ${(error as Error).message}`, { cause: error });
}

async function openBounded(file: string, maxBytes: number): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw ioError(file, error);
  }

  const { size, isFile } = await handle.stat().then((stats) => ({ size: stats.size, isFile: stats.isFile() }));
  if (!isFile) {
    await handle.close();
    throw new SourceError('io', `${file} is not a regular file`);
  }
  if (size > maxBytes) {
    await handle.close();
    throw new SourceError('too-large', `${file} has ${size} bytes, more than the allowed ${maxBytes}`);
  }
  return handle;
}

/** Reads chunks from the handle, failing once the total passes maxBytes. */
async function* readBounded(handle: FileHandle, file: string, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null).catch((error: unknown) => {
      throw ioError(file, error);
    });
    if (bytesRead === 0) return;

    total += bytesRead;
    // The file may grow while it is read (a copy still in progress), so count, not only stat.
    if (total > maxBytes) {
      throw new SourceError('too-large', `${file} grew past the allowed ${maxBytes} bytes while being read`);
    }
    yield buffer.subarray(0, bytesRead);
  }
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
      const handle = await openBounded(file, maxBytes);
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of readBounded(handle, file, maxBytes)) chunks.push(chunk);
        return Buffer.concat(chunks);
      } finally {
        await handle.close();
      }
    },

    async downloadFile(name, destinationFile, maxBytes) {
      const file = fileOf(name);
      const handle = await openBounded(file, maxBytes);
      let total = 0;
      async function* counted() {
        for await (const chunk of readBounded(handle, file, maxBytes)) {
          total += chunk.length;
          yield chunk;
        }
      }

      try {
        await pipeline(Readable.from(counted()), createWriteStream(destinationFile));
        return total;
      } finally {
        await handle.close();
      }
    },
  };
}
