// The search index built in a worker thread (background-search.ts). The worker runs the
// compiled entry under dist/main, so run `npm run build:main` before this file.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSnapshotSearch } from '../../src-main/core/search/background-search.js';
import { indexWorkerUrl, runIndexWorker } from '../../src-main/core/search/index-worker-client.js';
import { openSnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { countTicks } from '../helpers/event-loop.js';
import { makeTempDir } from '../helpers/temp.js';
import { COUNTY, LANTIAN, ZHANGJIAPING } from './search-snapshot-fixture.js';
import { writeWorkerSnapshot } from './search-worker-fixture.js';

const SNAPSHOT_ID = '7-worker';
const QUERIES = [
  { query: '低保', regionCode: COUNTY },
  { query: '低保', regionCode: ZHANGJIAPING },
  { query: '危房改造', regionCode: LANTIAN },
  { query: '第1234号', regionCode: COUNTY },
  { query: '帮扶措施 监测户', regionCode: COUNTY },
];
const PINYIN = ['db', 'dibao', 'wei', 'zjpc'];

const temp = makeTempDir();
let snapshotFile: string;
let snapshot: SqliteDatabase;
let synchronous: SnapshotSearch;
let folderCount = 0;

beforeAll(() => {
  const entry = fileURLToPath(indexWorkerUrl());
  if (!existsSync(entry)) throw new Error(`${entry} not found. Run npm run build:main before this test.`);

  snapshotFile = path.join(temp.dir, 'snapshot.sqlite');
  writeWorkerSnapshot(snapshotFile, { version: 7 });
  snapshot = openSnapshot(snapshotFile);
  synchronous = openSnapshotSearch({ db: snapshot, cacheDir: path.join(temp.dir, 'synchronous-cache'), snapshotId: SNAPSHOT_ID });
});

afterAll(() => {
  synchronous.close();
  snapshot.close();
  temp.remove();
});

function newCacheDir(): string {
  folderCount++;
  return path.join(temp.dir, `cache-${folderCount}`);
}

/** Writes a worker entry into the temporary folder and returns its URL. */
function writeEntry(name: string, source: string): URL {
  const file = path.join(temp.dir, name);
  writeFileSync(file, source);
  return pathToFileURL(file);
}

function expectSameResults(search: SnapshotSearch): void {
  for (const request of QUERIES) {
    expect(search.search({ ...request, limit: 50 }), request.query).toEqual(synchronous.search({ ...request, limit: 50 }));
  }
  for (const pinyin of PINYIN) {
    expect(search.suggest({ pinyin, regionCode: COUNTY }), pinyin).toEqual(synchronous.suggest({ pinyin, regionCode: COUNTY }));
  }
}

describe('startSnapshotSearch', () => {
  it('builds while the event loop turns', async () => {
    const cacheDir = newCacheDir();
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir, snapshotId: SNAPSHOT_ID });

    const { value: search, ticks } = await countTicks(() => pending.ready);

    expect(ticks).toBeGreaterThan(0);
    expect(search?.storage).toBe('file');
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.sqlite'))).toHaveLength(1);
    await pending.close();
  });

  it('matches the synchronous build', async () => {
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID });
    const search = await pending.ready;

    expect(search).not.toBeNull();
    expectSameResults(search!);
    await pending.close();
  });

  it('returns one promise to every waiter', () => {
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID });

    expect(pending.ready).toBe(pending.ready);
    return pending.close();
  });

  it('reuses an earlier cache file', async () => {
    const cacheDir = newCacheDir();
    const first = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir, snapshotId: SNAPSHOT_ID });
    await first.ready;
    await first.close();

    const second = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir, snapshotId: SNAPSHOT_ID });
    const search = await second.ready;

    expect(search?.storage).toBe('file');
    expectSameResults(search!);
    await second.close();
  });

  it('builds in worker memory without a cache folder', async () => {
    const blocker = path.join(temp.dir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: path.join(blocker, 'search-cache'), snapshotId: SNAPSHOT_ID });

    const { value: search, ticks } = await countTicks(() => pending.ready);

    expect(ticks).toBeGreaterThan(0);
    expect(search?.storage).toBe('memory');
    expectSameResults(search!);
    await pending.close();
  });

  it('retries in a memory worker after a crash', async () => {
    // Fails like a worker whose cache build throws, and runs the real entry in memory mode.
    const workerUrl = writeEntry(
      'crash-on-cache.mjs',
      `import { workerData } from 'node:worker_threads';
       if (workerData.mode === 'cache') throw new Error('cache build failed on purpose');
       await import(${JSON.stringify(indexWorkerUrl().href)});`,
    );
    const cacheDir = newCacheDir();
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir, snapshotId: SNAPSHOT_ID, workerUrl });

    const { value: search, ticks } = await countTicks(() => pending.ready);

    expect(ticks).toBeGreaterThan(0);
    expect(search?.storage).toBe('memory');
    expect(existsSync(cacheDir)).toBe(false);
    expectSameResults(search!);
    await pending.close();
  });

  it('falls back to the calling thread', async () => {
    const workerUrl = writeEntry('always-exits.mjs', 'process.exit(3);');
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID, workerUrl });

    const search = await pending.ready;

    expect(search?.storage).toBe('memory');
    expectSameResults(search!);
    await pending.close();
  });

  it('falls back when the entry is missing', async () => {
    const workerUrl = pathToFileURL(path.join(temp.dir, 'no-such-entry.js'));
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID, workerUrl });

    const search = await pending.ready;

    expect(search?.storage).toBe('memory');
    expectSameResults(search!);
    await pending.close();
  });

  it('rejects an unreadable snapshot', async () => {
    const notSnapshot = path.join(temp.dir, 'empty.sqlite');
    writeFileSync(notSnapshot, '');
    const db = openSnapshot(notSnapshot);

    const pending = startSnapshotSearch({ db, snapshotFile: notSnapshot, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID });

    await expect(pending.ready).rejects.toThrow(/no such table/);
    await pending.close();
    db.close();
  });

  it('keeps message and code of worker errors', async () => {
    const notSnapshot = path.join(temp.dir, 'empty-for-worker.sqlite');
    writeFileSync(notSnapshot, '');

    const run = runIndexWorker({ snapshotFile: notSnapshot, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID, mode: 'memory' });

    await expect(run.result).rejects.toThrow(/no such table/);
    await expect(run.result).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    await run.terminate();
  });

  it('terminates a running worker on close', async () => {
    // An entry that never sends a result stands for a build still running.
    const started = path.join(temp.dir, 'hanging-started');
    const workerUrl = writeEntry(
      'hangs.mjs',
      `import { writeFileSync } from 'node:fs';
       writeFileSync(${JSON.stringify(started)}, 'started');
       setInterval(() => {}, 60_000);`,
    );
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: newCacheDir(), snapshotId: SNAPSHOT_ID, workerUrl });
    await vi.waitFor(() => expect(existsSync(started)).toBe(true), { timeout: 30_000 });

    await pending.close();

    expect(await pending.ready).toBeNull();
  });

  it('discards a build closed early', async () => {
    const cacheDir = newCacheDir();
    mkdirSync(cacheDir);
    const pending = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir, snapshotId: SNAPSHOT_ID });

    await pending.close();

    expect(await pending.ready).toBeNull();
  });

  it('waits for the previous build', async () => {
    // Marks each worker's start with a file named after its cache folder, then builds for real.
    const workerUrl = writeEntry(
      'marks-start.mjs',
      `import { writeFileSync } from 'node:fs';
       import { workerData } from 'node:worker_threads';
       writeFileSync(workerData.cacheDir + '.started', '');
       await import(${JSON.stringify(indexWorkerUrl().href)});`,
    );
    let releasePrevious: () => void = () => undefined;
    const previous = new Promise<void>((resolve) => (releasePrevious = resolve));
    const waitingDir = newCacheDir();
    const otherDir = newCacheDir();

    const waiting = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: waitingDir, snapshotId: SNAPSHOT_ID, workerUrl, after: previous });
    const other = startSnapshotSearch({ db: snapshot, snapshotFile, cacheDir: otherDir, snapshotId: SNAPSHOT_ID, workerUrl });
    await vi.waitFor(() => expect(existsSync(`${otherDir}.started`)).toBe(true), { timeout: 30_000 });

    // A worker started later than this one has run, so the waiting one would have run too.
    expect(existsSync(`${waitingDir}.started`)).toBe(false);

    releasePrevious();
    const search = await waiting.ready;

    expect(existsSync(`${waitingDir}.started`)).toBe(true);
    expect(search?.storage).toBe('file');
    await waiting.close();
    await other.close();
  });
});
