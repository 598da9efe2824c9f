// Nothing is persisted before every check passed. After each kind of rejection the data
// folder's files other than status.json and downloads/ are byte-identical to before, and the
// newest signed time did not move, even for a rejected manifest signed far in the future.
// status.json records the rejection for the admin screen.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatus } from '../../../src-main/core/data-folder/status.js';
import { MANIFEST_FILE } from '../../../src-main/core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT } from '../../../src-main/core/snapshot/schema.js';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import { createWorld, daysAfter, fingerprintDataFolder, readManifest, readTrustedState, servedTotal } from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../../helpers/make-bundle.js';

let world: World;
let keys: TestKeys;
let trust: TrustAnchor;
let v1: BuiltSnapshot;

beforeAll(async () => {
  world = createWorld();
  keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
  v1 = makeBundle(path.join(world.dir, 'server', 'v1'), { version: 1, signWith: keys }).snapshot;
  expect(await world.sync(path.join(world.dir, 'server', 'v1'), trust)).toMatchObject({ status: 'installed', version: 1 });
});

afterAll(() => world?.remove());

/** A version 2 bundle in its own folder, changed by `damage` after signing. */
function damagedBundle(name: string, options: Parameters<typeof makeBundle>[1], damage: (folder: string) => void = () => undefined): string {
  const folder = path.join(world.dir, 'server', name);
  makeBundle(folder, options);
  damage(folder);
  return folder;
}

function payloadOf(folder: string): string {
  return path.join(folder, readManifest(folder).signed.payload.path);
}

const FAR_FUTURE = daysAfter(new Date(), 3000);

const cases: [reason: string, makeFolder: () => string][] = [
  ['wrong-region', () => damagedBundle('wrong-region', { version: 2, regionCode: '430122', createdAt: FAR_FUTURE, signWith: keys })],
  ['unknown-key', () => damagedBundle('unknown-key', { version: 2, createdAt: FAR_FUTURE, signWith: makeTestKeys() })],
  ['expired', () => damagedBundle('expired', { version: 2, expired: true, signWith: keys })],
  ['unsupported-format', () => damagedBundle('format', { version: 2, signedOverrides: { snapshotFormat: SNAPSHOT_FORMAT + 1 }, signWith: keys })],
  ['hash-mismatch', () =>
    damagedBundle('hash', { version: 2, createdAt: FAR_FUTURE, signWith: keys }, (folder) => {
      const bytes = readFileSync(payloadOf(folder));
      const position = bytes.length - 20;
      bytes[position] = bytes[position]! ^ 0x01;
      writeFileSync(payloadOf(folder), bytes);
    })],
  ['length-mismatch', () => damagedBundle('length', { version: 2, signWith: keys }, (folder) => appendFileSync(payloadOf(folder), Buffer.alloc(7)))],
  ['content-digest-mismatch', () => damagedBundle('content', { version: 2, signedOverrides: { contentDigest: 'ab'.repeat(32) }, signWith: keys })],
  ['integrity-check-failed', () => damagedBundle('meta', { version: 2, metaOverrides: { region_code: '430122' }, signWith: keys })],
  ['malformed-manifest', () =>
    damagedBundle('malformed', { version: 2, signWith: keys }, (folder) => {
      const file = path.join(folder, MANIFEST_FILE);
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    })],
];

describe('nothing persisted on rejection', () => {
  for (const [reason, makeFolder] of cases) {
    it(`leaves the data folder unchanged (${reason})`, async () => {
      const folder = makeFolder();
      const before = fingerprintDataFolder(world.dataDir);
      const stateBefore = readTrustedState(world.dataDir);

      const outcome = await world.sync(folder, trust);

      expect(outcome).toMatchObject({ status: 'rejected', reason });
      expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
      expect(readTrustedState(world.dataDir)).toEqual(stateBefore);
      expect(readStatus(world.dataDir).lastSync).toMatchObject({ status: 'rejected', reason });
      expect(await servedTotal(world.dataDir, v1.people[0]!.idNumber)).toBe(v1.people[0]!.householdTotalFen);
    });
  }
});
