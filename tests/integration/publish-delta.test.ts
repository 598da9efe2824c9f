// Publishing again into the same folder. Covers the delta from the previous version: its size for
// a 1% change, and the full snapshot's content digest once applied. Also covers threshold signing
// with an SM2 and an Ed25519 key, the root chain copied with --roots, and the removal of old files.
// Runs real `minsheng` processes, so it needs `npm run build:main` first.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBytes } from '../../src-main/core/crypto/hash.js';
import type { HashAlgorithm } from '../../src-main/core/crypto/hash-types.js';
import { generateKeyPair, keyIdOfPublicKey, parsePrivateKeyPem, parsePublicKeyPem } from '../../src-main/core/crypto/keys.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { ManifestSchema, signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { applyDelta } from '../../src-main/core/sync/apply-delta.js';
import type { RootMetadata } from '../../src-main/core/trust/root-schema.js';
import { runCli } from '../helpers/cli.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-publish-delta-');
afterAll(() => temp.remove());

const ed25519 = generateKeyPair('ed25519');
const sm2 = generateKeyPair('sm2');
const ed25519File = path.join(temp.dir, 'ed25519.key');
const sm2File = path.join(temp.dir, 'sm2.key');
const sampleDir = path.join(temp.dir, 'sample');

beforeAll(() => {
  writeFileSync(ed25519File, ed25519.privateKeyPem, { mode: 0o600 });
  writeFileSync(sm2File, sm2.privateKeyPem, { mode: 0o600 });
  writeSampleDataset(sampleDir);
});

function readManifest(dir: string): Manifest {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}

/** Writes the gunzipped bytes of a bundle file into the temporary folder and returns the path. */
function expand(dir: string, name: string, as: string): string {
  const file = path.join(temp.dir, as);
  writeFileSync(file, gunzipSync(readFileSync(path.join(dir, name))));
  return file;
}

function digestOf(file: string, algorithm: HashAlgorithm): string {
  const db = new Database(file, { readonly: true });
  try {
    return contentDigest(db, algorithm);
  } finally {
    db.close();
  }
}

function publishInto(outDir: string, dataDir: string, extra: string[]) {
  return runCli(['publish', '--data', dataDir, '--out', outDir, ...extra], { timeoutMs: 300_000 });
}

describe('delta for a 1% change', () => {
  const dataDir = path.join(temp.dir, 'demo');
  const outDir = path.join(temp.dir, 'demo-bundle');

  it('costs at most 5% of the full payload and rebuilds the same rows', async () => {
    // Payments only: board rows would enlarge the full payload and flatter the ratio.
    const generated = await runCli(['demo-data', '--county', '431226', '--households', '2000', '--seed', '7', '--boards', 'none', '--out', dataDir]);
    expect(generated.code, generated.stderr).toBe(0);
    const first = await publishInto(outDir, dataDir, ['--key', ed25519File]);
    expect(first.code, first.stderr).toBe(0);
    const firstManifest = readManifest(outDir);

    // Change the amount of every 100th payment row: 1% of the rows.
    const paymentsFile = path.join(dataDir, 'payments.csv');
    const lines = readFileSync(paymentsFile, 'utf8').split('\n');
    let changed = 0;
    for (let index = 1; index < lines.length; index += 100) {
      if (lines[index] === '') continue;
      const cells = lines[index]!.split(',');
      cells[3] = (Number(cells[3]) + 1).toFixed(2);
      lines[index] = cells.join(',');
      changed += 1;
    }
    writeFileSync(paymentsFile, lines.join('\n'));
    const paymentRows = lines.filter((line) => line !== '').length - 1;
    expect(changed).toBeGreaterThanOrEqual(Math.floor(paymentRows / 100));

    const second = await publishInto(outDir, dataDir, ['--key', ed25519File]);
    expect(second.code, second.stderr).toBe(0);
    const manifest = readManifest(outDir);
    const delta = manifest.signed.delta!;
    expect(delta).toBeDefined();
    const fullBytes = manifest.signed.payload.length;
    console.log(`1% change of ${paymentRows} payment rows (${changed} changed): delta ${delta.length} bytes, full payload ${fullBytes} bytes (${((100 * delta.length) / fullBytes).toFixed(2)}%)`);
    expect(delta.length).toBeLessThanOrEqual(0.05 * fullBytes);
    expect(delta.path).toBe('delta-1-2.sqlite.gz');
    expect(delta.baseVersion).toBe(1);
    expect(delta.baseContentDigest).toBe(firstManifest.signed.contentDigest);

    // The signed lengths and digests match the files.
    const deltaGz = readFileSync(path.join(outDir, delta.path));
    expect(deltaGz.length).toBe(delta.length);
    expect(hashBytes('sha256', deltaGz)).toBe(delta.digest);
    expect(hashBytes('sha256', gunzipSync(deltaGz))).toBe(delta.sqliteDigest);

    // What a kiosk on version 1 does: apply the delta to a copy and compare the content digest.
    const target = expand(outDir, firstManifest.signed.payload.path, 'kiosk-copy.sqlite');
    expect(digestOf(target, 'sha256')).toBe(delta.baseContentDigest);
    applyDelta(target, expand(outDir, delta.path, 'delta.sqlite'));
    expect(digestOf(target, 'sha256')).toBe(manifest.signed.contentDigest);
    const full = expand(outDir, manifest.signed.payload.path, 'full.sqlite');
    expect(digestOf(full, 'sha256')).toBe(manifest.signed.contentDigest);
  }, 600_000);
});

describe('publish with two keys', () => {
  const outDir = path.join(temp.dir, 'threshold');

  it('signs with both and hashes with SM3', async () => {
    const result = await publishInto(outDir, sampleDir, ['--key', sm2File, '--key', ed25519File]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Digest algorithm: SM3');
    expect(result.stdout).toContain(`Signing key ID: ${keyIdOfPublicKey(sm2.publicKeyPem)} (SM2)`);
    expect(result.stdout).toContain(`Signing key ID: ${keyIdOfPublicKey(ed25519.publicKeyPem)} (Ed25519)`);

    const manifest = readManifest(outDir);
    expect(manifest.signed.hashAlgorithm).toBe('sm3');
    expect(manifest.signatures.map((entry) => entry.algorithm)).toEqual(['sm2', 'ed25519']);
    for (const [index, pem] of [sm2.publicKeyPem, ed25519.publicKeyPem].entries()) {
      const publicKey = parsePublicKeyPem(pem);
      expect(manifest.signatures[index]!.keyId).toBe(publicKey.keyId);
      expect(publicKey.verify(signingBytes(manifest.signed), manifest.signatures[index]!.signature)).toBe(true);
    }

    const gz = readFileSync(path.join(outDir, manifest.signed.payload.path));
    expect(manifest.signed.payload.digest).toBe(hashBytes('sm3', gz));
    expect(manifest.signed.payload.sqliteDigest).toBe(hashBytes('sm3', gunzipSync(gz)));
    const snapshot = expand(outDir, manifest.signed.payload.path, 'sm3.sqlite');
    expect(manifest.signed.contentDigest).toBe(digestOf(snapshot, 'sm3'));
  });

  it('computes the delta base digest in SM3 after a switch from SHA-256', async () => {
    const switchDir = path.join(temp.dir, 'switch');
    expect((await publishInto(switchDir, sampleDir, ['--key', ed25519File])).code).toBe(0);
    const base = expand(switchDir, 'snapshot-1.sqlite.gz', 'switch-base.sqlite');
    const result = await publishInto(switchDir, sampleDir, ['--key', sm2File]);
    expect(result.code, result.stderr).toBe(0);
    expect(readManifest(switchDir).signed.delta?.baseContentDigest).toBe(digestOf(base, 'sm3'));
  });

  it('rejects the same key twice and writes nothing', async () => {
    const copy = path.join(temp.dir, 'sm2-copy.key');
    copyFileSync(sm2File, copy);
    const never = path.join(temp.dir, 'duplicate');
    const result = await publishInto(never, sampleDir, ['--key', sm2File, '--key', copy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${copy} holds the same key (ID ${keyIdOfPublicKey(sm2.publicKeyPem)}) as ${sm2File}`);
    expect(readdirSync(temp.dir)).not.toContain('duplicate');
  });
});

/**
 * Root metadata of `version` naming the SM2 key as root and as publisher of county 431226, signed
 * by it, so that publish accepts the chain as terminals would.
 */
function rootMetadata(version: number): RootMetadata {
  const keyId = keyIdOfPublicKey(sm2.publicKeyPem);
  const signed: RootMetadata['signed'] = {
    type: 'minsheng-root',
    specVersion: 1,
    version,
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    keys: { [keyId]: { algorithm: 'sm2', publicKeyPem: sm2.publicKeyPem } },
    root: { keyIds: [keyId], threshold: 1 },
    publishers: { '431226': { keyIds: [keyId], threshold: 1 } },
  };
  const signature = parsePrivateKeyPem(sm2.privateKeyPem).sign(signingBytes(signed));
  return { signed, signatures: [{ keyId, algorithm: 'sm2', signature }] };
}

describe('publish --roots', () => {
  it('copies the chain byte for byte before the manifest', async () => {
    const rootsDir = path.join(temp.dir, 'roots');
    mkdirSync(rootsDir);
    for (const version of [1, 2]) writeFileSync(path.join(rootsDir, `${version}.root.json`), JSON.stringify(rootMetadata(version)));
    writeFileSync(path.join(rootsDir, 'notes.txt'), 'not a root file');
    const outDir = path.join(temp.dir, 'with-roots');

    const result = await publishInto(outDir, sampleDir, ['--key', sm2File, '--roots', rootsDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Root metadata copied: 1.root.json, 2.root.json');
    expect(readdirSync(outDir).sort()).toEqual(['1.root.json', '2.root.json', 'manifest.json', 'snapshot-1.sqlite.gz']);
    for (const name of ['1.root.json', '2.root.json']) {
      expect(readFileSync(path.join(outDir, name)).equals(readFileSync(path.join(rootsDir, name)))).toBe(true);
    }
  });

  it.each([
    ['a gap in the versions', { '1.root.json': rootMetadata(1), '3.root.json': rootMetadata(3) }, '2.root.json is missing, but 3.root.json exists'],
    ['a file of another version', { '1.root.json': rootMetadata(2) }, 'it contains version 2'],
    ['a file off the schema', { '1.root.json': { signed: {}, signatures: [] } }, 'is invalid (signed.type'],
    ['no root file', {}, 'holds no root metadata file'],
  ])('rejects %s and writes nothing', async (_name, files, message) => {
    const rootsDir = path.join(temp.dir, `bad-roots-${Object.keys(files).join('-') || 'empty'}-${message.length}`);
    mkdirSync(rootsDir);
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(rootsDir, name), JSON.stringify(content));
    const outDir = path.join(temp.dir, `never-${path.basename(rootsDir)}`);

    const result = await publishInto(outDir, sampleDir, ['--key', sm2File, '--roots', rootsDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(readdirSync(temp.dir)).not.toContain(path.basename(outDir));
  });
});

describe('publish folder tidying', () => {
  it('keeps --keep payloads and the previous manifest\'s files', async () => {
    const outDir = path.join(temp.dir, 'tidy');
    for (let run = 0; run < 3; run += 1) expect((await publishInto(outDir, sampleDir, ['--key', ed25519File, '--keep', '2'])).code).toBe(0);
    const fourth = await publishInto(outDir, sampleDir, ['--key', ed25519File, '--keep', '2']);
    expect(fourth.code, fourth.stderr).toBe(0);
    expect(fourth.stdout).toMatch(/Removed from the output folder: (delta-1-2\.sqlite\.gz, snapshot-2\.sqlite\.gz|snapshot-2\.sqlite\.gz, delta-1-2\.sqlite\.gz)\n/);
    // delta-2-3 stays until the next publish, for a terminal that read manifest 3 just before.
    expect(readdirSync(outDir).sort()).toEqual(['delta-2-3.sqlite.gz', 'delta-3-4.sqlite.gz', 'manifest.json', 'snapshot-3.sqlite.gz', 'snapshot-4.sqlite.gz']);
  });

  it('signs deltas from every kept version', async () => {
    const outDir = path.join(temp.dir, 'keep-default');
    for (let run = 0; run < 4; run += 1) expect((await publishInto(outDir, sampleDir, ['--key', ed25519File])).code).toBe(0);
    const manifest = readManifest(outDir);
    const older = manifest.olderDeltas!;

    expect(manifest.signed.delta?.baseVersion).toBe(3);
    expect(older.signed.deltas.map((entry) => entry.baseVersion)).toEqual([2, 1]);
    expect(older.signed.version).toBe(4);
    expect(older.signed.contentDigest).toBe(manifest.signed.contentDigest);
    const publicKey = parsePublicKeyPem(ed25519.publicKeyPem);
    expect(publicKey.verify(signingBytes(older.signed), older.signatures[0]!.signature)).toBe(true);
    expect(readdirSync(outDir).filter((name) => name.startsWith('snapshot-')).sort()).toHaveLength(4);
  });

  it('rejects --keep 0 and 33', async () => {
    for (const value of ['0', '33']) {
      const result = await publishInto(path.join(temp.dir, `keep-${value}`), sampleDir, ['--key', ed25519File, '--keep', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--keep');
    }
  });
});
