// `minsheng sync` over HTTP from a real nginx, end to end: installs, up to date, and every kind
// of bad bundle rejected with the installed data (and its .previous) byte-for-byte unchanged.
import { cpSync, readdirSync, readFileSync, writeFileSync, appendFileSync, truncateSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';
import { runCli } from '../helpers/cli.js';
import { makeBundle, makeTestKeys, sha256OfFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
const www = path.join(temp.dir, 'www');
const dbFile = path.join(temp.dir, 'kiosk', 'snapshot.sqlite');
const trustFile = path.join(temp.dir, 'publisher.pub.pem');
let keys: TestKeys;
let otherKeys: TestKeys;
let nginx: RunningNginx;
let v2: BuiltSnapshot;

function bundleDir(name: string): string {
  return path.join(www, name);
}

function sync(name: string, extra: string[] = []) {
  return runCli(['sync', '--source', `${nginx.url}${name}/`, '--trust', trustFile, '--db', dbFile, ...extra]);
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
  return readdirSync(path.dirname(dbFile)).filter((name) => name.includes('.staging-'));
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
    expect(statSync(dbFile).isFile()).toBe(true);
  });

  it('reports up to date on the same version', async () => {
    const before = sha256OfFile(dbFile);
    const result = await sync('v1');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date: version 1 is installed.');
    expect(sha256OfFile(dbFile)).toBe(before);
  });

  it('installs a newer version and keeps the previous', async () => {
    const v1Digest = sha256OfFile(dbFile);
    const result = await sync('v2', ['--region', '430121']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 2 (replacing version 1).');
    expect(sha256OfFile(`${dbFile}.previous`)).toBe(v1Digest);
    expect(sha256OfFile(dbFile)).toBe(sha256OfFile(v2.file));
    expect(stagingFilesLeft()).toEqual([]);
  });

  it('query --json totals the installed household', async () => {
    const person = v2.people[0]!;
    const result = await runCli(['query', '--db', dbFile, '--id-number', person.idNumber, '--json']);
    expect(result.code).toBe(0);

    const output = JSON.parse(result.stdout) as { status: string; household: { totalFen: number } };
    const db = new Database(dbFile, { readonly: true });
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
  // installed file and its .previous unchanged.
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
        const index = text.indexOf('"sha256": "') + '"sha256": "'.length + 10;
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
      /payload does not match its signed SHA-256/,
    ],
    [
      'flipped payload middle',
      () => {
        const file = payloadFileOf(copyBundle('v3', 'flip-payload-middle'));
        flipByte(file, Math.floor(statSync(file).size / 2));
        return 'flip-payload-middle';
      },
      /payload does not match its signed SHA-256/,
    ],
    [
      'flipped payload end',
      () => {
        flipByte(payloadFileOf(copyBundle('v3', 'flip-payload-end')), -1);
        return 'flip-payload-end';
      },
      /payload does not match its signed SHA-256/,
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
      /payload has > \d+ bytes instead of the signed \d+/,
    ],
    ['wrong key', () => 'v3-wrong-key', /not signed by any trusted key/],
    ['other region', () => 'v3-other-region', /for region 430122, but this terminal serves region 430121/],
    ['older version', () => 'v1', /version 1, older than the installed version 2/],
    ['expired bundle', () => 'v3-expired', /expired at/],
    ['meta version differs', () => 'v3-meta-mismatch', /snapshot database failed its check/],
    ['newer snapshot format', () => 'v3-future-format', new RegExp(`signed.snapshotFormat ${SNAPSHOT_FORMAT + 1}, but this kiosk supports ${SNAPSHOT_FORMAT}`)],
  ];

  it.each(cases)('rejects %s', async (_name, prepare, message) => {
    const installed = sha256OfFile(dbFile);
    const previous = sha256OfFile(`${dbFile}.previous`);
    expect(installed).not.toBeNull();
    expect(previous).not.toBeNull();

    const result = await sync(prepare());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rejected; the installed data is unchanged');
    expect(result.stderr).toMatch(message);
    expect(sha256OfFile(dbFile)).toBe(installed);
    expect(sha256OfFile(`${dbFile}.previous`)).toBe(previous);
    expect(stagingFilesLeft()).toEqual([]);
  });

  it('rejects another region with --region', async () => {
    const installed = sha256OfFile(dbFile);
    const result = await sync('v3', ['--region', '430122']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/for region 430121, but this terminal serves region 430122/);
    expect(sha256OfFile(dbFile)).toBe(installed);
  });

  it('names the reason in Chinese by default', async () => {
    const result = await runCli(
      ['sync', '--source', `${nginx.url}v3-wrong-key/`, '--trust', trustFile, '--db', dbFile],
      { env: { MINSHENG_LANG: '' } },
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('未经任何受信任的公钥签名');
  });

  it('fails on a server error after retries', async () => {
    const installed = sha256OfFile(dbFile);
    // Retries are logged at info level, below what the CLI shows by default.
    const result = await runCli(['sync', '--source', `${nginx.url}unavailable/`, '--trust', trustFile, '--db', dbFile], {
      env: { MINSHENG_LOG_LEVEL: 'info' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The source could not be reached');
    expect(result.stderr).toContain('503');
    expect(result.stderr).toContain('request failed; retrying');
    expect(sha256OfFile(dbFile)).toBe(installed);
  });

  it('fails on a missing bundle', async () => {
    const result = await sync('no-such-bundle');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('404');
  });

  it('still installs the good version 3 afterwards', async () => {
    const result = await sync('v3');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 3 (replacing version 2).');
    expect(sha256OfFile(`${dbFile}.previous`)).toBe(sha256OfFile(v2.file));
  });
});

describe('sync command line', () => {
  it('rejects an unreadable trust file', async () => {
    const result = await runCli(['sync', '--source', `${nginx.url}v3/`, '--trust', path.join(temp.dir, 'nope.pem'), '--db', dbFile]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot load the trusted keys from');
    expect(result.stderr).toContain('nope.pem');
  });

  it('names a private key given as the trust file without echoing it', async () => {
    const privateFile = path.join(temp.dir, 'publisher.key');
    const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(privateFile, privateKeyPem);
    const result = await runCli(['sync', '--source', `${nginx.url}v3/`, '--trust', privateFile, '--db', dbFile]);
    const keyBody = privateKeyPem.split('\n')[1]!;

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('publisher.key is a private key');
    expect(result.stderr).toContain('public key (publisher.pub)');
    expect(result.stderr + result.stdout).not.toContain(keyBody);
  });

  it('rejects a trust file holding a private key beside the public one', async () => {
    const mixedFile = path.join(temp.dir, 'mixed.pem');
    const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(mixedFile, privateKeyPem + publicKeyPem);
    const installed = sha256OfFile(dbFile);

    const result = await runCli(['sync', '--source', `${nginx.url}v3/`, '--trust', mixedFile, '--db', dbFile]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mixed.pem is a private key');
    expect(result.stderr + result.stdout).not.toContain(privateKeyPem.split('\n')[1]!);
    expect(sha256OfFile(dbFile)).toBe(installed);
  });

  it('rejects a malformed region', async () => {
    const result = await sync('v3', ['--region', '43']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "43" for --region');
  });
});
