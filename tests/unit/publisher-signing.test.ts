// Canonical JSON and the publisher's signatures of bundle manifests with Ed25519 and SM2 keys,
// including tampered manifests and malformed signatures, which must verify as false and never throw.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-main/core/crypto/canonical-json.js';
import { generateKeyPair, parsePublicKeyPem } from '../../src-main/core/crypto/keys.js';
import type { SignatureAlgorithm } from '../../src-main/core/crypto/key-types.js';
import { ManifestSchema, signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { SignedManifest } from '../../src-main/core/snapshot/manifest.js';
import { PublishError } from '../../src-main/publisher/publish-error.js';
import { MAX_SIGNING_KEYS, hashAlgorithmFor, loadSigningKey, loadSigningKeys, signManifest } from '../../src-main/publisher/signing.js';

const SIGNED: SignedManifest = {
  type: 'minsheng-snapshot',
  specVersion: 2,
  version: 3,
  regionCode: '431226',
  regionName: '麻阳苗族自治县',
  createdAt: '2025-06-01T04:00:00.000Z',
  expiresAt: '2025-07-01T04:00:00.000Z',
  snapshotFormat: 2,
  hashAlgorithm: 'sm3',
  contentDigest: 'c'.repeat(64),
  payload: {
    path: 'snapshot-3.sqlite.gz',
    compression: 'gzip',
    length: 2000,
    digest: 'a'.repeat(64),
    sqliteLength: 40960,
    sqliteDigest: 'b'.repeat(64),
  },
};

const keyDir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-sign-'));
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

let keyCount = 0;
function writeKeyFile(content: string): string {
  keyCount += 1;
  const file = path.join(keyDir, `key-${keyCount}.pem`);
  writeFileSync(file, content);
  return file;
}

async function keyPairInFile(algorithm: SignatureAlgorithm) {
  const pair = generateKeyPair(algorithm);
  const file = writeKeyFile(pair.privateKeyPem);
  return { file, key: await loadSigningKey(file), publicKey: parsePublicKeyPem(pair.publicKeyPem) };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same bytes for any key order', () => {
    const reordered = Object.fromEntries(Object.entries(SIGNED).reverse());
    expect(Object.keys(reordered)[0]).toBe('payload');
    expect(canonicalJson(reordered)).toBe(canonicalJson(SIGNED));
  });

  it('drops undefined fields and keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('escapes Chinese text the same as JSON.stringify', () => {
    expect(canonicalJson({ name: '麻阳' })).toBe('{"name":"麻阳"}');
  });

  it('rejects non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });
});

describe('manifest signatures', () => {
  it('signs with an Ed25519 and an SM2 key', async () => {
    const ed25519 = await keyPairInFile('ed25519');
    const sm2 = await keyPairInFile('sm2');
    const manifest = signManifest(SIGNED, [ed25519.key, sm2.key]);
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.signatures.map((entry) => [entry.keyId, entry.algorithm])).toEqual([
      [ed25519.key.keyId, 'ed25519'],
      [sm2.key.keyId, 'sm2'],
    ]);
    expect(ed25519.publicKey.verify(signingBytes(manifest.signed), manifest.signatures[0]!.signature)).toBe(true);
    expect(sm2.publicKey.verify(signingBytes(manifest.signed), manifest.signatures[1]!.signature)).toBe(true);
  });

  it.each(['ed25519', 'sm2'] as const)('fails after a changed field (%s)', async (algorithm) => {
    const { key, publicKey } = await keyPairInFile(algorithm);
    const manifest = signManifest(SIGNED, [key]);
    const tampered = { ...manifest.signed, version: 4 };
    expect(publicKey.verify(signingBytes(tampered), manifest.signatures[0]!.signature)).toBe(false);
  });

  it.each(['ed25519', 'sm2'] as const)('fails after one flipped byte (%s)', async (algorithm) => {
    const { key, publicKey } = await keyPairInFile(algorithm);
    const manifest = signManifest(SIGNED, [key]);
    const bytes = signingBytes(manifest.signed);
    for (const index of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[index] = flipped[index]! ^ 0x01;
      expect(publicKey.verify(flipped, manifest.signatures[0]!.signature), `byte ${index}`).toBe(false);
    }
  });

  it('fails with another key', async () => {
    const { key } = await keyPairInFile('sm2');
    const other = await keyPairInFile('sm2');
    const manifest = signManifest(SIGNED, [key]);
    expect(other.publicKey.verify(signingBytes(manifest.signed), manifest.signatures[0]!.signature)).toBe(false);
  });

  it('returns false for malformed signatures', async () => {
    const { key, publicKey } = await keyPairInFile('ed25519');
    const signature = signManifest(SIGNED, [key]).signatures[0]!.signature;
    const message = signingBytes(SIGNED);
    const malformed = [
      signature.slice(0, 40),
      '',
      'not base64 at all!!',
      Buffer.alloc(64).toString('base64'),
      Buffer.alloc(65, 1).toString('base64'),
    ];
    for (const candidate of malformed) {
      expect(() => publicKey.verify(message, candidate)).not.toThrow();
      expect(publicKey.verify(message, candidate), candidate).toBe(false);
    }
  });
});

describe('hashAlgorithmFor', () => {
  it('picks SM3 when any key is SM2', async () => {
    const ed25519 = await keyPairInFile('ed25519');
    const sm2 = await keyPairInFile('sm2');
    expect(hashAlgorithmFor([ed25519.key])).toBe('sha256');
    expect(hashAlgorithmFor([sm2.key])).toBe('sm3');
    expect(hashAlgorithmFor([ed25519.key, sm2.key])).toBe('sm3');
  });
});

describe('loadSigningKey', () => {
  it.each([
    ['a missing file', null, 'keyUnreadable'],
    ['a public key', 'public', 'keyInvalid'],
    ['an RSA key', 'rsa', 'keyWrongType'],
    ['a NIST P-256 key', 'p256', 'keyWrongType'],
    ['an encrypted key', 'encrypted', 'keyEncrypted'],
    ['text that is not PEM', 'garbage', 'keyInvalid'],
  ])('rejects %s', async (_name, content, code) => {
    let file = path.join(keyDir, 'absent.key');
    if (content === 'public') file = writeKeyFile(generateKeyPair('sm2').publicKeyPem);
    if (content === 'garbage') file = writeKeyFile('hello');
    if (content === 'rsa') {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
      file = writeKeyFile(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    }
    if (content === 'p256') {
      const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      file = writeKeyFile(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    }
    if (content === 'encrypted') {
      const { privateKey } = generateKeyPairSync('ed25519', {
        privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      file = writeKeyFile(privateKey);
    }

    const error = await loadSigningKey(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).code).toBe(code);
    expect((error as PublishError).params.file).toBe(file);
  });
});

describe('loadSigningKeys', () => {
  it('loads keys of both algorithms in order', async () => {
    const ed25519 = await keyPairInFile('ed25519');
    const sm2 = await keyPairInFile('sm2');
    const keys = await loadSigningKeys([sm2.file, ed25519.file]);
    expect(keys.map((key) => key.algorithm)).toEqual(['sm2', 'ed25519']);
    expect(keys.map((key) => key.keyId)).toEqual([sm2.publicKey.keyId, ed25519.publicKey.keyId]);
  });

  it('rejects the same key twice, naming both files', async () => {
    const sm2 = await keyPairInFile('sm2');
    const copy = writeKeyFile(readFileSync(sm2.file, 'utf8'));
    const error = await loadSigningKeys([sm2.file, copy]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).code).toBe('keyDuplicate');
    expect((error as PublishError).params).toMatchObject({ file: copy, other: sm2.file, keyId: sm2.key.keyId });
  });

  it('rejects no keys and too many keys', async () => {
    const none = await loadSigningKeys([]).catch((caught: unknown) => caught);
    expect((none as PublishError).code).toBe('keyMissing');
    const { file } = await keyPairInFile('ed25519');
    const many = await loadSigningKeys(Array.from({ length: MAX_SIGNING_KEYS + 1 }, () => file)).catch((caught: unknown) => caught);
    expect((many as PublishError).code).toBe('tooManyKeys');
  });
});
