// createHasher, hashBytes and hashFile for both digest algorithms, checked against the OpenSSL 3
// command line from Debian.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHasher, hashBytes, hashFile } from '../../src-main/core/crypto/hash.js';
import type { HashAlgorithm } from '../../src-main/core/crypto/hash-types.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-hash-');
afterAll(() => temp.remove());

const ALGORITHMS: HashAlgorithm[] = ['sha256', 'sm3'];

function opensslDigest(algorithm: HashAlgorithm, file: string): string {
  const output = execFileSync('openssl', ['dgst', `-${algorithm}`, '-r', file], { encoding: 'utf8' });
  return output.split(' ')[0]!;
}

describe('hashBytes', () => {
  it('hashes "abc" with SHA-256', () => {
    expect(hashBytes('sha256', Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes "abc" with SM3', () => {
    expect(hashBytes('sm3', Buffer.from('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('rejects an unknown algorithm', () => {
    expect(() => hashBytes('md5' as HashAlgorithm, Buffer.from('abc'))).toThrow(/"md5".*sha256 or sm3/);
  });
});

describe.each(ALGORITHMS)('createHasher %s', (algorithm) => {
  it('gives the one-shot digest in chunks', () => {
    const data = randomBytes(5000);
    const hasher = createHasher(algorithm);
    for (let offset = 0; offset < data.length; offset += 333) hasher.update(data.subarray(offset, offset + 333));

    expect(hasher.digestHex()).toBe(hashBytes(algorithm, data));
  });
});

describe.each(ALGORITHMS)('hashFile %s', (algorithm) => {
  it.each([0, 1, 64, 65_537, 3 * 1024 * 1024 + 1])('matches openssl for %i bytes', async (size) => {
    const file = path.join(temp.dir, `${algorithm}-${size}.bin`);
    writeFileSync(file, randomBytes(size));

    const result = await hashFile(file, algorithm);

    expect(result.length).toBe(size);
    expect(result.digest).toBe(opensslDigest(algorithm, file));
  });

  it('rejects a missing file', async () => {
    await expect(hashFile(path.join(temp.dir, 'missing.bin'), algorithm)).rejects.toThrow(/ENOENT/);
  });
});
