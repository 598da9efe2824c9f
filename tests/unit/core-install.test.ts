import { existsSync, linkSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  installStaged,
  newStagingFile,
  previousFileOf,
  removeStaleStagingFiles,
} from '../../src-main/core/sync/install.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let dbFile: string;

beforeEach(() => {
  temp = makeTempDir();
  dbFile = path.join(temp.dir, 'snapshot.sqlite');
});

afterEach(() => temp.remove());

function stagingNames(): string[] {
  return readdirSync(temp.dir).filter((name) => name.includes('.staging-'));
}

describe('installStaged', () => {
  it('installs the first file without a previous', async () => {
    const staging = newStagingFile(dbFile);
    writeFileSync(staging, 'new');

    await installStaged(staging, dbFile);

    expect(readFileSync(dbFile, 'utf8')).toBe('new');
    expect(existsSync(previousFileOf(dbFile))).toBe(false);
    expect(stagingNames()).toEqual([]);
  });

  it('keeps the replaced file as previous', async () => {
    writeFileSync(dbFile, 'old');
    writeFileSync(previousFileOf(dbFile), 'older');
    const staging = newStagingFile(dbFile);
    writeFileSync(staging, 'new');

    await installStaged(staging, dbFile);

    expect(readFileSync(dbFile, 'utf8')).toBe('new');
    expect(readFileSync(previousFileOf(dbFile), 'utf8')).toBe('old');
    expect(stagingNames()).toEqual([]);
  });

  it('handles a previous already linked to the file', async () => {
    // A pass killed between keeping the previous and the final rename leaves this state.
    writeFileSync(dbFile, 'old');
    linkSync(dbFile, previousFileOf(dbFile));
    const staging = newStagingFile(dbFile);
    writeFileSync(staging, 'new');

    await installStaged(staging, dbFile);

    expect(readFileSync(dbFile, 'utf8')).toBe('new');
    expect(readFileSync(previousFileOf(dbFile), 'utf8')).toBe('old');
    expect(stagingNames()).toEqual([]);
  });
});

describe('removeStaleStagingFiles', () => {
  it('removes only staging files of this database', async () => {
    writeFileSync(dbFile, 'installed');
    writeFileSync(newStagingFile(dbFile), 'partial');
    writeFileSync(newStagingFile(dbFile, '.gz'), 'partial');
    writeFileSync(path.join(temp.dir, 'other.sqlite.staging-abc'), 'not ours');

    const removed = await removeStaleStagingFiles(dbFile);

    expect(removed).toHaveLength(2);
    expect(readdirSync(temp.dir).sort()).toEqual(['other.sqlite.staging-abc', 'snapshot.sqlite']);
  });

  it('accepts a missing folder', async () => {
    expect(await removeStaleStagingFiles(path.join(temp.dir, 'absent', 'snapshot.sqlite'))).toEqual([]);
  });
});
