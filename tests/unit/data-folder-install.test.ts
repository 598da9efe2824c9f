import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureDataFolder,
  installSnapshot,
  removeOtherDownloads,
  removeStaleStagingFiles,
  removeUnreferencedSnapshots,
  swapToPrevious,
} from '../../src-main/core/data-folder/install.js';
import type { NewSnapshot } from '../../src-main/core/data-folder/install.js';
import {
  CURRENT_POINTER,
  DOWNLOADS_FOLDER,
  PREVIOUS_POINTER,
  downloadPath,
  newSnapshotName,
  newStagingFile,
} from '../../src-main/core/data-folder/layout.js';
import { pointerOrNull, readPointer, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;

const NOW = new Date('2025-02-01T10:00:00.000Z');

beforeEach(async () => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  await ensureDataFolder(dataDir);
});

afterEach(() => temp.remove());

function describeVersion(version: number): NewSnapshot {
  return {
    version,
    regionCode: '430121',
    regionName: '长沙县',
    hashAlgorithm: 'sha256',
    contentDigest: String(version % 10).repeat(64),
    createdAt: '2025-01-15T08:00:00.000Z',
    expiresAt: '2025-02-14T08:00:00.000Z',
  };
}

/** Stages a file whose text names the version, and installs it as sync would. */
async function installText(version: number) {
  const staged = newStagingFile(dataDir, '.sqlite');
  writeFileSync(staged, `version ${version}`);
  return installSnapshot(dataDir, staged, describeVersion(version), NOW);
}

function snapshotNames(): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith('snapshot-')).sort();
}

function stagingNames(): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith('.staging-'));
}

describe('installSnapshot', () => {
  it('installs the first file without a previous', async () => {
    const pointer = await installText(1);

    expect(pointerOrNull(dataDir, 'current')).toEqual(pointer);
    expect(readFileSync(snapshotFileOf(dataDir, pointer), 'utf8')).toBe('version 1');
    expect(readPointer(dataDir, 'previous')).toEqual({ status: 'absent' });
    expect(stagingNames()).toEqual([]);
  });

  it('records the signed values and install time', async () => {
    const pointer = await installText(4);

    expect(pointer).toMatchObject(describeVersion(4));
    expect(pointer.installedAt).toBe(NOW.toISOString());
    expect(pointer.file).toMatch(/^snapshot-4-[0-9a-f]{12}\.sqlite$/);
  });

  it('keeps the replaced snapshot as previous', async () => {
    const first = await installText(1);
    const second = await installText(2);

    expect(pointerOrNull(dataDir, 'current')).toEqual(second);
    expect(pointerOrNull(dataDir, 'previous')).toEqual(first);
    expect(readFileSync(snapshotFileOf(dataDir, first), 'utf8')).toBe('version 1');
    expect(readFileSync(snapshotFileOf(dataDir, second), 'utf8')).toBe('version 2');
  });

  it('removes the file that falls out of both pointers', async () => {
    const first = await installText(1);
    const second = await installText(2);
    const third = await installText(3);

    expect(snapshotNames()).toEqual([second.file, third.file].sort());
    expect(existsSync(snapshotFileOf(dataDir, first))).toBe(false);
  });

  it('gives a reinstalled version a new file name', async () => {
    const first = await installText(5);
    const again = await installText(5);

    expect(again.file).not.toBe(first.file);
    expect(pointerOrNull(dataDir, 'previous')?.file).toBe(first.file);
  });
});

describe('swapToPrevious', () => {
  it('returns null without a previous', async () => {
    const only = await installText(1);

    expect(await swapToPrevious(dataDir)).toBeNull();
    expect(pointerOrNull(dataDir, 'current')).toEqual(only);
  });

  it('exchanges current and previous', async () => {
    const first = await installText(1);
    const second = await installText(2);

    expect(await swapToPrevious(dataDir)).toEqual(first);

    expect(pointerOrNull(dataDir, 'current')).toEqual(first);
    expect(pointerOrNull(dataDir, 'previous')).toEqual(second);
    expect(snapshotNames()).toEqual([first.file, second.file].sort());
  });

  it('swaps back on a second call', async () => {
    await installText(1);
    const second = await installText(2);

    await swapToPrevious(dataDir);
    await swapToPrevious(dataDir);

    expect(pointerOrNull(dataDir, 'current')).toEqual(second);
  });

  it('makes previous current when current is missing', async () => {
    const first = await installText(1);
    await installText(2);
    writeFileSync(path.join(dataDir, CURRENT_POINTER), 'not json');

    expect(await swapToPrevious(dataDir)).toEqual(first);
    expect(pointerOrNull(dataDir, 'current')).toEqual(first);
  });
});

describe('removeUnreferencedSnapshots', () => {
  it('keeps the current and previous files', async () => {
    const first = await installText(1);
    const second = await installText(2);

    expect(await removeUnreferencedSnapshots(dataDir)).toEqual([]);
    expect(snapshotNames()).toEqual([first.file, second.file].sort());
  });

  it('removes a file renamed in before its pointer was written', async () => {
    // A pass killed between the rename and the pointer write leaves this file behind.
    const current = await installText(1);
    const orphan = newSnapshotName(2);
    writeFileSync(path.join(dataDir, orphan), 'version 2');

    expect(await removeUnreferencedSnapshots(dataDir)).toEqual([orphan]);
    expect(snapshotNames()).toEqual([current.file]);
  });

  it('leaves files that are not snapshots', async () => {
    await installText(1);
    writeFileSync(path.join(dataDir, 'notes.txt'), 'technician notes');
    writeFileSync(path.join(dataDir, 'snapshot-2-abc.sqlite'), 'not a generated name');

    expect(await removeUnreferencedSnapshots(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'notes.txt'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'snapshot-2-abc.sqlite'))).toBe(true);
  });

  it('removes every snapshot when no pointer names one', async () => {
    const orphan = newSnapshotName(1);
    writeFileSync(path.join(dataDir, orphan), 'version 1');

    expect(await removeUnreferencedSnapshots(dataDir)).toEqual([orphan]);
  });

  it('keeps every file while a pointer is damaged', async () => {
    // The damaged pointer may still name a sound file that a technician can restore.
    const current = await installText(1);
    const orphan = newSnapshotName(2);
    writeFileSync(path.join(dataDir, orphan), 'version 2');
    writeFileSync(path.join(dataDir, PREVIOUS_POINTER), '{"version": ');

    expect(await removeUnreferencedSnapshots(dataDir)).toEqual([]);
    expect(snapshotNames()).toEqual([current.file, orphan].sort());
  });

  it('accepts a missing folder', async () => {
    expect(await removeUnreferencedSnapshots(path.join(temp.dir, 'absent'))).toEqual([]);
  });
});

describe('removeStaleStagingFiles', () => {
  it('removes only staging files', async () => {
    const current = await installText(1);
    writeFileSync(newStagingFile(dataDir), 'partial');
    writeFileSync(newStagingFile(dataDir, '.gz'), 'partial');
    writeFileSync(path.join(dataDir, 'other.sqlite.staging-abc'), 'not ours');

    const removed = await removeStaleStagingFiles(dataDir);

    expect(removed).toHaveLength(2);
    expect(readdirSync(dataDir).sort()).toEqual(
      [CURRENT_POINTER, DOWNLOADS_FOLDER, 'other.sqlite.staging-abc', current.file].sort(),
    );
  });

  it('accepts a missing folder', async () => {
    expect(await removeStaleStagingFiles(path.join(temp.dir, 'absent'))).toEqual([]);
  });
});

describe('removeOtherDownloads', () => {
  it('keeps only the named partial downloads', async () => {
    const keep = 'a'.repeat(64);
    const stale = 'b'.repeat(64);
    writeFileSync(downloadPath(dataDir, keep), 'resumable');
    writeFileSync(downloadPath(dataDir, stale), 'old manifest');

    await removeOtherDownloads(dataDir, [keep]);

    expect(readdirSync(path.join(dataDir, DOWNLOADS_FOLDER))).toEqual([`${keep}.part`]);
  });
});

describe('readPointer', () => {
  it('reads a missing pointer as absent', () => {
    expect(readPointer(dataDir, 'current')).toEqual({ status: 'absent' });
  });

  it('reads broken JSON as invalid', () => {
    writeFileSync(path.join(dataDir, CURRENT_POINTER), '{"version": 1');

    expect(readPointer(dataDir, 'current').status).toBe('invalid');
    expect(pointerOrNull(dataDir, 'current')).toBeNull();
  });

  it('names the field of an invalid pointer', async () => {
    const pointer = await installText(1);
    writeFileSync(path.join(dataDir, PREVIOUS_POINTER), JSON.stringify({ ...pointer, file: '../outside.sqlite' }));

    const read = readPointer(dataDir, 'previous');

    expect(read.status).toBe('invalid');
    if (read.status !== 'invalid') return;
    expect(read.problem).toContain('file');
  });

  it('reads a pointer that is a folder as invalid', () => {
    mkdirSync(path.join(dataDir, CURRENT_POINTER));

    expect(readPointer(dataDir, 'current').status).toBe('invalid');
  });
});
