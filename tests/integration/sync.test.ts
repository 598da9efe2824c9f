// `minsheng sync` over HTTP from a real nginx, end to end: installs, up to date, and every kind
// of bad bundle rejected with the installed data byte-for-byte unchanged: both pointers, the
// snapshot files they name, and the trust state.
import { cpSync, readdirSync, readFileSync, writeFileSync, appendFileSync, truncateSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_POINTER, PREVIOUS_POINTER, STATE_FILE } from '../../src-main/core/data-folder/layout.js';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import type { PointerName } from '../../src-main/core/data-folder/layout.js';
import { MANIFEST_FILE } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT, SUPPORTED_SNAPSHOT_FORMATS } from '../../src-main/core/snapshot/schema.js';
import { runCli } from '../helpers/cli.js';
import { makeBundle, makeTestKeys, sha256OfFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
const www = path.join(temp.dir, 'www');
const dataDir = path.join(temp.dir, 'kiosk');
const trustFile = path.join(temp.dir, 'publisher.pub.pem');
let keys: TestKeys;
let otherKeys: TestKeys;
let nginx: RunningNginx;
let v2: BuiltSnapshot;

function bundleDir(name: string): string {
  return path.join(www, name);
}

function sync(name: string, extra: string[] = []) {
  return runCli(['sync', '--source', `${nginx.url}${name}/`, '--trust', trustFile, '--data-dir', dataDir, ...extra]);
}

/** Returns the snapshot file a pointer names, or null when the pointer is absent. */
function installedFile(pointerName: PointerName): string | null {
  const pointer = pointerOrNull(dataDir, pointerName);
  return pointer === null ? null : snapshotFileOf(dataDir, pointer);
}

function textOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Everything a rejected or failed pass must leave as it was. */
function installedData() {
  return {
    current: textOrNull(path.join(dataDir, CURRENT_POINTER)),
    previous: textOrNull(path.join(dataDir, PREVIOUS_POINTER)),
    currentDigest: sha256OfFile(installedFile('current') ?? ''),
    previousDigest: sha256OfFile(installedFile('previous') ?? ''),
    state: textOrNull(path.join(dataDir, STATE_FILE)),
  };
}

function flipByte(file: string, position: number): void {
  const bytes = readFileSync(file);
  const index = position < 0 ? bytes.length + position : position;
  bytes[index] = bytes[index]! ^ 0x01;
  writeFileSync(file, bytes);
}

/** Copies a bundle folder so a test can damage the copy. */
function copyBundle(from: string, to: string): string {
  cpSync(bundleDir(from), bundleDir(to), { recursive: true });
  return bundleDir(to);
}

function payloadFileOf(folder: string): string {
  const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as Manifest;
  return path.join(folder, manifest.signed.payload.path);
}

function stagingFilesLeft(): string[] {
  return readdirSync(dataDir).filter((name) => name.includes('.staging-'));
}

function snapshotFilesLeft(): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith('snapshot-')).sort();
}

beforeAll(async () => {
  keys = makeTestKeys();
  otherKeys = makeTestKeys();
  writeFileSync(trustFile, keys.publicKeyPem);

  makeBundle(bundleDir('v1'), { version: 1, households: 3, signWith: keys });
  v2 = makeBundle(bundleDir('v2'), { version: 2, households: 3, signWith: keys }).snapshot;
  makeBundle(bundleDir('v3'), { version: 3, households: 3, signWith: keys });
  makeBundle(bundleDir('v3-wrong-key'), { version: 3, signWith: otherKeys });
  makeBundle(bundleDir('v3-other-region'), { version: 3, regionCode: '430122', regionName: '望城区', signWith: keys });
  makeBundle(bundleDir('v3-expired'), { version: 3, expired: true, signWith: keys });
  makeBundle(bundleDir('v3-meta-mismatch'), { version: 3, metaOverrides: { version: '4' }, signWith: keys });
  makeBundle(bundleDir('v3-future-format'), { version: 3, signedOverrides: { snapshotFormat: SNAPSHOT_FORMAT + 1 }, signWith: keys });

  nginx = await startNginx({
    root: www,
    locations: ['location /unavailable/ { return 503; }'],
  });
});

afterAll(async () => {
  await nginx?.stop();
  temp.remove();
});

describe('sync over HTTP', () => {
  it('installs the first bundle', async () => {
    const result = await sync('v1');

    expect(result.stderr).not.toMatch(/^error /m);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 1.');
    expect(pointerOrNull(dataDir, 'current')?.version).toBe(1);
    expect(statSync(installedFile('current')!).isFile()).toBe(true);
    expect(pointerOrNull(dataDir, 'previous')).toBeNull();
  });

  it('trusts version 1 after the install', () => {
    const state = JSON.parse(readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as { trustedVersions: Record<string, number> };

    expect(state.trustedVersions).toEqual({ '430121': 1 });
  });

  it('reports up to date on the same version', async () => {
    const before = installedData();
    const result = await sync('v1');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date: version 1 is installed.');
    expect(installedData()).toEqual(before);
  });

  it('installs a newer version and keeps the previous', async () => {
    const v1Digest = sha256OfFile(installedFile('current')!);
    const result = await sync('v2', ['--region', '430121']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 2 (replacing version 1).');
    expect(pointerOrNull(dataDir, 'previous')?.version).toBe(1);
    expect(sha256OfFile(installedFile('previous')!)).toBe(v1Digest);
    expect(sha256OfFile(installedFile('current')!)).toBe(sha256OfFile(v2.file));
    expect(snapshotFilesLeft()).toHaveLength(2);
    expect(stagingFilesLeft()).toEqual([]);
  });

  it('query --json totals the installed household', async () => {
    const person = v2.people[0]!;
    const result = await runCli(['query', '--data-dir', dataDir, '--id-number', person.idNumber, '--json']);
    expect(result.code).toBe(0);

    const output = JSON.parse(result.stdout) as { status: string; household: { totalFen: number } };
    const db = new Database(installedFile('current')!, { readonly: true });
    const row = db.prepare('SELECT sum(amount_fen) AS total FROM payments WHERE household_id = ?').get(person.householdId) as {
      total: number;
    };
    db.close();

    expect(output.status).toBe('found');
    expect(output.household.totalFen).toBe(row.total);
    expect(output.household.totalFen).toBe(person.householdTotalFen);
  });
});

describe('sync rejects bad bundles', () => {
  // Each case damages or picks a bundle, then expects exit 1, the reason in the output, and the
  // pointers, the files they name and the trust state unchanged.
  const cases: [string, () => string, RegExp][] = [
    [
      'flipped version in signed part',
      () => {
        const folder = copyBundle('v3', 'flip-version');
        const file = path.join(folder, MANIFEST_FILE);
        flipByte(file, readFileSync(file).indexOf('"version": 3') + '"version": '.length);
        return 'flip-version';
      },
      /signature of trusted key [0-9a-f]{64} does not verify/,
    ],
    [
      'flipped expiry in signed part',
      () => {
        const folder = copyBundle('v3', 'flip-expiry');
        const file = path.join(folder, MANIFEST_FILE);
        // Byte offsets, not string offsets: the manifest contains multi-byte Chinese text.
        flipByte(file, readFileSync(file).indexOf('"expiresAt": "') + '"expiresAt": "'.length + 3);
        return 'flip-expiry';
      },
      /does not verify/,
    ],
    [
      'flipped payload hash in signed part',
      () => {
        const folder = copyBundle('v3', 'flip-hash');
        const file = path.join(folder, MANIFEST_FILE);
        const text = readFileSync(file, 'utf8');
        // Swap one hex digit for another so the manifest stays well-formed.
        const index = text.indexOf('"digest": "') + '"digest": "'.length + 10;
        const replacement = text[index] === '0' ? '1' : '0';
        writeFileSync(file, text.slice(0, index) + replacement + text.slice(index + 1));
        return 'flip-hash';
      },
      /does not verify/,
    ],
    [
      'flipped signature',
      () => {
        const folder = copyBundle('v3', 'flip-signature');
        const file = path.join(folder, MANIFEST_FILE);
        const text = readFileSync(file, 'utf8');
        const index = text.indexOf('"signature": "') + '"signature": "'.length + 20;
        const replacement = text[index] === 'A' ? 'B' : 'A';
        writeFileSync(file, text.slice(0, index) + replacement + text.slice(index + 1));
        return 'flip-signature';
      },
      /does not verify/,
    ],
    [
      'broken manifest JSON',
      () => {
        const folder = copyBundle('v3', 'flip-json');
        flipByte(path.join(folder, MANIFEST_FILE), 0);
        return 'flip-json';
      },
      /manifest is malformed/,
    ],
    [
      'flipped payload start',
      () => {
        flipByte(payloadFileOf(copyBundle('v3', 'flip-payload-start')), 0);
        return 'flip-payload-start';
      },
      /payload does not match its signed digest/,
    ],
    [
      'flipped payload middle',
      () => {
        const file = payloadFileOf(copyBundle('v3', 'flip-payload-middle'));
        flipByte(file, Math.floor(statSync(file).size / 2));
        return 'flip-payload-middle';
      },
      /payload does not match its signed digest/,
    ],
    [
      'flipped payload end',
      () => {
        flipByte(payloadFileOf(copyBundle('v3', 'flip-payload-end')), -1);
        return 'flip-payload-end';
      },
      /payload does not match its signed digest/,
    ],
    [
      'truncated payload',
      () => {
        const file = payloadFileOf(copyBundle('v3', 'truncated'));
        truncateSync(file, statSync(file).size - 100);
        return 'truncated';
      },
      /payload has \d+ bytes instead of the signed \d+/,
    ],
    [
      'oversize payload',
      () => {
        appendFileSync(payloadFileOf(copyBundle('v3', 'oversize')), Buffer.alloc(4096, 7));
        return 'oversize';
      },
      // The download stops past the signed length, so the size may be given as a lower bound.
      /payload has (more than |> )?\d+ bytes instead of the signed \d+/,
    ],
    ['wrong key', () => 'v3-wrong-key', /not signed by any trusted key/],
    ['other region', () => 'v3-other-region', /for region 430122, but this terminal serves region 430121/],
    ['older version', () => 'v1', /version 1, older than version 2 this terminal already trusts/],
    ['expired bundle', () => 'v3-expired', /expired at/],
    ['meta version differs', () => 'v3-meta-mismatch', /snapshot database failed its check/],
    ['newer snapshot format', () => 'v3-future-format', new RegExp(`signed.snapshotFormat ${SNAPSHOT_FORMAT + 1}, but this kiosk supports ${SUPPORTED_SNAPSHOT_FORMATS.join(', ')}`)],
  ];

  it.each(cases)('rejects %s', async (_name, prepare, message) => {
    const before = installedData();
    expect(before.currentDigest).not.toBeNull();
    expect(before.previousDigest).not.toBeNull();
    const snapshotsBefore = snapshotFilesLeft();

    const result = await sync(prepare());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rejected; the installed data is unchanged');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('{{');
    expect(installedData()).toEqual(before);
    expect(snapshotFilesLeft()).toEqual(snapshotsBefore);
    expect(stagingFilesLeft()).toEqual([]);
  });

  it('rejects another region with --region', async () => {
    const before = installedData();
    const result = await sync('v3', ['--region', '430122']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/for region 430121, but this terminal serves region 430122/);
    expect(installedData()).toEqual(before);
  });

  it('names the reason in Chinese by default', async () => {
    const result = await runCli(
      ['sync', '--source', `${nginx.url}v3-wrong-key/`, '--trust', trustFile, '--data-dir', dataDir],
      { env: { MINSHENG_LANG: '' } },
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('未经任何受信任的公钥签名');
  });

  it('fails on a server error after retries', async () => {
    const before = installedData();
    // Retries are logged at info level, below what the CLI shows by default.
    const result = await runCli(['sync', '--source', `${nginx.url}unavailable/`, '--trust', trustFile, '--data-dir', dataDir], {
      env: { MINSHENG_LOG_LEVEL: 'info' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The download from the source failed');
    expect(result.stderr).toContain('503');
    expect(result.stderr).toContain('request failed; retrying');
    expect(installedData()).toEqual(before);
  });

  it('fails on a missing bundle', async () => {
    const before = installedData();
    const result = await sync('no-such-bundle');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('404');
    expect(installedData()).toEqual(before);
  });

  it('still installs the good version 3 afterwards', async () => {
    const result = await sync('v3');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 3 (replacing version 2).');
    expect(sha256OfFile(installedFile('previous')!)).toBe(sha256OfFile(v2.file));
    // Version 1 is in neither pointer now, so its file is gone.
    expect(snapshotFilesLeft()).toHaveLength(2);
  });
});

describe('sync command line', () => {
  it('rejects an unreadable trust file', async () => {
    const result = await runCli(['sync', '--source', `${nginx.url}v3/`, '--trust', path.join(temp.dir, 'nope.pem'), '--data-dir', dataDir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot load the trust from');
    expect(result.stderr).toContain('nope.pem');
  });

  it('names a private key given as the trust file without echoing it', async () => {
    const privateFile = path.join(temp.dir, 'publisher.key');
    writeFileSync(privateFile, keys.privateKeyPem);
    const result = await runCli(['sync', '--source', `${nginx.url}v3/`, '--trust', privateFile, '--data-dir', dataDir]);
    const keyBody = keys.privateKeyPem.split('\n')[1]!;

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('publisher.key is a private key');
    expect(result.stderr).toContain('A terminal needs public keys or root metadata for --trust');
    expect(result.stderr + result.stdout).not.toContain(keyBody);
  });

  it('rejects a trust file holding a private key beside the public one', async () => {
    const mixedFile = path.join(temp.dir, 'mixed.pem');
    writeFileSync(mixedFile, keys.privateKeyPem + keys.publicKeyPem);
    const before = installedData();

    const result = await runCli(['sync', '--source', `${nginx.url}v3/`, '--trust', mixedFile, '--data-dir', dataDir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mixed.pem is a private key');
    expect(result.stderr + result.stdout).not.toContain(keys.privateKeyPem.split('\n')[1]!);
    expect(installedData()).toEqual(before);
  });

  it('rejects a malformed region', async () => {
    const result = await sync('v3', ['--region', '43']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "43" for --region');
  });
});
