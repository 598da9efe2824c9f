// Canonical JSON and Ed25519 signatures of bundle manifests, including tampered manifests and
// malformed signatures, which must verify as false and never throw.
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-main/core/crypto/canonical-json.js';
import { generateEd25519KeyPair, parseEd25519PublicKey, verifyEd25519 } from '../../src-main/core/crypto/ed25519.js';
import { ManifestSchema, signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { SignedManifest } from '../../src-main/core/snapshot/manifest.js';
import { PublishError } from '../../src-main/publisher/publish-error.js';
import { loadSigningKey, signManifest } from '../../src-main/publisher/signing.js';

const SIGNED: SignedManifest = {
  type: 'minsheng-snapshot',
  specVersion: 1,
  version: 3,
  regionCode: '431226',
  regionName: '麻阳苗族自治县',
  createdAt: '2025-06-01T04:00:00.000Z',
  expiresAt: '2025-07-01T04:00:00.000Z',
  snapshotFormat: 1,
  payload: {
    path: 'snapshot-3.sqlite.gz',
    compression: 'gzip',
    length: 2000,
    sha256: 'a'.repeat(64),
    sqliteLength: 40960,
    sqliteSha256: 'b'.repeat(64),
  },
};

async function keyPairInFiles() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-sign-'));
  const pair = generateEd25519KeyPair();
  const keyFile = path.join(dir, 'publisher.key');
  writeFileSync(keyFile, pair.privateKeyPem);
  const key = await loadSigningKey(keyFile);
  rmSync(dir, { recursive: true, force: true });
  return { key, publicKey: parseEd25519PublicKey(pair.publicKeyPem) };
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
  it('verifies a signed manifest', async () => {
    const { key, publicKey } = await keyPairInFiles();
    const manifest = signManifest(SIGNED, key);
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.signatures[0]!.keyId).toBe(key.keyId);
    expect(verifyEd25519(publicKey, signingBytes(manifest.signed), manifest.signatures[0]!.signature)).toBe(true);
  });

  it('fails after a changed field', async () => {
    const { key, publicKey } = await keyPairInFiles();
    const manifest = signManifest(SIGNED, key);
    const tampered = { ...manifest.signed, version: 4 };
    expect(verifyEd25519(publicKey, signingBytes(tampered), manifest.signatures[0]!.signature)).toBe(false);
  });

  it('fails after one flipped byte', async () => {
    const { key, publicKey } = await keyPairInFiles();
    const manifest = signManifest(SIGNED, key);
    const bytes = signingBytes(manifest.signed);
    for (const index of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[index] = flipped[index]! ^ 0x01;
      expect(verifyEd25519(publicKey, flipped, manifest.signatures[0]!.signature), `byte ${index}`).toBe(false);
    }
  });

  it('fails with another key', async () => {
    const { key } = await keyPairInFiles();
    const other = await keyPairInFiles();
    const manifest = signManifest(SIGNED, key);
    expect(verifyEd25519(other.publicKey, signingBytes(manifest.signed), manifest.signatures[0]!.signature)).toBe(false);
  });

  it('returns false for malformed signatures', async () => {
    const { key, publicKey } = await keyPairInFiles();
    const signature = signManifest(SIGNED, key).signatures[0]!.signature;
    const message = signingBytes(SIGNED);
    const malformed = [
      signature.slice(0, 40),
      '',
      'not base64 at all!!',
      Buffer.alloc(64).toString('base64'),
      Buffer.alloc(65, 1).toString('base64'),
    ];
    for (const candidate of malformed) {
      expect(() => verifyEd25519(publicKey, message, candidate)).not.toThrow();
      expect(verifyEd25519(publicKey, message, candidate), candidate).toBe(false);
    }
  });

  it('derives the key id from the public key', async () => {
    const { key } = await keyPairInFiles();
    expect(key.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(createPublicKey(key.privateKey).asymmetricKeyType).toBe('ed25519');
  });
});

describe('loadSigningKey', () => {
  it.each([
    ['a missing file', null, 'keyUnreadable'],
    ['a public key', 'public', 'keyInvalid'],
    ['an RSA key', 'rsa', 'keyWrongType'],
    ['text that is not PEM', 'garbage', 'keyInvalid'],
  ])('rejects %s', async (_name, content, code) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'minsheng-key-'));
    const file = path.join(dir, 'publisher.key');
    try {
      if (content === 'public') writeFileSync(file, generateEd25519KeyPair().publicKeyPem);
      if (content === 'garbage') writeFileSync(file, 'hello');
      if (content === 'rsa') {
        const { generateKeyPairSync } = await import('node:crypto');
        const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
        writeFileSync(file, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      }
      const error = await loadSigningKey(file).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).code).toBe(code);
      expect((error as PublishError).params.file).toBe(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
