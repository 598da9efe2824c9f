// Writing the bundle folder so that a reader (nginx serving it, a kiosk reading a USB stick)
// never sees a manifest whose payload is missing: each file goes to a temporary name, is
// fsynced and renamed, the payload before the manifest.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface PayloadDigest {
  length: number;
  sha256: string;
  sqliteLength: number;
  sqliteSha256: string;
}

function measure(): { tap: Transform; result: () => { length: number; sha256: string } } {
  const hash = createHash('sha256');
  let length = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      length += chunk.length;
      callback(null, chunk);
    },
  });
  return { tap, result: () => ({ length, sha256: hash.digest('hex') }) };
}

function temporaryName(dir: string, name: string): string {
  return path.join(dir, `.${name}.${process.pid}.tmp`);
}

async function fsyncPath(file: string, flags = 'r'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (the renames) to disk; not supported on Windows, where it is skipped. */
async function fsyncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await fsyncPath(dir);
}

/**
 * Gzips the SQLite file into `dir/name` atomically and returns the length and SHA-256 of both
 * the compressed and the raw bytes.
 */
export async function writePayload(sqliteFile: string, dir: string, name: string): Promise<PayloadDigest> {
  const temporary = temporaryName(dir, name);
  const raw = measure();
  const compressed = measure();
  try {
    await pipeline(createReadStream(sqliteFile), raw.tap, createGzip({ level: 9 }), compressed.tap, createWriteStream(temporary));
    await fsyncPath(temporary, 'r+');
    await rename(temporary, path.join(dir, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }

  const rawDigest = raw.result();
  const compressedDigest = compressed.result();
  return {
    length: compressedDigest.length,
    sha256: compressedDigest.sha256,
    sqliteLength: rawDigest.length,
    sqliteSha256: rawDigest.sha256,
  };
}

/** Writes a small file atomically (temporary name, fsync, rename) and then syncs the folder. */
export async function writeFileAtomically(dir: string, name: string, data: string): Promise<void> {
  const temporary = temporaryName(dir, name);
  try {
    await writeFile(temporary, data);
    await fsyncPath(temporary, 'r+');
    await rename(temporary, path.join(dir, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncFolder(dir);
}
