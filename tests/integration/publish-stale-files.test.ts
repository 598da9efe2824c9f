// Files that an earlier publish, or a person, left in the output folder: root metadata that --roots
// does not contain, root metadata that terminals would reject, and payloads without a manifest.
// Runs real `minsheng` processes, so it needs `npm run build:main` first.
import { cpSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOfPublicKey, parsePrivateKeyPem } from '../../src-main/core/crypto/keys.js';
import { ManifestSchema, signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { RootMetadata } from '../../src-main/core/trust/root-schema.js';
import { runCli } from '../helpers/cli.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-publish-stale-');
afterAll(() => temp.remove());

const DAY_MS = 86_400_000;
type KeyPairPem = ReturnType<typeof generateKeyPair>;
const rootKey = generateKeyPair('ed25519');
const otherRootKey = generateKeyPair('ed25519');
const publisher = generateKeyPair('ed25519');
const publisherFile = path.join(temp.dir, 'publisher.key');
const dataDir = path.join(temp.dir, 'data');

beforeAll(() => {
  writeFileSync(publisherFile, publisher.privateKeyPem, { mode: 0o600 });
  writeSampleDataset(dataDir);
});

interface RootOptions {
  /** The root key that version lists; rootKey unless given. */
  listed?: KeyPairPem;
  /** The keys that sign it; the listed key unless given. */
  signers?: KeyPairPem[];
  expiresAt?: string;
  counties?: string[];
}

/** Root metadata of `version` with one root key, threshold 1, and the publisher key for the counties. */
function rootMetadata(version: number, options: RootOptions = {}): RootMetadata {
  const listed = options.listed ?? rootKey;
  const listedId = keyIdOfPublicKey(listed.publicKeyPem);
  const publisherId = keyIdOfPublicKey(publisher.publicKeyPem);
  const counties = options.counties ?? ['431226'];
  const signed: RootMetadata['signed'] = {
    type: 'minsheng-root',
    specVersion: 1,
    version,
    createdAt: new Date(Date.now() - DAY_MS).toISOString(),
    expiresAt: options.expiresAt ?? new Date(Date.now() + 365 * DAY_MS).toISOString(),
    keys: {
      [listedId]: { algorithm: 'ed25519', publicKeyPem: listed.publicKeyPem },
      [publisherId]: { algorithm: 'ed25519', publicKeyPem: publisher.publicKeyPem },
    },
    root: { keyIds: [listedId], threshold: 1 },
    publishers: Object.fromEntries(counties.map((county) => [county, { keyIds: [publisherId], threshold: 1 }])),
  };
  const signatures = (options.signers ?? [listed]).map((pair) => ({
    keyId: keyIdOfPublicKey(pair.publicKeyPem),
    algorithm: 'ed25519' as const,
    signature: parsePrivateKeyPem(pair.privateKeyPem).sign(signingBytes(signed)),
  }));
  return { signed, signatures };
}

function writeRoots(dir: string, roots: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(roots)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function publishInto(outDir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return runCli(['publish', '--data', dataDir, '--key', publisherFile, '--out', outDir, ...extra], { env });
}

function versionIn(outDir: string): number {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'))).signed.version;
}

/** Reads every file of `dir` as base64, to show that a rejected run changed nothing. */
function contentsOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name)).toString('base64')]));
}

describe('publish --roots over older root files', () => {
  it('removes root versions that --roots lacks', async () => {
    const earlier = writeRoots(path.join(temp.dir, 'earlier-roots'), { '1.root.json': rootMetadata(1), '2.root.json': rootMetadata(2), '3.root.json': rootMetadata(3) });
    const current = writeRoots(path.join(temp.dir, 'current-roots'), { '1.root.json': rootMetadata(1), '2.root.json': rootMetadata(2) });
    const outDir = path.join(temp.dir, 'shrunk');
    expect((await publishInto(outDir, ['--roots', earlier])).code).toBe(0);

    const result = await publishInto(outDir, ['--roots', current]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Root metadata copied: 1.root.json, 2.root.json');
    expect(result.stdout).toContain('Removed from the output folder: 3.root.json');
    expect(readdirSync(outDir).filter((name) => name.endsWith('.root.json')).sort()).toEqual(['1.root.json', '2.root.json']);
    for (const name of ['1.root.json', '2.root.json']) {
      expect(readFileSync(path.join(outDir, name)).equals(readFileSync(path.join(current, name)))).toBe(true);
    }
    expect(versionIn(outDir)).toBe(2);
  });

  it('replaces a root of another chain', async () => {
    // Version 2 of another chain is signed only by its own root key. Terminals that trust
    // rootKey reject it, so a bundle that still carried it would be rejected everywhere.
    const foreign = writeRoots(path.join(temp.dir, 'foreign-roots'), {
      '1.root.json': rootMetadata(1),
      '2.root.json': rootMetadata(2, { listed: otherRootKey }),
    });
    const current = writeRoots(path.join(temp.dir, 'one-root'), { '1.root.json': rootMetadata(1) });
    const outDir = path.join(temp.dir, 'foreign');
    mkdirSync(outDir);
    cpSync(foreign, outDir, { recursive: true });

    const result = await publishInto(outDir, ['--roots', current]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Removed from the output folder: 2.root.json');
    const verify = await runCli(['verify', outDir, '--trust', path.join(current, '1.root.json')]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('reports a stale root it cannot remove', async () => {
    const current = writeRoots(path.join(temp.dir, 'roots-for-blocked'), { '1.root.json': rootMetadata(1) });
    const outDir = path.join(temp.dir, 'blocked');
    // A folder under a root file name cannot be removed without deleting what it contains.
    mkdirSync(path.join(outDir, '2.root.json'), { recursive: true });
    writeFileSync(path.join(outDir, '2.root.json', 'keep.txt'), 'not ours to delete');

    const result = await publishInto(outDir, ['--roots', current]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Version 1 was published into ${outDir}, but the root metadata 2.root.json, which --roots does not contain, could not be removed`);
    expect(result.stderr).toContain(`Delete 2.root.json from ${outDir} now.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(versionIn(outDir)).toBe(1);
    expect(readdirSync(outDir)).toContain('snapshot-1.sqlite.gz');
    expect(readFileSync(path.join(outDir, '2.root.json', 'keep.txt'), 'utf8')).toBe('not ours to delete');
  });
});

describe('publish without --roots', () => {
  it('keeps a sound root chain of the output folder', async () => {
    const outDir = writeRoots(path.join(temp.dir, 'kept'), { '1.root.json': rootMetadata(1), '2.root.json': rootMetadata(2) });
    const before = contentsOf(outDir);

    const first = await publishInto(outDir);
    const second = await publishInto(outDir);

    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(versionIn(outDir)).toBe(2);
    for (const name of ['1.root.json', '2.root.json']) expect(contentsOf(outDir)[name]).toBe(before[name]);
    const verify = await runCli(['verify', outDir, '--trust', path.join(outDir, '1.root.json')]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it.each([
    [
      'a root signed by the wrong keys',
      { '1.root.json': rootMetadata(1), '2.root.json': rootMetadata(2, { listed: otherRootKey }) },
      '2.root.json, already in the output folder, is not signed as terminals require (0 of 1 previous root signatures)',
    ],
    [
      'an unsigned first root',
      { '1.root.json': rootMetadata(1, { signers: [] }) },
      '1.root.json, already in the output folder, is not signed as terminals require',
    ],
    [
      'an expired newest root',
      { '1.root.json': rootMetadata(1), '2.root.json': rootMetadata(2, { expiresAt: new Date(Date.now() - DAY_MS).toISOString() }) },
      '2.root.json in the output folder expired at',
    ],
    [
      'a newest root without the county',
      { '1.root.json': rootMetadata(1), '2.root.json': rootMetadata(2, { counties: ['430621'] }) },
      '2.root.json in the output folder names no publisher keys for county 431226',
    ],
    ['a gap in the versions', { '1.root.json': rootMetadata(1), '3.root.json': rootMetadata(3) }, 'is incomplete, because 2.root.json is missing but 3.root.json exists'],
    ['a root that is not JSON', { '1.root.json': rootMetadata(1), '2.root.json': '{"signed":' }, '2.root.json in the output folder is invalid ('],
  ])('rejects %s in the folder and changes nothing', async (_name, roots, message) => {
    const outDir = path.join(temp.dir, `rejected-${message.length}`);
    const rootsDir = writeRoots(path.join(temp.dir, `good-roots-${message.length}`), { '1.root.json': rootMetadata(1) });
    expect((await publishInto(outDir, ['--roots', rootsDir])).code).toBe(0);
    writeRoots(outDir, roots);
    const before = contentsOf(outDir);

    const result = await publishInto(outDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/publish with --roots and the province's (current )?root folder/i);
    expect(contentsOf(outDir)).toEqual(before);
  });

  it('rejects a bad root in Chinese too', async () => {
    const outDir = writeRoots(path.join(temp.dir, 'rejected-zh'), { '1.root.json': rootMetadata(1, { signers: [] }) });

    const result = await publishInto(outDir, [], { MINSHENG_LANG: 'zh-CN' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`输出目录中已有的根元数据 ${path.join(outDir, '1.root.json')} 的签名不符合终端的要求`);
    expect(result.stderr).toContain('请用 --roots 指定省里当前的根元数据目录重新发布');
    expect(readdirSync(outDir)).toEqual(['1.root.json']);
  });
});

describe('publish into a folder without manifest.json', () => {
  /** Publishes versions 1 and 2 into a new folder, then moves its manifest out of it. */
  async function folderWithoutManifest(name: string): Promise<string> {
    const outDir = path.join(temp.dir, name);
    expect((await publishInto(outDir)).code).toBe(0);
    const second = await publishInto(outDir);
    expect(second.code, second.stderr).toBe(0);
    renameSync(path.join(outDir, 'manifest.json'), path.join(temp.dir, `${name}-manifest.json`));
    return outDir;
  }

  it('rejects payloads without a manifest and changes nothing', async () => {
    const outDir = await folderWithoutManifest('moved');
    expect(readdirSync(outDir).sort()).toEqual(['delta-1-2.sqlite.gz', 'snapshot-1.sqlite.gz', 'snapshot-2.sqlite.gz']);
    const before = contentsOf(outDir);

    const result = await publishInto(outDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The output folder ${outDir} has no manifest.json, but it contains bundle files up to version 2 (snapshot-2.sqlite.gz).`);
    expect(result.stderr).toContain(`Put the manifest.json of version 2 back into ${outDir}, or, if no terminal has installed any of these versions, publish into an empty folder.`);
    expect(result.stderr).not.toContain('Validating');
    expect(contentsOf(outDir)).toEqual(before);
  });

  it('rejects payloads without a manifest in Chinese', async () => {
    const outDir = await folderWithoutManifest('moved-zh');

    const result = await publishInto(outDir, [], { MINSHENG_LANG: 'zh-CN' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`输出目录 ${outDir} 中没有 manifest.json，但有直到版本 2 的数据包文件（snapshot-2.sqlite.gz）。`);
    expect(result.stderr).toContain('请把版本 2 的 manifest.json 放回');
  });

  it('names the version a lone delta leads to', async () => {
    const outDir = path.join(temp.dir, 'lone-delta');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'delta-6-7.sqlite.gz'), 'delta bytes');
    writeFileSync(path.join(outDir, 'snapshot-6.sqlite.gz'), 'payload bytes');

    const result = await publishInto(outDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('up to version 7 (delta-6-7.sqlite.gz)');
    expect(readdirSync(outDir).sort()).toEqual(['delta-6-7.sqlite.gz', 'snapshot-6.sqlite.gz']);
  });

  it('continues once the manifest is back', async () => {
    const outDir = await folderWithoutManifest('restored');
    expect((await publishInto(outDir)).code).toBe(1);
    renameSync(path.join(temp.dir, 'restored-manifest.json'), path.join(outDir, 'manifest.json'));

    const result = await publishInto(outDir);

    expect(result.code, result.stderr).toBe(0);
    expect(versionIn(outDir)).toBe(3);
  });

  it('starts at version 1 when only other files are there', async () => {
    const outDir = path.join(temp.dir, 'other-files');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'README.txt'), 'served by nginx');
    writeFileSync(path.join(outDir, 'snapshot-2.sqlite'), 'not a bundle payload name');

    const result = await publishInto(outDir);

    expect(result.code, result.stderr).toBe(0);
    expect(versionIn(outDir)).toBe(1);
    expect(readdirSync(outDir).sort()).toEqual(['README.txt', 'manifest.json', 'snapshot-1.sqlite.gz', 'snapshot-2.sqlite']);
    rmSync(outDir, { recursive: true });
  });
});
