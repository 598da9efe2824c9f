// Expansion of a verified gzip file into a staging file, bounded by the signed length so that a
// small download cannot expand to fill the disk.
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { fsyncPath } from '../data-folder/fsync.js';
import { BundleRejection } from './rejection.js';

export async function decompressToStaging(gzipFile: string, stagingFile: string, maxBytes: number, label: 'sqlite' | 'delta-sqlite'): Promise<void> {
  let total = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(new BundleRejection('length-mismatch', { file: label, expected: maxBytes, actual: `more than ${maxBytes}` }));
        return;
      }
      callback(null, chunk);
    },
  });

  try {
    await pipeline(createReadStream(gzipFile), createGunzip(), limiter, createWriteStream(stagingFile));
  } catch (error) {
    if (error instanceof BundleRejection) throw error;
    // The gzip bytes matched the signed digest, so a zlib error means the publisher signed a bad file.
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new BundleRejection('integrity-check-failed', { problem: `gunzip failed: ${(error as Error).message}` });
    }
    throw error;
  }
  await fsyncPath(stagingFile, 'r+');
}
