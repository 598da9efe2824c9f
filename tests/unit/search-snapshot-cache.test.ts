import { closeSync, mkdirSync, openSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexCache } from '../../src-main/core/search/search-cache.js';
import { openSnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { mountTmpfs } from '../helpers/mount.js';
import { makeTempDir } from '../helpers/temp.js';
import { COUNTY, writeSearchSnapshot } from './search-snapshot-fixture.js';

const temp = makeTempDir();
let snapshot: SqliteDatabase;
let folderCount = 0;

beforeAll(() => {
  const file = path.join(temp.dir, 'snapshot.sqlite');
  writeSearchSnapshot(file);
  snapshot = openSnapshot(file);
});

afterAll(() => {
  snapshot.close();
  temp.remove();
});

function newCacheDir(): string {
  folderCount++;
  return path.join(temp.dir, `cache-${folderCount}`);
}

function cacheFiles(cacheDir: string): string[] {
  return readdirSync(cacheDir).sort();
}

function lowIncomeIds(searcher: SnapshotSearch): string[] {
  return searcher
    .search({ query: '低保', regionCode: COUNTY, limit: 100 })
    .hits.map((hit) => hit.id)
    .sort();
}

const EXPECTED_IDS = ['N1', 'N3', 'N4', 'N6', 'N7', 'TS2024-0012', 'WZ2024-3'];

// Overwrites length bytes at offset with zeros.
function zeroBytes(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('search cache file', () => {
  it('is built once and then reused', () => {
    const cacheDir = newCacheDir();

    const first = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    first.db.close();
    const second = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    second.db.close();

    expect(first).toMatchObject({ storage: 'file', built: true });
    expect(second).toMatchObject({ storage: 'file', built: false, file: first.file });
    expect(cacheFiles(cacheDir)).toEqual([path.basename(first.file!)]);
  });

  it('is searched like the snapshot', () => {
    const cacheDir = newCacheDir();
    const searcher = openSnapshotSearch({ db: snapshot, cacheDir, snapshotId: '7-abc' });

    expect(searcher.storage).toBe('file');
    expect(lowIncomeIds(searcher)).toEqual(EXPECTED_IDS);
    searcher.close();
  });

  it('is replaced for a new snapshot id', () => {
    const cacheDir = newCacheDir();

    const old = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    old.db.close();
    const current = openIndexCache({ snapshot, cacheDir, snapshotId: '8-def' });
    current.db.close();

    expect(current.built).toBe(true);
    expect(current.file).not.toBe(old.file);
    expect(cacheFiles(cacheDir)).toEqual([path.basename(current.file!)]);
  });

  it('is rebuilt after damage', () => {
    const cacheDir = newCacheDir();
    const first = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    first.db.close();

    zeroBytes(first.file!, Math.floor(statSync(first.file!).size / 2), 4096);
    const second = openSnapshotSearch({ db: snapshot, cacheDir, snapshotId: '7-abc' });

    expect(second.storage).toBe('file');
    expect(lowIncomeIds(second)).toEqual(EXPECTED_IDS);
    second.close();

    const third = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    third.db.close();
    expect(third.built).toBe(false);
  });

  it('is rebuilt after truncation', () => {
    const cacheDir = newCacheDir();
    const first = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    first.db.close();

    truncateSync(first.file!, 1000);
    const second = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    second.db.close();

    expect(second.built).toBe(true);
    expect(statSync(second.file!).size).toBeGreaterThan(1000);
  });

  it('removes leftovers of an interrupted build', () => {
    const cacheDir = newCacheDir();
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(path.join(cacheDir, '.search-0123456789ab.tmp'), 'half an index');
    writeFileSync(path.join(cacheDir, 'unrelated.txt'), 'kept');

    const opened = openIndexCache({ snapshot, cacheDir, snapshotId: '7-abc' });
    opened.db.close();

    expect(cacheFiles(cacheDir)).toEqual([path.basename(opened.file!), 'unrelated.txt'].sort());
  });

  it('falls back to memory when damaged while open', () => {
    const cacheDir = newCacheDir();
    const searcher = openSnapshotSearch({ db: snapshot, cacheDir, snapshotId: '7-abc' });
    const [file] = cacheFiles(cacheDir);

    // The header stays, so SQLite trusts its page cache and reads the zeroed pages from disk.
    const size = statSync(path.join(cacheDir, file!)).size;
    zeroBytes(path.join(cacheDir, file!), 4096, size - 4096);

    expect(lowIncomeIds(searcher)).toEqual(EXPECTED_IDS);
    expect(searcher.storage).toBe('memory');
    searcher.close();
  });
});

describe('search cache folder', () => {
  it('falls back to memory when read-only', () => {
    const mount = mountTmpfs(path.join(temp.dir, 'read-only'), 4 * 1024 * 1024);
    try {
      mount.remountReadOnly();
      const searcher = openSnapshotSearch({ db: snapshot, cacheDir: path.join(mount.dir, 'search-cache'), snapshotId: '7-abc' });

      expect(searcher.storage).toBe('memory');
      expect(lowIncomeIds(searcher)).toEqual(EXPECTED_IDS);
      searcher.close();
    } finally {
      mount.remove();
    }
  });

  it('falls back to memory when the folder is writable but full', () => {
    const mount = mountTmpfs(path.join(temp.dir, 'full'), 64 * 1024);
    try {
      writeFileSync(path.join(mount.dir, 'filler'), Buffer.alloc(Math.max(0, mount.freeBytes() - 4096)));
      const cacheDir = path.join(mount.dir, 'search-cache');
      const searcher = openSnapshotSearch({ db: snapshot, cacheDir, snapshotId: '7-abc' });

      expect(searcher.storage).toBe('memory');
      expect(lowIncomeIds(searcher)).toEqual(EXPECTED_IDS);
      expect(cacheFiles(cacheDir)).toEqual([]);
      searcher.close();
    } finally {
      mount.remove();
    }
  });

  it('falls back to memory when the path is a file', () => {
    const blocker = path.join(temp.dir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const searcher = openSnapshotSearch({ db: snapshot, cacheDir: path.join(blocker, 'search-cache'), snapshotId: '7-abc' });

    expect(searcher.storage).toBe('memory');
    expect(lowIncomeIds(searcher)).toEqual(EXPECTED_IDS);
    searcher.close();
  });
});
