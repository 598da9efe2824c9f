import { statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_POINTER } from '../../src-main/core/data-folder/layout.js';
import { pointerOrNull, readPointer, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import type { Pointer } from '../../src-main/core/data-folder/pointer.js';
import { checkInstalledAtStart, checkSnapshotSound } from '../../src-main/core/data-folder/startup-check.js';
import { readStatus, updateStatus, withProblem } from '../../src-main/core/data-folder/status.js';
import { readTerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;

const NOW = new Date('2025-02-01T10:00:00.000Z');
// Cheap scrypt parameters keep the builds fast, because these tests do no lookups.
const LOOKUP_KEY = { algorithm: 'scrypt' as const, N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '1e'.repeat(16) };

beforeEach(() => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
});

afterEach(() => temp.remove());

async function install(version: number): Promise<Pointer> {
  const built = buildSnapshotFile(path.join(temp.dir, `build-${version}`, 'snapshot.sqlite'), {
    version,
    households: 1,
    fillerHouseholds: 50,
    lookupKey: LOOKUP_KEY,
  });
  return installSnapshotFile(dataDir, built.file);
}

function overwriteHeader(pointer: Pointer): void {
  writeFileSync(snapshotFileOf(dataDir, pointer), 'this was a snapshot before the disk failed');
}

function corruptProblem() {
  return readStatus(dataDir).problems.find((problem) => problem.code === 'corrupt-current');
}

describe('checkSnapshotSound', () => {
  it('passes an installed snapshot', async () => {
    const pointer = await install(1);

    expect(checkSnapshotSound(snapshotFileOf(dataDir, pointer))).toBeNull();
  });

  it('names the problem of a file that is not SQLite', async () => {
    const pointer = await install(1);
    overwriteHeader(pointer);

    expect(checkSnapshotSound(snapshotFileOf(dataDir, pointer))).toMatch(/not a database/);
  });

  it('names the problem of a truncated file', async () => {
    const pointer = await install(1);
    const file = snapshotFileOf(dataDir, pointer);
    expect(statSync(file).size).toBeGreaterThan(3 * 4096);
    truncateSync(file, 4096);

    expect(checkSnapshotSound(snapshotFileOf(dataDir, pointer))).not.toBeNull();
  });

  it('names the problem of a missing file', () => {
    expect(checkSnapshotSound(path.join(temp.dir, 'absent.sqlite'))).not.toBeNull();
  });
});

describe('checkInstalledAtStart', () => {
  it('reports none before the first install', async () => {
    expect(await checkInstalledAtStart(dataDir, NOW)).toEqual({ status: 'none' });
  });

  it('reports a sound current snapshot', async () => {
    await install(1);

    expect(await checkInstalledAtStart(dataDir, NOW)).toEqual({ status: 'ok', version: 1 });
    expect(corruptProblem()).toBeUndefined();
  });

  it('clears an old corruption problem once current is sound', async () => {
    await install(1);
    await updateStatus(dataDir, (status) => withProblem(status, 'corrupt-current', 'version 0 is damaged', NOW));

    await checkInstalledAtStart(dataDir, NOW);

    expect(corruptProblem()).toBeUndefined();
  });

  it('goes back to a sound previous snapshot', async () => {
    const first = await install(1);
    const second = await install(2);
    overwriteHeader(second);

    const check = await checkInstalledAtStart(dataDir, NOW);

    expect(check.status).toBe('recovered');
    expect(check).toMatchObject({ version: 1, damagedVersion: 2 });
    expect(pointerOrNull(dataDir, 'current')).toEqual(first);
    expect(pointerOrNull(dataDir, 'previous')).toEqual(second);
  });

  it('records the recovery for the technician', async () => {
    await install(1);
    const second = await install(2);
    overwriteHeader(second);

    await checkInstalledAtStart(dataDir, NOW);

    expect(corruptProblem()?.since).toBe(NOW.toISOString());
    expect(corruptProblem()?.detail).toContain('version 2 is damaged');
    expect(corruptProblem()?.detail).toContain('serving version 1');
  });

  it('goes back from a damaged current pointer', async () => {
    const first = await install(1);
    await install(2);
    writeFileSync(path.join(dataDir, CURRENT_POINTER), '{"version": 2,');

    const check = await checkInstalledAtStart(dataDir, NOW);

    expect(check).toMatchObject({ status: 'recovered', version: 1 });
    if (check.status !== 'recovered') return;
    expect(check.problem).toContain('current.json');
    expect(pointerOrNull(dataDir, 'current')).toEqual(first);
  });

  it('removes the pointer when nothing sound is left', async () => {
    const first = await install(1);
    const second = await install(2);
    overwriteHeader(first);
    overwriteHeader(second);

    const check = await checkInstalledAtStart(dataDir, NOW);

    expect(check.status).toBe('unusable');
    expect(readPointer(dataDir, 'current')).toEqual({ status: 'absent' });
    expect(corruptProblem()?.detail).toContain('no data until the next sync');
  });

  it('removes the pointer of a damaged only snapshot', async () => {
    const only = await install(1);
    overwriteHeader(only);

    const check = await checkInstalledAtStart(dataDir, NOW);

    expect(check.status).toBe('unusable');
    expect(readPointer(dataDir, 'current')).toEqual({ status: 'absent' });
    expect(corruptProblem()?.detail).toContain('no previous snapshot');
  });

  it('reports none on the start after an unusable one', async () => {
    overwriteHeader(await install(1));
    await checkInstalledAtStart(dataDir, NOW);

    expect(await checkInstalledAtStart(dataDir, NOW)).toEqual({ status: 'none' });
    // The problem stays until a sync installs a sound snapshot.
    expect(corruptProblem()).toBeDefined();
  });
});

describe('terminal report before any host start', () => {
  it('lists a damaged current snapshot', async () => {
    const pointer = await install(1);
    overwriteHeader(pointer);

    const report = readTerminalReport(dataDir, NOW);

    expect(report.status.problems.map((problem) => problem.code)).toEqual(['corrupt-current']);
    expect(report.current?.version).toBe(1);
  });

  it('lists a damaged current pointer', async () => {
    await install(1);
    writeFileSync(path.join(dataDir, CURRENT_POINTER), '{ not json');

    const report = readTerminalReport(dataDir, NOW);

    expect(report.current).toBeNull();
    expect(report.status.problems.map((problem) => problem.code)).toEqual(['corrupt-current']);
  });

  it('lists no problem for a sound snapshot', async () => {
    await install(1);
    expect(readTerminalReport(dataDir, NOW).status.problems).toEqual([]);
  });
});

describe('start check after a move to another county', () => {
  it('does not fall back to the old county', async () => {
    const old = buildSnapshotFile(path.join(temp.dir, 'old', 'snapshot.sqlite'), { version: 5, regionCode: '431226', households: 1, lookupKey: LOOKUP_KEY });
    await installSnapshotFile(dataDir, old.file);
    const moved = await install(1);
    overwriteHeader(moved);

    const check = await checkInstalledAtStart(dataDir, NOW);

    expect(check.status).toBe('unusable');
    expect(readPointer(dataDir, 'current').status).toBe('absent');
  });
});
