import { existsSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { swapToPrevious } from '../../src-main/core/data-folder/install.js';
import { CURRENT_POINTER } from '../../src-main/core/data-folder/layout.js';
import { snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { writeSyncState } from '../../src-main/core/data-folder/state.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { openSnapshot } from '../../src-main/core/store.js';
import { lookupHousehold } from '../../src-main/core/lookup.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';

const SETTINGS = { ...TEST_SETTINGS, homeRegionCode: '430121' };

let temp: ReturnType<typeof makeTempDir>;
let service: KioskService;
let dataDir: string;

beforeEach(() => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  service = createKioskService({ dataDir, settings: SETTINGS });
});

afterEach(() => {
  service.close();
  temp.remove();
});

/** Builds a snapshot outside the data folder and installs it by pointer, as sync does. */
async function install(version: number, dates: { createdAt?: string; expiresAt?: string } = {}) {
  const built = buildSnapshotFile(path.join(temp.dir, `build-${version}`, 'snapshot.sqlite'), { version, households: 2 });
  const pointer = await installSnapshotFile(dataDir, built.file, dates);
  return { ...built, pointer };
}

describe('createKioskService', () => {
  it('returns the settings', async () => {
    expect(await service.getSettings()).toEqual(SETTINGS);
  });

  it('reports no data before the first install', async () => {
    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold('430121198001011234')).toEqual({ status: 'no-data' });
  });

  it('reports no data for a file that is not a snapshot', async () => {
    const { pointer } = await install(1);
    writeFileSync(snapshotFileOf(dataDir, pointer), 'not a database at all, just text');

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold('430121198001011234')).toEqual({ status: 'no-data' });
  });

  it('reports no data for a damaged pointer', async () => {
    const first = await install(1);
    expect((await service.getSnapshotInfo())?.version).toBe(1);

    writeFileSync(path.join(dataDir, CURRENT_POINTER), '{"version": 1, "file": "../../etc/passwd"');

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold(first.people[0]!.idNumber)).toEqual({ status: 'no-data' });
  });

  it('reports no data for an unsupported format, then recovers', async () => {
    const old = await install(1);
    const db = new Database(snapshotFileOf(dataDir, old.pointer));
    db.prepare("UPDATE meta SET value = '1' WHERE key = 'format'").run();
    db.close();

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold(old.people[0]!.idNumber)).toEqual({ status: 'no-data' });

    const built = await install(2);
    expect((await service.getSnapshotInfo())?.version).toBe(2);
    expect((await service.lookupHousehold(built.people[0]!.idNumber)).status).toBe('found');
  });

  it('picks up the first install without restart', async () => {
    expect(await service.getSnapshotInfo()).toBeNull();

    const built = await install(1);

    expect((await service.getSnapshotInfo())?.version).toBe(1);
    expect((await service.lookupHousehold(built.people[0]!.idNumber)).status).toBe('found');
  });

  it('reopens after the pointer changes', async () => {
    const first = await install(1);
    expect((await service.getSnapshotInfo())?.version).toBe(1);
    expect((await service.lookupHousehold(first.people[0]!.idNumber)).status).toBe('found');

    const second = await install(2);

    expect((await service.getSnapshotInfo())?.version).toBe(2);
    expect((await service.lookupHousehold(second.people[0]!.idNumber)).status).toBe('found');
    // Version 2 has its own salt and people, so version 1's person is gone.
    expect((await service.lookupHousehold(first.people[0]!.idNumber)).status).toBe('not-found');
  });

  it('follows a swap back to the previous snapshot', async () => {
    const first = await install(1);
    await install(2);
    expect((await service.getSnapshotInfo())?.version).toBe(2);

    await swapToPrevious(dataDir);

    expect((await service.getSnapshotInfo())?.version).toBe(1);
    expect((await service.lookupHousehold(first.people[0]!.idNumber)).status).toBe('found');
  });

  it('leaves readers of a removed file working', async () => {
    const first = await install(1);
    const oldFile = snapshotFileOf(dataDir, first.pointer);
    const oldReader = openSnapshot(oldFile);

    // Version 3 pushes version 1 out of both pointers, so its file is unlinked.
    await install(2);
    await install(3);
    expect(existsSync(oldFile)).toBe(false);

    expect(lookupHousehold(oldReader, first.people[0]!.idNumber).status).toBe('found');
    expect((await service.getSnapshotInfo())?.version).toBe(3);
    oldReader.close();
  });

  it('returns no data after the pointer is removed', async () => {
    await install(1);
    expect((await service.getSnapshotInfo())?.version).toBe(1);

    rmSync(path.join(dataDir, CURRENT_POINTER));

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold('430121198001011234')).toEqual({ status: 'no-data' });
  });

  it('takes expiry from the pointer', async () => {
    const clock = new Date('2025-03-01T00:00:00.000Z');
    service.close();
    service = createKioskService({ dataDir, settings: SETTINGS, clock: () => clock });
    await install(1, { createdAt: '2025-01-15T08:00:00.000Z', expiresAt: '2025-02-14T08:00:00.000Z' });

    const info = await service.getSnapshotInfo();

    expect(info?.expiresAt).toBe('2025-02-14T08:00:00.000Z');
    expect(info?.expired).toBe(true);
    expect(info?.ageDays).toBe(44);
  });

  it('judges expiry by the newest signed time when the clock is behind', async () => {
    const clock = new Date('2025-01-20T00:00:00.000Z');
    service.close();
    service = createKioskService({ dataDir, settings: SETTINGS, clock: () => clock });
    await install(1, { createdAt: '2025-01-15T08:00:00.000Z', expiresAt: '2025-02-14T08:00:00.000Z' });
    expect((await service.getSnapshotInfo())?.expired).toBe(false);

    // A signed time seen after expiry means the clock was turned back.
    await writeSyncState(dataDir, { newestSignedTime: '2025-03-01T00:00:00.000Z', trustedVersions: { '430121': 1 } });

    expect((await service.getSnapshotInfo())?.expired).toBe(true);
  });
});
