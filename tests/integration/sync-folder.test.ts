// `minsheng sync` from a local folder (a USB stick), and syncOnce called directly with a folder,
// both installing into a data folder.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { readSyncState } from '../../src-main/core/data-folder/state.js';
import { MANIFEST_FILE } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import type { TrustAnchor } from '../../src-main/core/trust/anchor.js';
import { runCli } from '../helpers/cli.js';
import { makeBundle, makeTestKeys, sha256OfFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
const stick = path.join(temp.dir, 'usb');
const dataDir = path.join(temp.dir, 'kiosk');
const trustFile = path.join(temp.dir, 'publisher.pub.pem');
let keys: TestKeys;
let v1: BuiltSnapshot;
let otherCounty: BuiltSnapshot;

function sync(name: string) {
  return runCli(['sync', '--source', path.join(stick, name), '--trust', trustFile, '--data-dir', dataDir]);
}

/** Returns the SHA-256 of the current snapshot file of a data folder, or null when none is installed. */
function currentDigest(folder: string): string | null {
  const pointer = pointerOrNull(folder, 'current');
  return pointer === null ? null : sha256OfFile(snapshotFileOf(folder, pointer));
}

function publisherTrust(publisher: TestKeys): TrustAnchor {
  return { kind: 'publisher-keys', keys: [publisher.publicKey] };
}

beforeAll(() => {
  keys = makeTestKeys();
  writeFileSync(trustFile, keys.publicKeyPem);
  v1 = makeBundle(path.join(stick, 'v1'), { version: 1, signWith: keys }).snapshot;
  makeBundle(path.join(stick, 'v2-tampered'), { version: 2, signWith: keys });
  makeBundle(path.join(stick, 'v2-oversize'), { version: 2, signWith: keys });
  makeBundle(path.join(stick, 'v3'), { version: 3, signWith: keys });
  otherCounty = makeBundle(path.join(stick, 'other-county-v1'), { version: 1, regionCode: '430122', regionName: '望城区', signWith: keys }).snapshot;

  const tamperedManifest = JSON.parse(readFileSync(path.join(stick, 'v2-tampered', MANIFEST_FILE), 'utf8')) as Manifest;
  const payload = path.join(stick, 'v2-tampered', tamperedManifest.signed.payload.path);
  const bytes = readFileSync(payload);
  bytes[100] = bytes[100]! ^ 0xff;
  writeFileSync(payload, bytes);

  const oversizeManifest = JSON.parse(readFileSync(path.join(stick, 'v2-oversize', MANIFEST_FILE), 'utf8')) as Manifest;
  appendFileSync(path.join(stick, 'v2-oversize', oversizeManifest.signed.payload.path), Buffer.alloc(10));
});

afterAll(() => temp.remove());

describe('sync from a folder', () => {
  it('installs the bundle', async () => {
    const result = await sync('v1');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 1.');
    expect(currentDigest(dataDir)).toBe(sha256OfFile(v1.file));
  });

  it('reports up to date the second time', async () => {
    const result = await sync('v1');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date');
  });

  it('rejects a flipped payload byte', async () => {
    const before = currentDigest(dataDir);
    const result = await sync('v2-tampered');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('payload does not match its signed digest');
    expect(currentDigest(dataDir)).toBe(before);
    expect(pointerOrNull(dataDir, 'current')?.version).toBe(1);
  });

  it('rejects a payload longer than signed', async () => {
    const before = currentDigest(dataDir);
    const result = await sync('v2-oversize');

    expect(result.code).toBe(1);
    // The copy stops past the signed length, so the size may be given as a lower bound.
    expect(result.stderr).toMatch(/payload has (more than |> )?\d+ bytes instead of the signed \d+/);
    expect(result.stderr).not.toContain('{{');
    expect(currentDigest(dataDir)).toBe(before);
  });

  it('fails with io for a missing folder', async () => {
    const result = await sync('no-such-folder');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Reading or writing a file failed');
    expect(result.stderr).toContain('no-such-folder');
  });
});

describe('sync source forms', () => {
  it('reads a file:// URL as a folder', async () => {
    const fileUrlDataDir = path.join(temp.dir, 'file-url');
    const source = pathToFileURL(path.join(stick, 'v1')).href;
    const result = await runCli(['sync', '--source', source, '--trust', trustFile, '--data-dir', fileUrlDataDir]);

    expect(result.code).toBe(0);
    expect(currentDigest(fileUrlDataDir)).toBe(sha256OfFile(v1.file));
  });

  it('refuses other schemes as a usage error', async () => {
    const result = await runCli(['sync', '--source', 'ftp://127.0.0.1/bundle/', '--trust', trustFile, '--data-dir', dataDir]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unsupported value "ftp://127.0.0.1/bundle/" for --source');
    expect(result.stderr).toContain('http:// or https://');
  });

  it('fails syncOnce for another scheme without reading a folder', async () => {
    const unusedDataDir = path.join(temp.dir, 'smb');
    const outcome = await syncOnce({ source: 'smb://server/share', trust: publisherTrust(keys), dataDir: unusedDataDir });

    expect(outcome).toMatchObject({ status: 'failed', reason: 'io' });
    expect(pointerOrNull(unusedDataDir, 'current')).toBeNull();
  });
});

describe('sync to another county', () => {
  // Versions are numbered per county, so version 1 of the new county is not a rollback.
  const movedDataDir = path.join(temp.dir, 'moved');

  function syncMoved(name: string, extra: string[] = []) {
    return runCli(['sync', '--source', path.join(stick, name), '--trust', trustFile, '--data-dir', movedDataDir, ...extra]);
  }

  it('replaces a newer snapshot of the old county when --region names the new one', async () => {
    expect((await syncMoved('v3')).code).toBe(0);
    const result = await syncMoved('other-county-v1', ['--region', '430122']);

    expect(result.stderr).not.toContain('older than');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 1 (replacing version 3).');
    expect(currentDigest(movedDataDir)).toBe(sha256OfFile(otherCounty.file));
  });

  it('keeps trusting the old county version', () => {
    // Versions are trusted per county, so returning to the old county cannot roll it back.
    expect(readSyncState(movedDataDir).state.trustedVersions).toEqual({ '430121': 3, '430122': 1 });
  });

  it('compares versions again within the new county', async () => {
    const result = await syncMoved('other-county-v1', ['--region', '430122']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date: version 1 is installed.');
  });

  it('keeps the installed county without --region', async () => {
    const before = currentDigest(movedDataDir);
    const result = await syncMoved('v3');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('for region 430121, but this terminal serves region 430122');
    expect(result.stderr).toContain('run sync with --region 430121');
    expect(currentDigest(movedDataDir)).toBe(before);
  });

  it('rejects an older version of the old county on return', async () => {
    const before = currentDigest(movedDataDir);
    const result = await syncMoved('v1', ['--region', '430121']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('version 1, older than version 3 this terminal already trusts');
    expect(currentDigest(movedDataDir)).toBe(before);
  });
});

describe('syncOnce with a folder', () => {
  it('returns structured outcomes', async () => {
    const directDataDir = path.join(temp.dir, 'direct');
    const options = { source: path.join(stick, 'v1'), trust: publisherTrust(keys), dataDir: directDataDir };

    expect(await syncOnce(options)).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
    expect(await syncOnce(options)).toEqual({ status: 'up-to-date', version: 1 });

    const tampered = await syncOnce({ ...options, source: path.join(stick, 'v2-tampered') });
    expect(tampered).toMatchObject({ status: 'rejected', reason: 'hash-mismatch' });

    const wrongTrust = await syncOnce({ ...options, trust: publisherTrust(makeTestKeys()) });
    expect(wrongTrust).toMatchObject({ status: 'rejected', reason: 'unknown-key' });

    const missing = await syncOnce({ ...options, source: path.join(stick, 'no-such-folder') });
    expect(missing).toMatchObject({ status: 'failed', reason: 'io' });
  });

  it('rejects a bundle for another region than expected', async () => {
    const regionDataDir = path.join(temp.dir, 'direct-region');
    const outcome = await syncOnce({
      source: path.join(stick, 'v1'),
      trust: publisherTrust(keys),
      dataDir: regionDataDir,
      expectedRegion: '430122',
    });

    expect(outcome).toEqual({ status: 'rejected', reason: 'wrong-region', details: { expected: '430122', actual: '430121' } });
    expect(pointerOrNull(regionDataDir, 'current')).toBeNull();
    expect(readSyncState(regionDataDir).state.trustedVersions).toEqual({});
  });

  it('rejects a bundle that expired by the given clock', async () => {
    const outcome = await syncOnce({
      source: path.join(stick, 'v1'),
      trust: publisherTrust(keys),
      dataDir: path.join(temp.dir, 'direct-expired'),
      now: new Date(Date.now() + 365 * 86_400_000),
    });

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'expired' });
    expect(pointerOrNull(path.join(temp.dir, 'direct-expired'), 'current')).toBeNull();
  });
});
