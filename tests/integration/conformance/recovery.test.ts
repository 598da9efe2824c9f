// Recovering from a stolen or misconfigured publisher key. A manifest dated far in the future
// moves the terminal's time at most a day ahead of its clock. Rotating a county's publisher keys
// in a new root resets that county's version floor, so a version inflated by the old key does
// not block the honest versions after it.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import { buildRoot, createWorld, readTrustedState, servedTotal, writeRoot } from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { TestKeys } from '../../helpers/make-bundle.js';

const REGION = '430121';
const DAY_MS = 24 * 60 * 60 * 1000;

let world: World;
let rootKey: TestKeys;
let stolen: TestKeys;
let replacement: TestKeys;
let trust: TrustAnchor;

beforeEach(() => {
  world = createWorld();
  [rootKey, stolen, replacement] = [makeTestKeys(), makeTestKeys(), makeTestKeys()];
  trust = {
    kind: 'root',
    root: buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [REGION]: { keys: [stolen] } }, signers: [rootKey] }),
  };
});

afterEach(() => world.remove());

describe('recovery from a bad publisher key', () => {
  it('caps a future signing time at one day ahead', async () => {
    const clock = new Date();
    const future = new Date(clock.getTime() + 400 * DAY_MS);
    const folder = path.join(world.dir, 'future');
    makeBundle(folder, { version: 1, signWith: stolen, createdAt: future });

    expect(await world.sync(folder, trust, { now: clock })).toMatchObject({ status: 'installed', version: 1 });

    const newest = Date.parse(readTrustedState(world.dataDir).newestSignedTime!);
    expect(newest).toBeLessThanOrEqual(clock.getTime() + DAY_MS);
    expect(newest).toBeGreaterThan(clock.getTime());
  });

  it('accepts an honest manifest after a future-dated one', async () => {
    const clock = new Date();
    const first = path.join(world.dir, 'future');
    makeBundle(first, { version: 1, signWith: stolen, createdAt: new Date(clock.getTime() + 400 * DAY_MS) });
    await world.sync(first, trust, { now: clock });

    const second = path.join(world.dir, 'honest');
    const { snapshot } = makeBundle(second, { version: 2, signWith: stolen, createdAt: new Date(clock.getTime() + 2 * DAY_MS) });

    expect(await world.sync(second, trust, { now: new Date(clock.getTime() + 2 * DAY_MS) })).toMatchObject({ status: 'installed', version: 2 });
    expect(await servedTotal(world.dataDir, snapshot.people[0]!.idNumber)).toBe(snapshot.people[0]!.householdTotalFen);
  });

  it('resets the version floor when keys rotate', async () => {
    const inflated = path.join(world.dir, 'inflated');
    makeBundle(inflated, { version: 999_999, signWith: stolen });
    expect(await world.sync(inflated, trust)).toMatchObject({ status: 'installed', version: 999_999 });

    const rotated = buildRoot({ version: 2, rootKeys: [rootKey], publishers: { [REGION]: { keys: [replacement] } }, signers: [rootKey] });
    const honest = path.join(world.dir, 'honest');
    const { snapshot } = makeBundle(honest, { version: 7, signWith: replacement });
    writeRoot(honest, rotated);

    expect(await world.sync(honest, trust)).toMatchObject({ status: 'installed', version: 7 });
    const state = readTrustedState(world.dataDir);
    expect(state.trustedVersions[REGION]).toBe(7);
    expect(state.trustedRootVersion).toBe(2);
    expect(await servedTotal(world.dataDir, snapshot.people[0]!.idNumber)).toBe(snapshot.people[0]!.householdTotalFen);
  });

  it('keeps the floor for a kept old key', async () => {
    const newer = path.join(world.dir, 'newer');
    makeBundle(newer, { version: 10, signWith: stolen });
    await world.sync(newer, trust);

    // Root 2 adds a key and keeps the old one; a mirror replays an older bundle of the old key.
    const widened = buildRoot({ version: 2, rootKeys: [rootKey], publishers: { [REGION]: { keys: [stolen, replacement] } }, signers: [rootKey] });
    const replay = path.join(world.dir, 'replay');
    makeBundle(replay, { version: 3, signWith: stolen });
    writeRoot(replay, widened);

    expect(await world.sync(replay, trust)).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 10, offered: 3 } });
    expect(readTrustedState(world.dataDir).trustedVersions[REGION]).toBe(10);
  });

  it('keeps the floor without a rotation', async () => {
    const high = path.join(world.dir, 'high');
    makeBundle(high, { version: 50, signWith: stolen });
    await world.sync(high, trust);

    const sameKeys = buildRoot({ version: 2, rootKeys: [rootKey], publishers: { [REGION]: { keys: [stolen] } }, signers: [rootKey] });
    const low = path.join(world.dir, 'low');
    makeBundle(low, { version: 7, signWith: stolen });
    writeRoot(low, sameKeys);

    expect(await world.sync(low, trust)).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 50, offered: 7 } });
  });
});

describe('recovery edge cases', () => {
  it('keeps the floor when keys are only added', async () => {
    const newer = path.join(world.dir, 'newer');
    makeBundle(newer, { version: 10, signWith: stolen });
    await world.sync(newer, trust);

    const widened = buildRoot({ version: 2, rootKeys: [rootKey], publishers: { [REGION]: { keys: [stolen, replacement] } }, signers: [rootKey] });
    const older = path.join(world.dir, 'older');
    makeBundle(older, { version: 3, signWith: replacement });
    writeRoot(older, widened);

    expect(await world.sync(older, trust)).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 10, offered: 3 } });
  });

  it('records no rotation after losing the stored root', async () => {
    const rotated = buildRoot({ version: 2, rootKeys: [rootKey], publishers: { [REGION]: { keys: [replacement] } }, signers: [rootKey] });
    const v4 = path.join(world.dir, 'v4');
    makeBundle(v4, { version: 4, signWith: replacement });
    writeRoot(v4, rotated);
    expect(await world.sync(v4, trust)).toMatchObject({ status: 'installed', version: 4 });

    rmSync(path.join(world.dataDir, 'trusted-root.json'));
    const v2 = path.join(world.dir, 'v2');
    makeBundle(v2, { version: 2, signWith: replacement });
    writeRoot(v2, rotated);

    expect(await world.sync(v2, trust)).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 4, offered: 2 } });
    expect(readTrustedState(world.dataDir).trustedRootVersion).toBe(2);
  });
});

describe('rotation across skipped root versions', () => {
  it('counts a key a skipped version added as old', async () => {
    const third = makeTestKeys();
    const newer = path.join(world.dir, 'newer');
    makeBundle(newer, { version: 10, signWith: stolen });
    await world.sync(newer, trust);

    // Root 2 adds `replacement` and root 3 removes `stolen`. The terminal walks 1 to 3 at once,
    // and a mirror offers an old bundle that `replacement` signed while root 2 was current.
    const root2 = buildRoot({ version: 2, rootKeys: [rootKey], publishers: { [REGION]: { keys: [stolen, replacement] } }, signers: [rootKey] });
    const root3 = buildRoot({ version: 3, rootKeys: [rootKey], publishers: { [REGION]: { keys: [replacement, third] } }, signers: [rootKey] });
    const replay = path.join(world.dir, 'replay');
    makeBundle(replay, { version: 4, signWith: replacement });
    writeRoot(replay, root2);
    writeRoot(replay, root3);

    expect(await world.sync(replay, trust)).toEqual({ status: 'rejected', reason: 'rollback', details: { installed: 10, offered: 4 } });

    const honest = path.join(world.dir, 'honest');
    makeBundle(honest, { version: 2, signWith: third });
    expect(await world.sync(honest, trust)).toMatchObject({ status: 'installed', version: 2, olderAfterRotation: true });
  });
});
