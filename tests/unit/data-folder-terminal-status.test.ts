// The problems that readTerminalReport finds while it reads a data folder, next to the ones a
// sync pass stored: expired data, a missing folder or a file in its place, and the time each
// problem shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { updateStatus, withProblem } from '../../src-main/core/data-folder/status.js';
import { readTerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const CREATED_AT = '2025-01-15T08:00:00.000Z';
const EXPIRES_AT = '2025-02-14T08:00:00.000Z';
// Cheap scrypt parameters keep the builds fast, because these tests do no lookups.
const LOOKUP_KEY = { algorithm: 'scrypt' as const, N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '5d'.repeat(16) };

let build: ReturnType<typeof makeTempDir>;
let snapshot: BuiltSnapshot;
let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;

beforeAll(() => {
  build = makeTempDir();
  snapshot = buildSnapshotFile(path.join(build.dir, 'snapshot.sqlite'), { version: 1, households: 1, lookupKey: LOOKUP_KEY });
  return () => build.remove();
});

beforeEach(async () => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  await installSnapshotFile(dataDir, snapshot.file, { createdAt: CREATED_AT, expiresAt: EXPIRES_AT });
});

afterEach(() => temp.remove());

describe('terminal report of expired data', () => {
  it('lists no problem before expiry', () => {
    const report = readTerminalReport(dataDir, new Date('2025-02-14T07:59:59.000Z'));

    expect(report.current?.expired).toBe(false);
    expect(report.status.problems).toEqual([]);
  });

  it('lists data-expired from the expiry instant', () => {
    const report = readTerminalReport(dataDir, new Date(EXPIRES_AT));

    expect(report.status.problems).toEqual([
      {
        code: 'data-expired',
        since: null,
        detail: `version 1 expired at ${EXPIRES_AT}; age in whole days: 30`,
        values: { version: 1, expiresAt: EXPIRES_AT, days: 30 },
      },
    ]);
  });

  it('counts age in whole days', () => {
    const report = readTerminalReport(dataDir, new Date('2025-02-16T07:59:59.000Z'));

    expect(report.current?.ageDays).toBe(31);
    expect(report.status.problems[0]?.values?.days).toBe(31);
  });
});

describe('terminal report of stored and live problems', () => {
  it('keeps the time of a stored problem', async () => {
    const since = new Date('2025-01-20T00:00:00.000Z');
    await updateStatus(dataDir, (status) => withProblem(status, 'disk-full', 'ENOSPC: no space left on device', since));

    const report = readTerminalReport(dataDir, new Date('2025-01-21T00:00:00.000Z'));

    expect(report.status.problems).toEqual([{ code: 'disk-full', since: since.toISOString(), detail: 'ENOSPC: no space left on device' }]);
  });

  it('marks a damaged snapshot as found now', () => {
    const pointer = pointerOrNull(dataDir, 'current');
    expect(pointer).not.toBeNull();
    writeFileSync(snapshotFileOf(dataDir, pointer!), 'not a database');

    const report = readTerminalReport(dataDir, new Date('2025-01-21T00:00:00.000Z'));

    expect(report.status.problems.map((problem) => problem.code)).toEqual(['corrupt-current']);
    expect(report.status.problems[0]!.since).toBeNull();
  });
});

describe('terminal report of the data folder path', () => {
  it('reports a missing folder', () => {
    const report = readTerminalReport(path.join(temp.dir, 'missing'));

    expect(report.dataDirState).toBe('missing');
    expect(report.current).toBeNull();
    expect(report.status.problems).toEqual([]);
  });

  it('reports a file in place of the folder', () => {
    const file = path.join(temp.dir, 'file.txt');
    writeFileSync(file, 'x');

    expect(readTerminalReport(file).dataDirState).toBe('not-a-folder');
  });

  it('reports a path below a file', () => {
    const file = path.join(temp.dir, 'file.txt');
    writeFileSync(file, 'x');

    expect(readTerminalReport(path.join(file, 'data')).dataDirState).toBe('not-a-folder');
  });

  it('reports an empty folder as present', () => {
    const empty = path.join(temp.dir, 'empty');
    mkdirSync(empty);

    const report = readTerminalReport(empty);

    expect(report.dataDirState).toBe('present');
    expect(report.status.problems).toEqual([]);
  });
});
