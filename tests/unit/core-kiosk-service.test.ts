import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { openSnapshot } from '../../src-main/core/store.js';
import { lookupHousehold } from '../../src-main/core/lookup.js';
import { buildSnapshotFile } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const SETTINGS = {
  terminalName: '黄兴镇便民服务中心 1 号机',
  defaultLanguage: 'zh-CN' as const,
  idleTimeoutSeconds: 90,
  idleWarningSeconds: 20,
};

let temp: ReturnType<typeof makeTempDir>;
let service: KioskService;
let dbFile: string;

beforeEach(() => {
  temp = makeTempDir();
  dbFile = path.join(temp.dir, 'data', 'snapshot.sqlite');
  service = createKioskService({ dbFile, settings: SETTINGS });
});

afterEach(() => {
  service.close();
  temp.remove();
});

/** Builds a snapshot elsewhere and renames it onto dbFile, as sync does. */
function installByRename(version: number) {
  const built = buildSnapshotFile(path.join(temp.dir, `build-${version}`, 'snapshot.sqlite'), { version, households: 2 });
  const staging = `${dbFile}.staging-test`;
  mkdirSync(path.dirname(dbFile), { recursive: true });
  copyFileSync(built.file, staging);
  renameSync(staging, dbFile);
  return built;
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
    mkdirSync(path.dirname(dbFile), { recursive: true });
    writeFileSync(dbFile, 'not a database at all, just text');

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold('430121198001011234')).toEqual({ status: 'no-data' });
  });

  it('reports no data for an unsupported format, then recovers', async () => {
    const old = installByRename(1);
    const db = new Database(dbFile);
    db.prepare("UPDATE meta SET value = '1' WHERE key = 'format'").run();
    db.close();

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold(old.people[0]!.idNumber)).toEqual({ status: 'no-data' });

    const built = installByRename(2);
    expect((await service.getSnapshotInfo())?.version).toBe(2);
    expect((await service.lookupHousehold(built.people[0]!.idNumber)).status).toBe('found');
  });

  it('picks up the first install without restart', async () => {
    expect(await service.getSnapshotInfo()).toBeNull();
    rmSync(path.dirname(dbFile), { recursive: true, force: true });
    const built = buildSnapshotFile(dbFile, { version: 1, households: 2 });

    expect((await service.getSnapshotInfo())?.version).toBe(1);
    expect((await service.lookupHousehold(built.people[0]!.idNumber)).status).toBe('found');
  });

  it('reopens after the file is replaced', async () => {
    const first = installByRename(1);
    expect((await service.getSnapshotInfo())?.version).toBe(1);
    expect((await service.lookupHousehold(first.people[0]!.idNumber)).status).toBe('found');

    const second = installByRename(2);

    expect((await service.getSnapshotInfo())?.version).toBe(2);
    expect((await service.lookupHousehold(second.people[0]!.idNumber)).status).toBe('found');
    // Version 2 has its own salt and people, so version 1's person is gone.
    expect((await service.lookupHousehold(first.people[0]!.idNumber)).status).toBe('not-found');
  });

  it('leaves readers of the old file working', async () => {
    const first = installByRename(1);
    const oldReader = openSnapshot(dbFile);

    installByRename(2);

    expect(lookupHousehold(oldReader, first.people[0]!.idNumber).status).toBe('found');
    expect((await service.getSnapshotInfo())?.version).toBe(2);
    oldReader.close();
  });

  it('returns no data after the file is removed', async () => {
    installByRename(1);
    expect((await service.getSnapshotInfo())?.version).toBe(1);

    rmSync(dbFile);

    expect(await service.getSnapshotInfo()).toBeNull();
    expect(await service.lookupHousehold('430121198001011234')).toEqual({ status: 'no-data' });
  });
});
