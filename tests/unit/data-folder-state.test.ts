import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataFolder, installSnapshot } from '../../src-main/core/data-folder/install.js';
import { CURRENT_POINTER, STATE_FILE, STATUS_FILE, newStagingFile } from '../../src-main/core/data-folder/layout.js';
import { effectiveNow, laterTime, readSyncState, writeSyncState } from '../../src-main/core/data-folder/state.js';
import { readStatus, updateStatus, withProblem } from '../../src-main/core/data-folder/status.js';
import type { TerminalStatus } from '../../src-main/core/data-folder/status.js';
import { readTerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;

beforeEach(async () => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  await ensureDataFolder(dataDir);
});

afterEach(() => temp.remove());

const EMPTY_STATE = { newestSignedTime: null, trustedVersions: {}, keyRotations: {}, rootVersion: null };
const EMPTY_STATUS: TerminalStatus = { lastSync: null, lastInstalled: null, problems: [] };

describe('sync state', () => {
  it('reads a missing file as empty without a problem', () => {
    expect(readSyncState(dataDir)).toEqual({ state: EMPTY_STATE, problem: null });
  });

  it('reads back what was written', async () => {
    const state = { newestSignedTime: '2025-01-15T08:00:00.000Z', trustedVersions: { '430121': 7, '433122': 2 }, keyRotations: { '430121': ['a'.repeat(64)] }, rootVersion: 3 };

    await writeSyncState(dataDir, state);

    expect(readSyncState(dataDir)).toEqual({ state, problem: null });
  });

  it('reads broken JSON as empty with the problem', () => {
    writeFileSync(path.join(dataDir, STATE_FILE), '{"newestSignedTime": ');

    const read = readSyncState(dataDir);

    expect(read.state).toEqual(EMPTY_STATE);
    expect(read.problem).not.toBeNull();
  });

  it('reads a wrong shape as empty with the problem', () => {
    writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify({ newestSignedTime: null, trustedVersions: { '430121': -1 } }));

    const read = readSyncState(dataDir);

    expect(read.state).toEqual(EMPTY_STATE);
    expect(read.problem).not.toBeNull();
  });

  it('refuses to write an invalid state', async () => {
    await expect(writeSyncState(dataDir, { newestSignedTime: 'yesterday', trustedVersions: {} })).rejects.toThrow();
    expect(readSyncState(dataDir).state).toEqual(EMPTY_STATE);
  });
});

describe('effectiveNow', () => {
  const clock = new Date('2025-02-01T00:00:00.000Z');

  it('uses the clock when no signed time is known', () => {
    expect(effectiveNow(clock, EMPTY_STATE)).toEqual(clock);
  });

  it('uses the clock when it is later than the signed time', () => {
    expect(effectiveNow(clock, { newestSignedTime: '2025-01-01T00:00:00.000Z', trustedVersions: {} })).toEqual(clock);
  });

  it('uses the signed time when the clock was turned back', () => {
    const signed = '2025-03-01T00:00:00.000Z';

    expect(effectiveNow(clock, { newestSignedTime: signed, trustedVersions: {} }).toISOString()).toBe(signed);
  });
});

describe('laterTime', () => {
  it('treats null as the distant past', () => {
    expect(laterTime(null, null)).toBeNull();
    expect(laterTime(null, '2025-01-01T00:00:00.000Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(laterTime('2025-01-01T00:00:00.000Z', null)).toBe('2025-01-01T00:00:00.000Z');
  });

  it('returns the later of two times', () => {
    expect(laterTime('2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z')).toBe('2025-01-02T00:00:00.000Z');
    expect(laterTime('2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z')).toBe('2025-01-02T00:00:00.000Z');
  });
});

describe('terminal status', () => {
  const now = new Date('2025-02-01T10:00:00.000Z');

  it('reads a missing file as empty', () => {
    expect(readStatus(dataDir)).toEqual(EMPTY_STATUS);
  });

  it('reads a damaged file as empty', () => {
    writeFileSync(path.join(dataDir, STATUS_FILE), '{"lastSync": {"at": 5}}');

    expect(readStatus(dataDir)).toEqual(EMPTY_STATUS);
  });

  it('writes a change and reads it back', async () => {
    const lastSync = { at: now.toISOString(), status: 'rejected' as const, reason: 'rollback', version: 3 };

    expect(await updateStatus(dataDir, (status) => ({ ...status, lastSync }))).toBe(true);

    expect(readStatus(dataDir)).toEqual({ ...EMPTY_STATUS, lastSync });
    expect(JSON.parse(readFileSync(path.join(dataDir, STATUS_FILE), 'utf8')).lastSync).toEqual(lastSync);
  });

  it('returns false when the folder cannot take the file', async () => {
    const missing = path.join(temp.dir, 'absent');

    expect(await updateStatus(missing, (status) => withProblem(status, 'disk-full', 'no space', now))).toBe(false);
  });

  it('keeps the first time a problem was seen', () => {
    const first = withProblem(EMPTY_STATUS, 'disk-full', 'no space left', now);
    const later = withProblem(first, 'disk-full', 'still no space', new Date('2025-02-02T10:00:00.000Z'));

    expect(later.problems).toEqual([{ code: 'disk-full', since: now.toISOString(), detail: 'still no space' }]);
  });

  it('clears one problem and keeps the others', () => {
    const both = withProblem(withProblem(EMPTY_STATUS, 'disk-full', 'no space', now), 'corrupt-current', 'damaged', now);

    const cleared = withProblem(both, 'disk-full', null, now);

    expect(cleared.problems.map((problem) => problem.code)).toEqual(['corrupt-current']);
  });

  it('cuts a long detail to 2000 characters', () => {
    const status = withProblem(EMPTY_STATUS, 'sync-failing', 'x'.repeat(5000), now);

    expect(status.problems[0]!.detail).toHaveLength(2000);
  });
});

describe('readTerminalReport', () => {
  it('reports an empty data folder', () => {
    const report = readTerminalReport(dataDir);

    expect(report.current).toBeNull();
    expect(report.currentProblem).toBeNull();
    expect(report.previousVersion).toBeNull();
    expect(report.trustedRootVersion).toBeNull();
    expect(report.trustedVersions).toEqual({});
  });

  it('summarises the installed pointers and state', async () => {
    for (const version of [1, 2]) {
      const staged = newStagingFile(dataDir, '.sqlite');
      writeFileSync(staged, `version ${version}`);
      await installSnapshot(
        dataDir,
        staged,
        {
          version,
          regionCode: '430121',
          regionName: '长沙县',
          hashAlgorithm: 'sm3',
          contentDigest: 'c'.repeat(64),
          createdAt: '2025-01-15T08:00:00.000Z',
          expiresAt: '2025-02-14T08:00:00.000Z',
        },
        new Date('2025-01-16T00:00:00.000Z'),
      );
    }
    await writeSyncState(dataDir, { newestSignedTime: '2025-01-15T08:00:00.000Z', trustedVersions: { '430121': 2 } });

    const report = readTerminalReport(dataDir, new Date('2025-02-20T00:00:00.000Z'));

    expect(report.current).toMatchObject({ version: 2, regionCode: '430121', expired: true, ageDays: 35 });
    expect(report.previousVersion).toBe(1);
    expect(report.trustedVersions).toEqual({ '430121': 2 });
    expect(report.newestSignedTime).toBe('2025-01-15T08:00:00.000Z');
  });

  it('names a damaged current pointer', () => {
    writeFileSync(path.join(dataDir, CURRENT_POINTER), '[]');

    const report = readTerminalReport(dataDir);

    expect(report.current).toBeNull();
    expect(report.currentProblem).not.toBeNull();
  });
});
