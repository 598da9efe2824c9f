// The whole chain with the real publisher: keygen and publish a county delivery, serve the
// bundle with nginx, sync it into a kiosk data folder and query a household.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { MANIFEST_FILE } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { runCli } from '../helpers/cli.js';
import { contentDigestOfFile } from '../helpers/make-bundle.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { SAMPLE_PERSONS, writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
const keyDir = path.join(temp.dir, 'keys');
const dataDir = path.join(temp.dir, 'data');
const bundleDir = path.join(temp.dir, 'www', 'bundle');
const kioskDataDir = path.join(temp.dir, 'kiosk');
let nginx: RunningNginx;

function publish() {
  return runCli(['publish', '--data', dataDir, '--key', path.join(keyDir, 'publisher.key'), '--out', bundleDir]);
}

function sync() {
  return runCli([
    'sync',
    '--source',
    `${nginx.url}bundle/`,
    '--trust',
    path.join(keyDir, 'publisher.pub'),
    '--data-dir',
    kioskDataDir,
    '--region',
    '431226',
  ]);
}

async function queryJson(idNumber: string) {
  const result = await runCli(['query', '--data-dir', kioskDataDir, '--id-number', idNumber, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    status: string;
    household: { villageName: string; members: { isQueried: boolean }[]; payments: unknown[]; totalFen: number };
  };
}

beforeAll(async () => {
  const keygen = await runCli(['keygen', '--out', keyDir]);
  expect(keygen.code, keygen.stderr).toBe(0);
  writeSampleDataset(dataDir);
  nginx = await startNginx({ root: path.join(temp.dir, 'www') });
});

afterAll(async () => {
  await nginx?.stop();
  temp.remove();
});

describe('publish, sync and query', () => {
  it('installs what the publisher signed', async () => {
    const published = await publish();
    expect(published.code, published.stderr).toBe(0);

    const result = await sync();

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 1.');
  });

  it('finds the published households with their totals', async () => {
    // H001: 105.50 + 360.00 yuan; H002: 1,234.56 + 0.07 yuan (see publisher-data.ts).
    const first = await queryJson(SAMPLE_PERSONS[0]!.idNumber);
    expect(first.status).toBe('found');
    expect(first.household.villageName).toBe('岩门村');
    expect(first.household.members).toHaveLength(3);
    expect(first.household.payments).toHaveLength(2);
    expect(first.household.totalFen).toBe(46_550);

    const second = await queryJson(SAMPLE_PERSONS[3]!.idNumber);
    expect(second.household.totalFen).toBe(123_463);
  });

  it('installs the next published version by delta', async () => {
    const published = await publish();
    expect(published.code, published.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(bundleDir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.signed.delta?.baseVersion).toBe(1);

    const result = await sync();

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 2 from the delta (replacing version 1).');
    expect((await queryJson(SAMPLE_PERSONS[1]!.idNumber)).household.totalFen).toBe(46_550);
  });

  it('holds the signed rows after the delta', () => {
    const manifest = JSON.parse(readFileSync(path.join(bundleDir, MANIFEST_FILE), 'utf8')) as Manifest;
    const pointer = pointerOrNull(kioskDataDir, 'current')!;

    expect(pointer.version).toBe(2);
    expect(pointer.contentDigest).toBe(manifest.signed.contentDigest);
    expect(contentDigestOfFile(snapshotFileOf(kioskDataDir, pointer), manifest.signed.hashAlgorithm)).toBe(manifest.signed.contentDigest);
    expect(pointerOrNull(kioskDataDir, 'previous')?.version).toBe(1);
  });

  it('reports up to date afterwards', async () => {
    const result = await sync();

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already up to date: version 2 is installed.');
  });
});
