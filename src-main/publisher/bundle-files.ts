// Writing the bundle folder so that a reader (nginx serving it, a kiosk reading a USB stick)
// never sees a manifest whose payload is missing: each file goes to a temporary name, is
// fsynced and renamed, the payload before the manifest.
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { createHasher } from '../core/crypto/hash.js';
import type { HashAlgorithm } from '../core/crypto/hash-types.js';
import { fsyncPath, writeFileDurably } from '../core/data-folder/fsync.js';

/** Length and digest of a gzip file of the bundle and of the SQLite file it expands to. */
export interface PayloadDigest {
  length: number;
  digest: string;
  sqliteLength: number;
  sqliteDigest: string;
}

function measure(algorithm: HashAlgorithm): { tap: Transform; result: () => { length: number; digest: string } } {
  const hash = createHasher(algorithm);
  let length = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      length += chunk.length;
      callback(null, chunk);
    },
  });
  return { tap, result: () => ({ length, digest: hash.digestHex() }) };
}

function temporaryName(dir: string, name: string): string {
  return path.join(dir, `.${name}.${process.pid}.tmp`);
}

/**
 * Gzips the SQLite file into `dir/name` atomically and returns the length and digest of both
 * the compressed and the raw bytes.
 */
export async function writePayload(sqliteFile: string, dir: string, name: string, algorithm: HashAlgorithm): Promise<PayloadDigest> {
  const temporary = temporaryName(dir, name);
  const raw = measure(algorithm);
  const compressed = measure(algorithm);
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
    digest: compressedDigest.digest,
    sqliteLength: rawDigest.length,
    sqliteDigest: rawDigest.digest,
  };
}

/** Writes a small file atomically (temporary name, fsync, rename) and then syncs the folder. */
export async function writeFileAtomically(dir: string, name: string, data: string | Uint8Array): Promise<void> {
  await writeFileDurably(path.join(dir, name), data);
}

/** Names of the payload and delta files publish writes; other files in the folder are left alone. */
export function payloadFileName(version: number): string {
  return `snapshot-${version}.sqlite.gz`;
}

export function deltaFileName(baseVersion: number, version: number): string {
  return `delta-${baseVersion}-${version}.sqlite.gz`;
}

const BUNDLE_DATA_FILE = /^(?:snapshot-(\d+)|delta-\d+-(\d+))\.sqlite\.gz$/;

/**
 * Returns the snapshot version that a payload or delta file name leads to (N of
 * `snapshot-N.sqlite.gz`, B of `delta-A-B.sqlite.gz`), or null for any other name.
 */
export function dataFileVersion(name: string): number | null {
  const match = BUNDLE_DATA_FILE.exec(name);
  if (match === null) return null;
  return Number(match[1] ?? match[2]);
}

/**
 * Removes the payload and delta files of `dir` that are not in `keep`, and returns their names.
 * A file that cannot be removed stays and is tried again at the next publish: the new manifest is
 * already in place, so a leftover file costs only disk space.
 */
export async function removeOldDataFiles(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }

  const removed: string[] = [];
  for (const name of names) {
    if (dataFileVersion(name) === null || keep.has(name)) continue;
    try {
      await rm(path.join(dir, name));
      removed.push(name);
    } catch {
      // Left for the next run, as above.
    }
  }
  return removed;
}
