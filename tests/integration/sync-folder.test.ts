// `minsheng sync` from a local folder (a USB stick), and syncOnce called directly with a folder.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { runCli } from '../helpers/cli.js';
import { makeBundle, makeTestKeys, sha256OfFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
const stick = path.join(temp.dir, 'usb');
const dbFile = path.join(temp.dir, 'kiosk', 'snapshot.sqlite');
const trustFile = path.join(temp.dir, 'publisher.pub.pem');
let keys: TestKeys;
let v1: BuiltSnapshot;
let otherCounty: BuiltSnapshot;

function sync(name: string) {
  return runCli(['sync', '--source', path.join(stick, name), '--trust', trustFile, '--db', dbFile]);
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
    expect(sha256OfFile(dbFile)).toBe(sha256OfFile(v1.file));
  });

  it('reports up to date the second time', async () => {
    const result = await sync('v1');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date');
  });

  it('rejects a flipped payload byte', async () => {
    const before = sha256OfFile(dbFile);
    const result = await sync('v2-tampered');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('payload does not match its signed SHA-256');
    expect(sha256OfFile(dbFile)).toBe(before);
  });

  it('rejects a payload longer than signed', async () => {
    const before = sha256OfFile(dbFile);
    const result = await sync('v2-oversize');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/payload has > \d+ bytes instead of the signed \d+/);
    expect(sha256OfFile(dbFile)).toBe(before);
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
    const fileUrlDb = path.join(temp.dir, 'file-url', 'snapshot.sqlite');
    const source = pathToFileURL(path.join(stick, 'v1')).href;
    const result = await runCli(['sync', '--source', source, '--trust', trustFile, '--db', fileUrlDb]);

    expect(result.code).toBe(0);
    expect(sha256OfFile(fileUrlDb)).toBe(sha256OfFile(v1.file));
  });

  it('refuses other schemes as a usage error', async () => {
    const result = await runCli(['sync', '--source', 'ftp://127.0.0.1/bundle/', '--trust', trustFile, '--db', dbFile]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unsupported value "ftp://127.0.0.1/bundle/" for --source');
    expect(result.stderr).toContain('http:// or https://');
  });

  it('fails syncOnce for another scheme without reading a folder', async () => {
    const outcome = await syncOnce({ source: 'smb://server/share', trustedKeys: [keys.publicKey], dbFile });

    expect(outcome).toMatchObject({ status: 'failed', reason: 'io' });
  });
});

describe('sync to another county', () => {
  // Versions are numbered per county, so version 1 of the new county is not a rollback.
  const movedDb = path.join(temp.dir, 'moved', 'snapshot.sqlite');

  function syncMoved(name: string, extra: string[] = []) {
    return runCli(['sync', '--source', path.join(stick, name), '--trust', trustFile, '--db', movedDb, ...extra]);
  }

  it('replaces a newer snapshot of the old county when --region names the new one', async () => {
    expect((await syncMoved('v3')).code).toBe(0);
    const result = await syncMoved('other-county-v1', ['--region', '430122']);

    expect(result.stderr).not.toContain('older than the installed');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 1 (replacing version 3).');
    expect(sha256OfFile(movedDb)).toBe(sha256OfFile(otherCounty.file));
  });

  it('compares versions again within the new county', async () => {
    const result = await syncMoved('other-county-v1', ['--region', '430122']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date: version 1 is installed.');
  });

  it('keeps the installed county without --region', async () => {
    const before = sha256OfFile(movedDb);
    const result = await syncMoved('v3');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('for region 430121, but this terminal serves region 430122');
    expect(result.stderr).toContain('run sync with --region 430121');
    expect(sha256OfFile(movedDb)).toBe(before);
  });
});

describe('syncOnce with a folder', () => {
  it('returns structured outcomes', async () => {
    const otherDb = path.join(temp.dir, 'direct', 'snapshot.sqlite');
    const options = { source: path.join(stick, 'v1'), trustedKeys: [keys.publicKey], dbFile: otherDb };

    expect(await syncOnce(options)).toEqual({ status: 'installed', version: 1, previousVersion: null });
    expect(await syncOnce(options)).toEqual({ status: 'up-to-date', version: 1 });

    const tampered = await syncOnce({ ...options, source: path.join(stick, 'v2-tampered') });
    expect(tampered).toMatchObject({ status: 'rejected', reason: 'hash-mismatch' });

    const wrongTrust = await syncOnce({ ...options, trustedKeys: [makeTestKeys().publicKey] });
    expect(wrongTrust).toMatchObject({ status: 'rejected', reason: 'unknown-key' });
  });

  it('rejects a bundle for another region than expected', async () => {
    const otherDb = path.join(temp.dir, 'direct-region', 'snapshot.sqlite');
    const outcome = await syncOnce({
      source: path.join(stick, 'v1'),
      trustedKeys: [keys.publicKey],
      dbFile: otherDb,
      expectedRegion: '430122',
    });

    expect(outcome).toEqual({ status: 'rejected', reason: 'wrong-region', details: { expected: '430122', actual: '430121' } });
    expect(sha256OfFile(otherDb)).toBeNull();
  });

  it('rejects a bundle that expired by the given clock', async () => {
    const outcome = await syncOnce({
      source: path.join(stick, 'v1'),
      trustedKeys: [keys.publicKey],
      dbFile: path.join(temp.dir, 'direct-expired', 'snapshot.sqlite'),
      now: new Date(Date.now() + 365 * 86_400_000),
    });

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'expired' });
  });
});
