// Interoperability of SM2 (with SM3 and the default user ID) and Ed25519 with the OpenSSL 3
// command line from Debian, an independent implementation. Keys and signatures made by either
// side must load and verify on the other, and tampered data must fail on both.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, parsePrivateKeyPem, parsePublicKeyPem } from '../../src-main/core/crypto/keys.js';
import type { KeyError } from '../../src-main/core/crypto/key-error.js';
import { SM2_DEFAULT_USER_ID, Sm2PublicKey } from '../../src-main/core/crypto/sm2.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-openssl-');
afterAll(() => temp.remove());

let fileCounter = 0;
function tempFile(name: string, content?: string | Buffer): string {
  fileCounter++;
  const file = path.join(temp.dir, `${fileCounter}-${name}`);
  if (content !== undefined) writeFileSync(file, content);
  return file;
}

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const SM2_OPTIONS = ['-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${SM2_DEFAULT_USER_ID}`];

function opensslSm2Sign(keyFile: string, messageFile: string, distid = SM2_DEFAULT_USER_ID): Buffer {
  const signatureFile = tempFile('openssl.sig');
  const options = ['-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${distid}`];
  openssl(['pkeyutl', '-sign', ...options, '-inkey', keyFile, '-in', messageFile, '-out', signatureFile]);
  return readFileSync(signatureFile);
}

/** Runs `openssl pkeyutl -verify` and returns true only for exit status 0 with the success line. */
function opensslVerify(publicKeyFile: string, messageFile: string, signature: Buffer, algorithm: 'sm2' | 'ed25519'): boolean {
  const signatureFile = tempFile('ours.sig', signature);
  const options = algorithm === 'sm2' ? SM2_OPTIONS : ['-rawin'];
  const result = spawnSync(
    'openssl',
    ['pkeyutl', '-verify', ...options, '-pubin', '-inkey', publicKeyFile, '-in', messageFile, '-sigfile', signatureFile],
    { encoding: 'utf8' },
  );
  return result.status === 0 && result.stdout.includes('Signature Verified Successfully');
}

function opensslSm2Key(): { keyFile: string; publicKeyFile: string } {
  const keyFile = tempFile('openssl-sm2.key');
  const publicKeyFile = tempFile('openssl-sm2.pub');
  openssl(['genpkey', '-algorithm', 'SM2', '-out', keyFile]);
  openssl(['pkey', '-in', keyFile, '-pubout', '-out', publicKeyFile]);
  return { keyFile, publicKeyFile };
}

/** Returns the 65-byte point at the end of an SM2 SubjectPublicKeyInfo PEM. */
function sm2PointOfPem(pem: string): Buffer {
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
  return Buffer.from(body, 'base64').subarray(-65);
}

function flipByte(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
}

beforeAll(() => {
  // These tests need pkeyutl -rawin of OpenSSL 3; without it every test would fail less clearly.
  const help = spawnSync('openssl', ['pkeyutl', '-help'], { encoding: 'utf8' });
  expect(`${help.stdout}${help.stderr}`).toContain('-rawin');
  expect(openssl(['version'])).toMatch(/^OpenSSL 3\./);
});

describe('SM2 signature from openssl', () => {
  it('verifies in ours for many keys', () => {
    for (let round = 0; round < 12; round++) {
      const { keyFile, publicKeyFile } = opensslSm2Key();
      const message = randomBytes(round * 37);
      const messageFile = tempFile('message.bin', message);
      const signature = opensslSm2Sign(keyFile, messageFile);

      const publicKey = parsePublicKeyPem(readFileSync(publicKeyFile, 'utf8'));

      expect(publicKey.algorithm).toBe('sm2');
      expect(publicKey.verify(message, signature.toString('base64')), `round ${round}`).toBe(true);
    }
  });

  it('fails in ours with a flipped message byte', () => {
    const { keyFile, publicKeyFile } = opensslSm2Key();
    const message = Buffer.from('{"version":7,"regionCode":"431226"}');
    const signature = opensslSm2Sign(keyFile, tempFile('message.json', message));
    const publicKey = parsePublicKeyPem(readFileSync(publicKeyFile, 'utf8'));

    expect(publicKey.verify(message, signature.toString('base64'))).toBe(true);
    expect(publicKey.verify(flipByte(message, 5), signature.toString('base64'))).toBe(false);
  });

  it('fails in ours with any flipped signature byte', () => {
    const { keyFile, publicKeyFile } = opensslSm2Key();
    const message = Buffer.from('manifest bytes');
    const signature = opensslSm2Sign(keyFile, tempFile('message.txt', message));
    const publicKey = parsePublicKeyPem(readFileSync(publicKeyFile, 'utf8'));

    for (let index = 0; index < signature.length; index++) {
      expect(publicKey.verify(message, flipByte(signature, index).toString('base64')), `byte ${index}`).toBe(false);
    }
  });

  it('fails in ours when made with another distid', () => {
    const { keyFile, publicKeyFile } = opensslSm2Key();
    const message = Buffer.from('manifest bytes');
    const signature = opensslSm2Sign(keyFile, tempFile('message.txt', message), 'ALICE123@YAHOO.COM');
    const pem = readFileSync(publicKeyFile, 'utf8');

    expect(parsePublicKeyPem(pem).verify(message, signature.toString('base64'))).toBe(false);

    // The same signature verifies with that user ID, so the user ID alone caused the failure above.
    expect(Sm2PublicKey.fromPoint(sm2PointOfPem(pem)).verify(message, signature, 'ALICE123@YAHOO.COM')).toBe(true);
  });

  it('matches the key ID of the private key', () => {
    const { keyFile, publicKeyFile } = opensslSm2Key();
    const privateKey = parsePrivateKeyPem(readFileSync(keyFile, 'utf8'));
    const publicKey = parsePublicKeyPem(readFileSync(publicKeyFile, 'utf8'));

    expect(privateKey.algorithm).toBe('sm2');
    expect(privateKey.publicKey.keyId).toBe(publicKey.keyId);
    expect(publicKey.pem).toBe(readFileSync(publicKeyFile, 'utf8'));
  });
});

describe('SM2 signature from ours', () => {
  it('verifies in openssl for many keys', () => {
    for (let round = 0; round < 12; round++) {
      const pair = generateKeyPair('sm2');
      const publicKeyFile = tempFile('ours-sm2.pub', pair.publicKeyPem);
      const message = randomBytes(round * 53);
      const messageFile = tempFile('message.bin', message);

      const signature = Buffer.from(parsePrivateKeyPem(pair.privateKeyPem).sign(message), 'base64');

      expect(opensslVerify(publicKeyFile, messageFile, signature, 'sm2'), `round ${round}`).toBe(true);
    }
  });

  it('fails in openssl when tampered', () => {
    const pair = generateKeyPair('sm2');
    const publicKeyFile = tempFile('ours-sm2.pub', pair.publicKeyPem);
    const message = Buffer.from('{"version":8}');
    const signature = Buffer.from(parsePrivateKeyPem(pair.privateKeyPem).sign(message), 'base64');

    expect(opensslVerify(publicKeyFile, tempFile('message.json', message), signature, 'sm2')).toBe(true);
    expect(opensslVerify(publicKeyFile, tempFile('flipped.json', flipByte(message, 3)), signature, 'sm2')).toBe(false);
    // The last byte lies inside s, so the DER stays well-formed and only the value is wrong.
    const flippedSignature = flipByte(signature, signature.length - 1);
    expect(opensslVerify(publicKeyFile, tempFile('message.json', message), flippedSignature, 'sm2')).toBe(false);
  });

  it('key PEMs load in openssl pkey', () => {
    const pair = generateKeyPair('sm2');
    const keyFile = tempFile('ours-sm2.key', pair.privateKeyPem);
    const publicKeyFile = tempFile('ours-sm2.pub', pair.publicKeyPem);

    expect(openssl(['pkey', '-in', keyFile])).toBe(pair.privateKeyPem);
    expect(openssl(['pkey', '-in', keyFile, '-pubout'])).toBe(pair.publicKeyPem);
    expect(openssl(['pkey', '-pubin', '-in', publicKeyFile])).toBe(pair.publicKeyPem);
    expect(openssl(['pkey', '-in', keyFile, '-text', '-noout'])).toContain('ASN1 OID: SM2');
  });
});

describe('SM2 key files from openssl', () => {
  it('reads SEC1 as written by openssl ec', () => {
    const { keyFile, publicKeyFile } = opensslSm2Key();
    const sec1 = openssl(['ec', '-in', keyFile]);
    const expectedKeyId = parsePublicKeyPem(readFileSync(publicKeyFile, 'utf8')).keyId;

    expect(sec1).toContain('-----BEGIN SM2 PRIVATE KEY-----');
    expect(parsePrivateKeyPem(sec1).publicKey.keyId).toBe(expectedKeyId);

    const relabeled = sec1.replaceAll('SM2 PRIVATE KEY', 'EC PRIVATE KEY');
    expect(parsePrivateKeyPem(relabeled).publicKey.keyId).toBe(expectedKeyId);
  });

  it('rejects an encrypted PKCS#8 key', () => {
    const { keyFile } = opensslSm2Key();
    const encrypted = openssl(['pkey', '-in', keyFile, '-aes-256-cbc', '-passout', 'pass:secret']);

    expect(encrypted).toContain('ENCRYPTED PRIVATE KEY');
    expect(() => parsePrivateKeyPem(encrypted)).toThrow(/encrypted/);
    try {
      parsePrivateKeyPem(encrypted);
    } catch (error) {
      expect((error as KeyError).code).toBe('encrypted');
    }
  });

  it('rejects a P-256 key naming the curve', () => {
    const keyFile = tempFile('p256.key');
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile]);
    const publicKeyPem = openssl(['pkey', '-in', keyFile, '-pubout']);

    expect(() => parsePublicKeyPem(publicKeyPem)).toThrow(/1\.2\.840\.10045\.3\.1\.7 \(NIST P-256\) is not supported/);
    expect(() => parsePrivateKeyPem(readFileSync(keyFile, 'utf8'))).toThrow(/NIST P-256/);
  });

  it('rejects an RSA key naming the algorithm', () => {
    const keyFile = tempFile('rsa.key');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', keyFile]);
    const publicKeyPem = openssl(['pkey', '-in', keyFile, '-pubout']);

    expect(() => parsePublicKeyPem(publicKeyPem)).toThrow(/\(RSA\) is not supported/);
  });
});

describe('Ed25519 with openssl', () => {
  it('verifies an openssl signature in ours', () => {
    const keyFile = tempFile('openssl-ed25519.key');
    openssl(['genpkey', '-algorithm', 'ED25519', '-out', keyFile]);
    const publicKeyPem = openssl(['pkey', '-in', keyFile, '-pubout']);
    const message = randomBytes(300);
    const messageFile = tempFile('message.bin', message);
    const signatureFile = tempFile('openssl-ed25519.sig');
    openssl(['pkeyutl', '-sign', '-rawin', '-inkey', keyFile, '-in', messageFile, '-out', signatureFile]);
    const signature = readFileSync(signatureFile).toString('base64');

    const publicKey = parsePublicKeyPem(publicKeyPem);

    expect(publicKey.algorithm).toBe('ed25519');
    expect(publicKey.verify(message, signature)).toBe(true);
    expect(publicKey.verify(flipByte(message, 0), signature)).toBe(false);
    expect(parsePrivateKeyPem(readFileSync(keyFile, 'utf8')).publicKey.keyId).toBe(publicKey.keyId);
  });

  it('verifies our signature in openssl', () => {
    const pair = generateKeyPair('ed25519');
    const publicKeyFile = tempFile('ours-ed25519.pub', pair.publicKeyPem);
    const message = randomBytes(300);
    const signature = Buffer.from(parsePrivateKeyPem(pair.privateKeyPem).sign(message), 'base64');

    expect(opensslVerify(publicKeyFile, tempFile('message.bin', message), signature, 'ed25519')).toBe(true);
    expect(opensslVerify(publicKeyFile, tempFile('flipped.bin', flipByte(message, 0)), signature, 'ed25519')).toBe(false);
  });
});
