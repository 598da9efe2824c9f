// Mix-and-match attacks: pieces of validly signed bundles combined in ways the publisher never
// signed. A payload of another version under a manifest, or a manifest of another county, is
// rejected and the installed data stays served. (A delta from another base is in deltas.test.ts.)
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newLookupKeyParams } from '../../../src-main/core/lookup-key.js';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import { createWorld, fingerprintDataFolder, readTrustedState, servedTotal, writeStoredBundle } from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { buildSnapshotFile, makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { TestKeys } from '../../helpers/make-bundle.js';

const REGION = '430121';

let world: World;
let keys: TestKeys;
let trust: TrustAnchor;

beforeEach(() => {
  world = createWorld();
  keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
});

afterEach(() => world.remove());

describe('mix and match', () => {
  it('rejects the payload of another version', async () => {
    // Same households, seed and lookup salt: the two snapshots differ only in values of equal
    // length, so their uncompressed payloads have equal length and only the digest differs.
    const lookupKey = newLookupKeyParams();
    const v1 = buildSnapshotFile(path.join(world.dir, 'build', 'v1.sqlite'), { version: 1, seed: 5, lookupKey });
    const v2 = buildSnapshotFile(path.join(world.dir, 'build', 'v2.sqlite'), { version: 2, seed: 5, lookupKey });
    const v1Folder = path.join(world.dir, 'server', 'v1');
    const v2Folder = path.join(world.dir, 'server', 'v2');
    const v1Manifest = writeStoredBundle(v1Folder, v1, [keys]);
    const v2Manifest = writeStoredBundle(v2Folder, v2, [keys]);
    expect(v1Manifest.signed.payload.length).toBe(v2Manifest.signed.payload.length);
    copyFileSync(path.join(v1Folder, v1Manifest.signed.payload.path), path.join(v2Folder, v2Manifest.signed.payload.path));
    expect(await world.sync(v1Folder, trust)).toMatchObject({ status: 'installed', version: 1 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v2Folder, trust);

    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'hash-mismatch',
      details: { file: 'payload', expected: v2Manifest.signed.payload.digest, actual: v1Manifest.signed.payload.digest },
    });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [REGION]: 1 });
    expect(await servedTotal(world.dataDir, v1.people[0]!.idNumber)).toBe(v1.people[0]!.householdTotalFen);
  });

  it('rejects the manifest of another county', async () => {
    const home = makeBundle(path.join(world.dir, 'server', 'home'), { version: 1, signWith: keys }).snapshot;
    const neighbourFolder = path.join(world.dir, 'server', 'neighbour');
    makeBundle(neighbourFolder, { version: 2, regionCode: '430122', regionName: '望城区', signWith: keys });
    expect(await world.sync(path.join(world.dir, 'server', 'home'), trust)).toMatchObject({ status: 'installed', version: 1 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(neighbourFolder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'wrong-region', details: { expected: REGION, actual: '430122' } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [REGION]: 1 });
    expect(await servedTotal(world.dataDir, home.people[0]!.idNumber)).toBe(home.people[0]!.householdTotalFen);
  });

  it('rejects a snapshot of another version', async () => {
    // The publisher signed this payload, but the SQLite file inside states version 4 while the
    // manifest announces 2: the staged file fails its check before install.
    const v1 = makeBundle(path.join(world.dir, 'server', 'v1'), { version: 1, signWith: keys }).snapshot;
    const folder = path.join(world.dir, 'server', 'v2-meta');
    makeBundle(folder, { version: 2, metaOverrides: { version: '4' }, signWith: keys });
    expect(await world.sync(path.join(world.dir, 'server', 'v1'), trust)).toMatchObject({ status: 'installed', version: 1 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(folder, trust);

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'integrity-check-failed' });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    expect(readTrustedState(world.dataDir).trustedVersions).toEqual({ [REGION]: 1 });
    expect(await servedTotal(world.dataDir, v1.people[0]!.idNumber)).toBe(v1.people[0]!.householdTotalFen);
  });
});
