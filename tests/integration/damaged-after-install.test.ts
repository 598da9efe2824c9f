// A snapshot damaged after its install (a failing disk). The running kiosk returns lookups from
// the previous version of the same county. The next sync reinstalls the damaged version instead
// of reporting it up to date, and keeps the sound previous version as the rollback copy.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import type { TrustAnchor } from '../../src-main/core/trust/anchor.js';
import { makeBundle, makeTestKeys } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let keys: TestKeys;
let trust: TrustAnchor;
let dataDir: string;
let v1: { folder: string; snapshot: BuiltSnapshot };
let v2: { folder: string; snapshot: BuiltSnapshot };

beforeEach(async () => {
  temp = makeTempDir('minsheng-damaged-');
  keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
  dataDir = path.join(temp.dir, 'kiosk');
  const bundle = (version: number) => {
    const folder = path.join(temp.dir, `v${version}`);
    return { folder, snapshot: makeBundle(folder, { version, signWith: keys, households: 2, seed: version }).snapshot };
  };
  v1 = bundle(1);
  v2 = bundle(2);
  expect(await syncOnce({ source: v1.folder, trust, dataDir })).toMatchObject({ status: 'installed', version: 1 });
  expect(await syncOnce({ source: v2.folder, trust, dataDir })).toMatchObject({ status: 'installed', version: 2 });
});

afterEach(() => temp.remove());

function damageCurrent(): void {
  writeFileSync(snapshotFileOf(dataDir, pointerOrNull(dataDir, 'current')!), 'this was a snapshot before the disk failed');
}

describe('snapshot damaged after install', () => {
  it('serves the previous version meanwhile', async () => {
    const service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
    damageCurrent();

    const person = v1.snapshot.people[0]!;
    const result = await service.lookupHousehold(person.idNumber);
    service.close();

    expect(result.status).toBe('found');
    expect(result.status === 'found' ? result.household.totalFen : null).toBe(person.householdTotalFen);
  });

  it('reinstalls the damaged version on sync', async () => {
    damageCurrent();

    const outcome = await syncOnce({ source: v2.folder, trust, dataDir });

    expect(outcome).toMatchObject({ status: 'installed', version: 2, method: 'full' });
    expect(pointerOrNull(dataDir, 'previous')?.version).toBe(1);
    const service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
    const person = v2.snapshot.people[0]!;
    const result = await service.lookupHousehold(person.idNumber);
    service.close();
    expect(result.status === 'found' ? result.household.totalFen : null).toBe(person.householdTotalFen);
  });
});
