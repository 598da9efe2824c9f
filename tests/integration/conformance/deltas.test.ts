// Delta installs with bundles from the real publisher. A delta install gives the same content
// digest and the same lookup results as a full install. A delta that is missing, from another
// base, damaged, or signed for another base falls back to the full payload and still installs.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src-main/core/snapshot/manifest.js';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import {
  SAMPLE_COUNTY,
  SAMPLE_ID_NUMBERS,
  SAMPLE_TOTALS,
  createWorld,
  publishSample,
  readManifest,
  readTrustedState,
  servedTotal,
  writeManifest,
  writePrivateKey,
} from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeTestKeys } from '../../helpers/make-bundle.js';
import type { TestKeys } from '../../helpers/make-bundle.js';
import { SAMPLE_PAYMENTS, paymentsCsv, writeSampleDataset } from '../../helpers/publisher-data.js';

let world: World;
let keys: TestKeys;
let trust: TrustAnchor;
const manifests: Record<'v1' | 'v2' | 'v3', Manifest> = {} as Record<'v1' | 'v2' | 'v3', Manifest>;
const digests: Record<'v1' | 'v2' | 'v3', string> = { v1: '', v2: '', v3: '' };

// Version 2 raises payment P0002 of household H001 from 360.00 to 400.00 yuan. Version 3
// raises P0003 of H002 from 1,234.56 to 1,300.00 yuan.
const V2_TOTALS = { H001: SAMPLE_TOTALS.H001 + 4_000, H002: SAMPLE_TOTALS.H002 };
const V3_TOTALS = { H001: V2_TOTALS.H001, H002: SAMPLE_TOTALS.H002 + 6_544 };

function snapshotFolder(version: 'v1' | 'v2' | 'v3'): string {
  return path.join(world.dir, 'server', version);
}

function terminal(name: string): string {
  return path.join(world.dir, 'terminals', name);
}

/** Copies a published version's folder, so a test may change the copy. */
function copyOf(version: 'v1' | 'v2' | 'v3', name: string): string {
  const folder = path.join(world.dir, 'changed', name);
  cpSync(snapshotFolder(version), folder, { recursive: true });
  return folder;
}

async function installV1(dataDir: string): Promise<void> {
  expect(await world.sync(snapshotFolder('v1'), trust, { dataDir })).toMatchObject({ status: 'installed', version: 1, method: 'full' });
}

beforeAll(async () => {
  world = createWorld();
  keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
  const keyFile = writePrivateKey(path.join(world.dir, 'publisher.key'), keys);
  const delivery = path.join(world.dir, 'delivery');
  const content = world.folder('content');
  const payments = structuredClone(SAMPLE_PAYMENTS);

  const changes: [version: 'v1' | 'v2' | 'v3', change: () => void][] = [
    ['v1', () => undefined],
    ['v2', () => (payments[1]!.amount = '400.00')],
    ['v3', () => (payments[2]!.amount = '1,300.00')],
  ];
  for (const [version, change] of changes) {
    change();
    writeSampleDataset(delivery, { 'payments.csv': paymentsCsv(payments) });
    const published = await publishSample(world, content, [keyFile], { dataDir: delivery });
    if (version !== 'v1') expect(published.delta).toMatchObject({ shipped: true });
    digests[version] = published.contentDigest;
    cpSync(content, snapshotFolder(version), { recursive: true });
    manifests[version] = readManifest(snapshotFolder(version));
  }
});

afterAll(() => world?.remove());

describe('deltas', () => {
  it('delta install equals full install', async () => {
    const byDelta = terminal('by-delta');
    const byFull = terminal('by-full');
    await installV1(byDelta);

    const deltaOutcome = await world.sync(snapshotFolder('v2'), trust, { dataDir: byDelta });
    const fullOutcome = await world.sync(snapshotFolder('v2'), trust, { dataDir: byFull });

    expect(deltaOutcome).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'delta' });
    expect(fullOutcome).toEqual({ status: 'installed', version: 2, previousVersion: null, method: 'full' });
    expect(readTrustedState(byDelta).currentDigest).toBe(digests.v2);
    expect(readTrustedState(byFull).currentDigest).toBe(digests.v2);
    expect(readTrustedState(byDelta).trustedVersions).toEqual({ [SAMPLE_COUNTY]: 2 });
    for (const household of ['H001', 'H002'] as const) {
      expect(await servedTotal(byDelta, SAMPLE_ID_NUMBERS[household])).toBe(V2_TOTALS[household]);
      expect(await servedTotal(byFull, SAMPLE_ID_NUMBERS[household])).toBe(V2_TOTALS[household]);
    }
  });

  it('falls back without the delta', async () => {
    const dataDir = terminal('missing');
    await installV1(dataDir);
    const folder = copyOf('v2', 'missing-delta');
    rmSync(path.join(folder, manifests.v2.signed.delta!.path));

    const outcome = await world.sync(folder, trust, { dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });
    expect(readTrustedState(dataDir).currentDigest).toBe(digests.v2);
    expect(await servedTotal(dataDir, SAMPLE_ID_NUMBERS.H001)).toBe(V2_TOTALS.H001);
  });

  it('takes the older delta from its own base', async () => {
    const dataDir = terminal('older-base');
    await installV1(dataDir);
    expect(manifests.v3.signed.delta?.baseVersion).toBe(2);

    const outcome = await world.sync(snapshotFolder('v3'), trust, { dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 3, previousVersion: 1, method: 'delta' });
    expect(readTrustedState(dataDir).currentDigest).toBe(digests.v3);
    expect(await servedTotal(dataDir, SAMPLE_ID_NUMBERS.H002)).toBe(V3_TOTALS.H002);
  });

  it('falls back for a base without a delta', async () => {
    const dataDir = terminal('other-base');
    await installV1(dataDir);
    // Without the older deltas the manifest offers only the delta from version 2.
    const folder = copyOf('v3', 'no-older-deltas');
    const manifestFile = path.join(folder, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { olderDeltas?: unknown };
    expect(manifest.olderDeltas).toBeDefined();
    delete manifest.olderDeltas;
    writeFileSync(manifestFile, JSON.stringify(manifest));

    const outcome = await world.sync(folder, trust, { dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 3, previousVersion: 1, method: 'full' });
    expect(readTrustedState(dataDir).currentDigest).toBe(digests.v3);
    expect(await servedTotal(dataDir, SAMPLE_ID_NUMBERS.H002)).toBe(V3_TOTALS.H002);
  });

  it('falls back on a corrupt delta', async () => {
    const dataDir = terminal('corrupt');
    await installV1(dataDir);
    const folder = copyOf('v2', 'corrupt-delta');
    const deltaFile = path.join(folder, manifests.v2.signed.delta!.path);
    const bytes = readFileSync(deltaFile);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(deltaFile, bytes);

    const outcome = await world.sync(folder, trust, { dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });
    expect(readTrustedState(dataDir).currentDigest).toBe(digests.v2);
    expect(await servedTotal(dataDir, SAMPLE_ID_NUMBERS.H001)).toBe(V2_TOTALS.H001);
  });

  it('falls back on a forged base', async () => {
    // Mix and match: the manifest of version 2 is signed again with the delta 2 -> 3 in place of
    // 1 -> 2, still claiming version 1 as its base. It applies, but the rows are not version 2's.
    const dataDir = terminal('forged-base');
    await installV1(dataDir);
    const folder = copyOf('v2', 'forged-base');
    const otherDelta = manifests.v3.signed.delta!;
    cpSync(path.join(snapshotFolder('v3'), otherDelta.path), path.join(folder, otherDelta.path));
    writeManifest(folder, { ...manifests.v2.signed, delta: { ...otherDelta, baseVersion: 1, baseContentDigest: digests.v1 } }, [keys]);

    const outcome = await world.sync(folder, trust, { dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });
    expect(readTrustedState(dataDir).currentDigest).toBe(digests.v2);
    expect(await servedTotal(dataDir, SAMPLE_ID_NUMBERS.H001)).toBe(V2_TOTALS.H001);
    expect(await servedTotal(dataDir, SAMPLE_ID_NUMBERS.H002)).toBe(V2_TOTALS.H002);
  });
});
