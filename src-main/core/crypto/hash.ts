// Digests of signed metadata and snapshot files. SHA-256 comes from node:crypto, which Electron's
// BoringSSL also provides; SM3 comes from sm3.ts because BoringSSL has no SM3.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { HashAlgorithm, Hasher } from './hash-types.js';
import { Sm3 } from './sm3.js';

export function createHasher(algorithm: HashAlgorithm): Hasher {
  if (algorithm === 'sm3') {
    const sm3 = new Sm3();
    return {
      update: (data) => void sm3.update(data),
      digestHex: () => sm3.digest().toString('hex'),
    };
  }

  if (algorithm === 'sha256') {
    const sha256 = createHash('sha256');
    return {
      update: (data) => void sha256.update(data),
      digestHex: () => sha256.digest('hex'),
    };
  }

  // Reached only through an unchecked cast, for example a value read from JSON.
  throw new Error(`unsupported hash algorithm ${JSON.stringify(algorithm)}: expected sha256 or sm3`);
}

/** Hashes one buffer and returns the lowercase hex digest. */
export function hashBytes(algorithm: HashAlgorithm, data: Uint8Array): string {
  const hasher = createHasher(algorithm);
  hasher.update(data);
  return hasher.digestHex();
}

/** Streams a file through the hash and returns its length in bytes and its lowercase hex digest. */
export async function hashFile(file: string, algorithm: HashAlgorithm): Promise<{ length: number; digest: string }> {
  const hasher = createHasher(algorithm);
  let length = 0;

  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    hasher.update(bytes);
    length += bytes.length;
  }

  return { length, digest: hasher.digestHex() };
}
