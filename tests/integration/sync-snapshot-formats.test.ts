// Snapshot formats 3 and 4 on one terminal: a kiosk upgraded before its county republishes keeps
// a format-3 snapshot, shows its data, still accepts format-3 bundles, moves on to format 4, and
// rejects format 5. Bundles travel through the real sync from a folder into a data folder.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { BundleRejection, checkSnapshotFile, checkSnapshotFormat } from '../../src-main/core/sync/verify.js';
import { buildSnapshotFile, makeTestKeys, writeBundle } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';

const SETTINGS = { ...TEST_SETTINGS, homeRegionCode: '430121' };

const temp = makeTempDir('minsheng-formats-');
const bundles = path.join(temp.dir, 'bundles');
let keys: TestKeys;

/** Builds a snapshot of `format`: format 3 lacks report_progress, format 5 is format 4 relabelled. */
function buildWithFormat(version: number, format: 3 | 4 | 5): BuiltSnapshot {
  const snapshot = buildSnapshotFile(path.join(temp.dir, 'build', `v${version}-format-${format}.sqlite`), {
    version,
    households: 2,
    metaOverrides: { format: String(format) },
  });
  if (format === 3) {
    const db = new Database(snapshot.file);
    db.exec('DROP TABLE report_progress');
    db.close();
  }
  return snapshot;
}

function bundleWithFormat(name: string, version: number, format: 3 | 4 | 5): { snapshot: BuiltSnapshot; manifest: Manifest } {
  const snapshot = buildWithFormat(version, format);
  const manifest = writeBundle(path.join(bundles, name), snapshot, { signWith: keys, signedOverrides: { snapshotFormat: format } });
  return { snapshot, manifest };
}

function syncFrom(name: string, dataDir: string) {
  return syncOnce({ source: path.join(bundles, name), trust: { kind: 'publisher-keys', keys: [keys.publicKey] }, dataDir });
}

function reasonOf(check: () => void): string {
  try {
    check();
    return 'accepted';
  } catch (error) {
    if (error instanceof BundleRejection) return `${error.reason} ${JSON.stringify(error.details)}`;
    throw error;
  }
}

beforeAll(() => {
  keys = makeTestKeys();
});

afterAll(() => temp.remove());

describe('kiosk on format 3, then 4', () => {
  const dataDir = path.join(temp.dir, 'kiosk');
  let service: KioskService;
  let formatThree: BuiltSnapshot;
  let formatFour: BuiltSnapshot;

  beforeAll(() => {
    formatThree = bundleWithFormat('v1-format-3', 1, 3).snapshot;
    formatFour = bundleWithFormat('v2-format-4', 2, 4).snapshot;
    bundleWithFormat('v3-format-5', 3, 5);
    service = createKioskService({ dataDir, settings: SETTINGS });
  });

  afterAll(() => service.close());

  it('installs a format-3 bundle', async () => {
    expect(await syncFrom('v1-format-3', dataDir)).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
  });

  it('serves lookups from format 3', async () => {
    expect((await service.getSnapshotInfo())?.version).toBe(1);
    expect((await service.lookupHousehold(formatThree.people[0]!.idNumber)).status).toBe('found');
  });

  it('moves on to a format-4 bundle', async () => {
    expect(await syncFrom('v2-format-4', dataDir)).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });

    expect((await service.getSnapshotInfo())?.version).toBe(2);
    expect((await service.lookupHousehold(formatFour.people[0]!.idNumber)).status).toBe('found');
  });

  it('rejects a format-5 bundle', async () => {
    const outcome = await syncFrom('v3-format-5', dataDir);

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'unsupported-format' });
    expect(outcome).toMatchObject({ details: { field: 'signed.snapshotFormat', expected: '3, 4', actual: 5 } });
    expect((await service.getSnapshotInfo())?.version).toBe(2);
  });
});

describe('format checks', () => {
  let manifests: Record<3 | 4 | 5, Manifest>;
  let snapshots: Record<3 | 4 | 5, BuiltSnapshot>;

  beforeAll(() => {
    const three = bundleWithFormat('check-3', 1, 3);
    const four = bundleWithFormat('check-4', 1, 4);
    const five = bundleWithFormat('check-5', 1, 5);
    manifests = { 3: three.manifest, 4: four.manifest, 5: five.manifest };
    snapshots = { 3: three.snapshot, 4: four.snapshot, 5: five.snapshot };
  });

  it.each([3, 4] as const)('accept a format-%i manifest', (format) => {
    expect(reasonOf(() => checkSnapshotFormat(manifests[format]))).toBe('accepted');
  });

  it('reject a format-5 manifest', () => {
    expect(reasonOf(() => checkSnapshotFormat(manifests[5]))).toMatch(/^unsupported-format /);
  });

  it.each([3, 4] as const)('accept a format-%i snapshot file', (format) => {
    expect(reasonOf(() => checkSnapshotFile(snapshots[format].file, manifests[format]))).toBe('accepted');
  });

  it('reject a format-5 snapshot file', () => {
    expect(reasonOf(() => checkSnapshotFile(snapshots[5].file, manifests[5]))).toMatch(/^unsupported-format .*"field":"meta.format"/);
  });

  it('reject a file of another format than announced', () => {
    // A format-3 file under a manifest that announces format 4 would hide a missing table.
    expect(reasonOf(() => checkSnapshotFile(snapshots[3].file, manifests[4]))).toMatch(/^integrity-check-failed .*format 3.*format 4/);
  });
});

describe('kiosk with an installed format-5 file', () => {
  it('reports no data', async () => {
    const dataDir = path.join(temp.dir, 'kiosk-5');
    expect(await syncFrom('v2-format-4', dataDir)).toMatchObject({ status: 'installed', version: 2 });

    // Only a newer build could have installed such a file; this build must not misread it.
    const db = new Database(snapshotFileOf(dataDir, pointerOrNull(dataDir, 'current')!));
    db.prepare("UPDATE meta SET value = '5' WHERE key = 'format'").run();
    db.close();

    const service = createKioskService({ dataDir, settings: SETTINGS });
    try {
      expect(await service.getSnapshotInfo()).toBeNull();
      expect(await service.lookupHousehold('430121198001011234')).toEqual({ status: 'no-data' });
    } finally {
      service.close();
    }
  });
});
