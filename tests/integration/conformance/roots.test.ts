// Root metadata updates: a new root is trusted only as version N+1 signed by a threshold of the
// old and of the new root keys. Publisher keys that a later root drops stop counting, and the
// new root is persisted only together with a manifest that passed every check.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import type { RootMetadata } from '../../../src-main/core/trust/root-schema.js';
import { buildRoot, createWorld, fingerprintDataFolder, readTrustedState, servedTotal, writeRoot } from '../../helpers/conformance.js';
import type { RootSpec, World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../../helpers/make-bundle.js';

const REGION = '430121';
const NEIGHBOUR = '430122';

let world: World;
let oldRootKey: TestKeys;
let newRootKey: TestKeys;
let publisherA: TestKeys;
let publisherB: TestKeys;
let trust: TrustAnchor;

beforeEach(() => {
  world = createWorld();
  [oldRootKey, newRootKey, publisherA, publisherB] = [makeTestKeys(), makeTestKeys(), makeTestKeys(), makeTestKeys()];
  trust = {
    kind: 'root',
    root: buildRoot({ version: 1, rootKeys: [oldRootKey], publishers: { [REGION]: { keys: [publisherA] } }, signers: [oldRootKey] }),
  };
});

afterEach(() => world.remove());

function bundle(name: string, version: number, signWith: TestKeys, roots: RootMetadata[] = []): { folder: string; snapshot: BuiltSnapshot } {
  const folder = path.join(world.dir, 'server', name);
  const { snapshot } = makeBundle(folder, { version, signWith });
  for (const root of roots) writeRoot(folder, root);
  return { folder, snapshot };
}

/** Returns the pointer and snapshot entries of a fingerprint, leaving out trust state and status. */
function snapshotFilesOf(fingerprint: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fingerprint).filter(([name]) => name === 'current.json' || name === 'previous.json' || name.startsWith('snapshot-')));
}

function root2(overrides: Partial<RootSpec>): RootMetadata {
  return buildRoot({
    version: 2,
    rootKeys: [newRootKey],
    publishers: { [REGION]: { keys: [publisherA] } },
    signers: [oldRootKey, newRootKey],
    ...overrides,
  });
}

describe('root updates', () => {
  it('keeps a rotation signed by both', async () => {
    const v1 = bundle('v1', 1, publisherA, [root2({})]);

    expect(await world.sync(v1.folder, trust)).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
    expect(readTrustedState(world.dataDir).trustedRootVersion).toBe(2);

    // A later source without root files continues from the stored root 2.
    const v2 = bundle('v2', 2, publisherA);
    expect(await world.sync(v2.folder, trust)).toMatchObject({ status: 'installed', version: 2 });
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(2);
    expect(state.previousVersion).toBe(1);
    expect(state.trustedRootVersion).toBe(2);
    expect(await servedTotal(world.dataDir, v2.snapshot.people[0]!.idNumber)).toBe(v2.snapshot.people[0]!.householdTotalFen);
  });

  it('rejects a rotation signed only by the new keys', async () => {
    const v1 = bundle('v1', 1, publisherA, [root2({ signers: [newRootKey] })]);

    const outcome = await world.sync(v1.folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'root-threshold', details: { file: '2.root.json', signer: 'previous', valid: 0, threshold: 1 } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual({});
    expect(await servedTotal(world.dataDir, v1.snapshot.people[0]!.idNumber)).toBe('no-data');
  });

  it('rejects a rotation signed only by the old keys', async () => {
    const v1 = bundle('v1', 1, publisherA, [root2({ signers: [oldRootKey] })]);

    const outcome = await world.sync(v1.folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'root-threshold', details: { file: '2.root.json', signer: 'self', valid: 0, threshold: 1 } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual({});
  });

  it('rejects a skipped root version', async () => {
    const folder = bundle('v1', 1, publisherA).folder;
    writeRoot(folder, root2({ version: 3 }), 2);

    const outcome = await world.sync(folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'root-sequence', details: { file: '2.root.json', expected: 2, actual: 3 } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual({});
  });

  it('does not reach root 3 without root 2', async () => {
    // Only root 3 names publisher B. The terminal stays on root 1, which does not list B.
    const v1 = bundle('v1', 1, publisherB, [root2({ version: 3, publishers: { [REGION]: { keys: [publisherB] } } })]);

    const outcome = await world.sync(v1.folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'unknown-key', details: { keyIds: publisherB.keyId, trusted: publisherA.keyId } });
    expect(readTrustedState(world.dataDir).trustedRootVersion).toBeNull();
  });

  it('rejects a publisher key revoked by root 2', async () => {
    const v1 = bundle('v1', 1, publisherA);
    const v2 = bundle('v2', 2, publisherB, [root2({ rootKeys: [oldRootKey], signers: [oldRootKey], publishers: { [REGION]: { keys: [publisherB] } } })]);
    const v3 = bundle('v3', 3, publisherA);
    expect(await world.sync(v1.folder, trust)).toMatchObject({ status: 'installed', version: 1 });
    expect(await world.sync(v2.folder, trust)).toMatchObject({ status: 'installed', version: 2 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v3.folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'unknown-key', details: { keyIds: publisherA.keyId, trusted: publisherB.keyId } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(2);
    expect(state.trustedVersions).toEqual({ [REGION]: 2 });
    expect(state.trustedRootVersion).toBe(2);
    expect(await servedTotal(world.dataDir, v2.snapshot.people[0]!.idNumber)).toBe(v2.snapshot.people[0]!.householdTotalFen);
  });

  it('rejects a county the root dropped', async () => {
    const v1 = bundle('v1', 1, publisherA);
    const v2 = bundle('v2', 2, publisherA, [root2({ publishers: { [NEIGHBOUR]: { keys: [publisherB] } } })]);
    expect(await world.sync(v1.folder, trust)).toMatchObject({ status: 'installed', version: 1 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v2.folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'no-publisher-role', details: { region: REGION, root: 2 } });
    expect(snapshotFilesOf(fingerprintDataFolder(world.dataDir))).toEqual(snapshotFilesOf(before));
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    // The verified root 2 is kept, as TUF does, so its removal of the county stays in force.
    expect(state.trustedRootVersion).toBe(2);
    expect(await servedTotal(world.dataDir, v1.snapshot.people[0]!.idNumber)).toBe(v1.snapshot.people[0]!.householdTotalFen);
  });

  it('keeps a verified root when the manifest is rejected', async () => {
    const v2 = bundle('v2', 2, publisherA);
    const v1 = bundle('v1', 1, publisherA, [root2({})]);
    expect(await world.sync(v2.folder, trust)).toMatchObject({ status: 'installed', version: 2 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v1.folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 2, offered: 1 } });
    expect(snapshotFilesOf(fingerprintDataFolder(world.dataDir))).toEqual(snapshotFilesOf(before));
    expect(readTrustedState(world.dataDir).trustedRootVersion).toBe(2);
    expect(readTrustedState(world.dataDir).currentVersion).toBe(2);
  });

  it('holds a revocation after a rejected manifest', async () => {
    // Root 2 revokes publisher A; the pass that learns it finds only an old manifest of A.
    const v1 = bundle('v1', 1, publisherA);
    const stale = bundle('stale', 1, publisherA, [root2({ publishers: { [REGION]: { keys: [publisherB] } } })]);
    const replay = bundle('replay', 5, publisherA);
    expect(await world.sync(v1.folder, trust)).toMatchObject({ status: 'installed', version: 1 });
    expect(await world.sync(stale.folder, trust)).toMatchObject({ status: 'rejected', reason: 'unknown-key' });

    // A mirror without root 2 then offers a newer bundle signed by the revoked key.
    const outcome = await world.sync(replay.folder, trust);

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'unknown-key' });
    expect(readTrustedState(world.dataDir).currentVersion).toBe(1);
  });
});
