// Freeze attacks and clock rollback: an expired manifest or root is rejected, while the data
// already installed stays served with its age. Expiry is judged by the later of the terminal's
// clock and the newest signed time the terminal has seen, so a clock set back revives nothing.
// All times are fixed, counted in days from T0.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import {
  buildRoot,
  createWorld,
  daysAfter,
  fingerprintDataFolder,
  readTrustedState,
  servedSnapshotInfo,
  servedTotal,
  writeRoot,
} from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { TestKeys } from '../../helpers/make-bundle.js';

const REGION = '430121';
const T0 = new Date('2025-01-01T00:00:00.000Z');

let world: World;
let keys: TestKeys;
let trust: TrustAnchor;

/** Writes a bundle of `version` signed on day `created` and expiring on day `expires`. */
function bundle(name: string, version: number, created: number, expires: number) {
  const folder = path.join(world.dir, 'server', name);
  const { snapshot } = makeBundle(folder, {
    version,
    signWith: keys,
    createdAt: daysAfter(T0, created),
    signedOverrides: { expiresAt: daysAfter(T0, expires).toISOString() },
  });
  return { folder, person: snapshot.people[0]! };
}

beforeEach(() => {
  world = createWorld();
  keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
});

afterEach(() => world.remove());

describe('freeze', () => {
  it('rejects an expired manifest and keeps serving', async () => {
    const v1 = bundle('v1', 1, 0, 30);
    const v2 = bundle('v2', 2, 10, 20);
    expect(await world.sync(v1.folder, trust, { now: daysAfter(T0, 1) })).toMatchObject({ status: 'installed', version: 1 });
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(v2.folder, trust, { now: daysAfter(T0, 25) });

    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'expired',
      details: { role: 'manifest', expiresAt: daysAfter(T0, 20).toISOString(), now: daysAfter(T0, 25).toISOString() },
    });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [REGION]: 1 });
    expect(state.newestSignedTime).toBe(T0.toISOString());
    expect(await servedTotal(world.dataDir, v1.person.idNumber)).toBe(v1.person.householdTotalFen);
  });

  it('serves expired data with its age', async () => {
    const v1 = bundle('v1', 1, 0, 30);
    expect(await world.sync(v1.folder, trust, { now: daysAfter(T0, 1) })).toMatchObject({ status: 'installed', version: 1 });

    const info = await servedSnapshotInfo(world.dataDir, daysAfter(T0, 45));

    expect(info?.version).toBe(1);
    expect(info?.expired).toBe(true);
    expect(info?.ageDays).toBe(45);
    expect(await servedTotal(world.dataDir, v1.person.idNumber)).toBe(v1.person.householdTotalFen);
  });

  it('reports a frozen manifest as expired', async () => {
    const v1 = bundle('v1', 1, 0, 30);
    expect(await world.sync(v1.folder, trust, { now: daysAfter(T0, 1) })).toMatchObject({ status: 'installed', version: 1 });
    const before = fingerprintDataFolder(world.dataDir);

    // The server keeps offering the same manifest long after it expired, and the terminal must
    // report the expiry instead of "up to date".
    const outcome = await world.sync(v1.folder, trust, { now: daysAfter(T0, 40) });

    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'expired',
      details: { role: 'manifest', expiresAt: daysAfter(T0, 30).toISOString(), now: daysAfter(T0, 40).toISOString() },
    });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    expect(await servedTotal(world.dataDir, v1.person.idNumber)).toBe(v1.person.householdTotalFen);
  });

  it('rejects an expired root', async () => {
    const rootKey = makeTestKeys();
    const root1 = buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [REGION]: { keys: [keys] } }, createdAt: T0, signers: [rootKey] });
    const v1 = bundle('v1', 1, 0, 30);
    writeRoot(v1.folder, buildRoot({
      version: 2,
      rootKeys: [rootKey],
      publishers: { [REGION]: { keys: [keys] } },
      createdAt: T0,
      expiresAt: daysAfter(T0, 5),
      signers: [rootKey],
    }));

    const outcome = await world.sync(v1.folder, { kind: 'root', root: root1 }, { now: daysAfter(T0, 10) });

    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'expired',
      details: { role: 'root', expiresAt: daysAfter(T0, 5).toISOString(), now: daysAfter(T0, 10).toISOString() },
    });
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBeNull();
    expect(state.trustedRootVersion).toBeNull();
    expect(state.newestSignedTime).toBeNull();
    expect(await servedTotal(world.dataDir, v1.person.idNumber)).toBe('no-data');
  });
});

describe('clock rollback', () => {
  it('cannot revive an expired manifest', async () => {
    const v1 = bundle('v1', 1, 0, 30);
    const v2 = bundle('v2', 2, 50, 80);
    const v3 = bundle('v3', 3, 2, 40);
    expect(await world.sync(v1.folder, trust, { now: daysAfter(T0, 1) })).toMatchObject({ status: 'installed', version: 1 });
    expect(await world.sync(v2.folder, trust, { now: daysAfter(T0, 51) })).toMatchObject({ status: 'installed', version: 2 });
    const before = fingerprintDataFolder(world.dataDir);

    // By the clock set back to day 3, version 3 (valid from day 2 to day 40) would look fresh.
    const outcome = await world.sync(v3.folder, trust, { now: daysAfter(T0, 3) });

    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'expired',
      details: { role: 'manifest', expiresAt: daysAfter(T0, 40).toISOString(), now: daysAfter(T0, 50).toISOString() },
    });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(2);
    expect(state.previousVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [REGION]: 2 });
    expect(state.newestSignedTime).toBe(daysAfter(T0, 50).toISOString());
    expect(await servedTotal(world.dataDir, v2.person.idNumber)).toBe(v2.person.householdTotalFen);
  });

  it('banner uses the newest signed time', async () => {
    const v2 = bundle('v2', 2, 50, 80);
    expect(await world.sync(v2.folder, trust, { now: daysAfter(T0, 51) })).toMatchObject({ status: 'installed', version: 2 });
    // The publisher signs version 2 again on day 100. The terminal is up to date and has now
    // seen day 100 signed, past the installed expiry on day 80.
    const resigned = path.join(world.dir, 'server', 'v2-resigned');
    makeBundle(resigned, { version: 2, signWith: keys, createdAt: daysAfter(T0, 100) });
    expect(await world.sync(resigned, trust, { now: daysAfter(T0, 101) })).toEqual({ status: 'up-to-date', version: 2 });
    expect(readTrustedState(world.dataDir).newestSignedTime).toBe(daysAfter(T0, 100).toISOString());

    const info = await servedSnapshotInfo(world.dataDir, daysAfter(T0, 3));

    expect(info?.expired).toBe(true);
    expect(info?.ageDays).toBe(50);
    expect(await servedTotal(world.dataDir, v2.person.idNumber)).toBe(v2.person.householdTotalFen);
  });
});
