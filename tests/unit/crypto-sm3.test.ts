// SM3 against the two example messages of GB/T 32905-2016, chunked feeding, and the OpenSSL 3
// command line from Debian as an independent implementation.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Sm3, sm3 } from '../../src-main/core/crypto/sm3.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-sm3-');
afterAll(() => temp.remove());

function opensslSm3(file: string): string {
  const output = execFileSync('openssl', ['dgst', '-sm3', '-r', file], { encoding: 'utf8' });
  return output.split(' ')[0]!;
}

describe('Sm3', () => {
  it('hashes the standard "abc" example', () => {
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('hashes the standard 64-byte example', () => {
    expect(sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes empty input', () => {
    expect(sm3(Buffer.alloc(0)).toString('hex')).toBe(
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    );
  });

  it('gives the one-shot hash for any chunk size', () => {
    const data = randomBytes(1000);
    const expected = sm3(data).toString('hex');

    for (const chunkSize of [1, 3, 7, 55, 63, 64, 65, 127, 999]) {
      const hasher = new Sm3();
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        hasher.update(data.subarray(offset, offset + chunkSize));
      }
      expect(hasher.digest().toString('hex'), `chunk size ${chunkSize}`).toBe(expected);
    }
  });

  it('accepts empty chunks between others', () => {
    const hasher = new Sm3().update(Buffer.from('a')).update(Buffer.alloc(0)).update(Buffer.from('bc'));
    expect(hasher.digest().toString('hex')).toBe(sm3(Buffer.from('abc')).toString('hex'));
  });

  it('rejects use after digest', () => {
    const hasher = new Sm3();
    hasher.digest();
    expect(() => hasher.update(Buffer.from('a'))).toThrow(/after digest/);
    expect(() => hasher.digest()).toThrow(/twice/);
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1024 * 1024 + 7])('matches openssl for %i random bytes', (size) => {
    const data = randomBytes(size);
    const file = path.join(temp.dir, `random-${size}.bin`);
    writeFileSync(file, data);

    expect(sm3(data).toString('hex')).toBe(opensslSm3(file));
  });
});
