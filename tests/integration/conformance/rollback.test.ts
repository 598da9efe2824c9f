// Rollback attacks: an older manifest, validly signed by the trusted key, offered after a newer
// one was installed. The terminal must reject it whether it comes from the same source, from
// another folder (a USB stick with an old bundle), or after the installed pointer was lost.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import { createWorld, fingerprintDataFolder, readTrustedState, servedTotal } from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { BuiltSnapshot } from '../../helpers/make-bundle.js';

const REGION = '430121';

let world: World;
let trust: TrustAnchor;
let v1Folder: string;
let v2Folder: string;
let v2: BuiltSnapshot;

beforeEach(() => {
  world = createWorld();
  const keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
  v1Folder = path.join(world.dir, 'server', 'v1');
  v2Folder = path.join(world.dir, 'server', 'v2');
  makeBundle(v1Folder, { version: 1, signWith: keys });
  v2 = makeBundle(v2Folder, { version: 2, signWith: keys }).snapshot;
});

afterEach(() => world.remove());

describe('rollback', () => {
  it('rejects an older manifest after a newer one', async () => {
    expect(await world.sync(v2Folder, trust)).toMatchObject({ status: 'installed', version: 2 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v1Folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 2, offered: 1 } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(2);
    expect(state.previousVersion).toBeNull();
    expect(state.trustedVersions).toEqual({ [REGION]: 2 });
    expect(await servedTotal(world.dataDir, v2.people[0]!.idNumber)).toBe(v2.people[0]!.householdTotalFen);
  });

  it('rejects an old bundle replayed from another folder', async () => {
    expect(await world.sync(v1Folder, trust)).toMatchObject({ status: 'installed', version: 1 });
    expect(await world.sync(v2Folder, trust)).toMatchObject({ status: 'installed', version: 2, previousVersion: 1 });
    const stick = path.join(world.dir, 'usb-stick', 'bundle');
    cpSync(v1Folder, stick, { recursive: true });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(stick, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 2, offered: 1 } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(2);
    expect(state.previousVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [REGION]: 2 });
    expect(await servedTotal(world.dataDir, v2.people[0]!.idNumber)).toBe(v2.people[0]!.householdTotalFen);
  });

  it('rejects an old bundle after the pointers are lost', async () => {
    expect(await world.sync(v2Folder, trust)).toMatchObject({ status: 'installed', version: 2 });
    // The trusted versions in state.json guard on their own when current.json is gone.
    // The pass deletes the snapshot file no pointer names any more, so only state.json is compared.
    rmSync(path.join(world.dataDir, 'current.json'));
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v1Folder, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 2, offered: 1 } });
    const after = fingerprintDataFolder(world.dataDir);
    expect(after['state.json']).toBe(before['state.json']);
    expect(Object.keys(after).filter((name) => !name.startsWith('snapshot-'))).toEqual(['state.json']);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBeNull();
    expect(state.trustedVersions).toEqual({ [REGION]: 2 });
    expect(await servedTotal(world.dataDir, v2.people[0]!.idNumber)).toBe('no-data');
  });

  it('reports a replayed current version up to date', async () => {
    expect(await world.sync(v2Folder, trust)).toMatchObject({ status: 'installed', version: 2 });
    const stick = path.join(world.dir, 'usb-stick', 'bundle');
    cpSync(v2Folder, stick, { recursive: true });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(stick, trust);

    expect(outcome).toEqual({ status: 'up-to-date', version: 2 });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    expect(await servedTotal(world.dataDir, v2.people[0]!.idNumber)).toBe(v2.people[0]!.householdTotalFen);
  });
});
