// Search through the kiosk service: the index is built in a worker thread when a snapshot opens,
// and search and suggestions wait for it. The worker runs the compiled entry under dist/main, so
// run `npm run build:main` before this file.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchCacheDir } from '../../src-main/core/data-folder/layout.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { configureLogging } from '../../src-main/core/log.js';
import { indexWorkerUrl } from '../../src-main/core/search/index-worker-client.js';
import { openSnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { countTicks } from '../helpers/event-loop.js';
import { makeTempDir } from '../helpers/temp.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';
import { COUNTY, ZHANGJIAPING } from './search-snapshot-fixture.js';
import { MARKER_WORD, writeWorkerSnapshot } from './search-worker-fixture.js';

const SETTINGS = { ...TEST_SETTINGS, homeRegionCode: ZHANGJIAPING };

const LOW_INCOME = { query: '低保', regionCode: ZHANGJIAPING, limit: 20 };
const MARKER = { query: MARKER_WORD, regionCode: COUNTY, limit: 20 };

// Snapshots are written once. A is large, so its build lasts seconds. B is small and has the marker notice.
const files = makeTempDir();
let largeFile: string;
let smallFile: string;
let largeSnapshot: SqliteDatabase;
let synchronous: SnapshotSearch;

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let service: KioskService;

beforeAll(() => {
  const entry = fileURLToPath(indexWorkerUrl());
  if (!existsSync(entry)) throw new Error(`${entry} not found. Run npm run build:main before this test.`);

  largeFile = path.join(files.dir, 'large.sqlite');
  smallFile = path.join(files.dir, 'small.sqlite');
  writeWorkerSnapshot(largeFile, { version: 7 });
  writeWorkerSnapshot(smallFile, { version: 8, notices: 10, marker: true });

  largeSnapshot = openSnapshot(largeFile);
  synchronous = openSnapshotSearch({ db: largeSnapshot, cacheDir: path.join(files.dir, 'synchronous-cache'), snapshotId: 'synchronous' });
});

afterAll(() => {
  synchronous.close();
  largeSnapshot.close();
  files.remove();
});

beforeEach(() => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  service = createKioskService({ dataDir, settings: SETTINGS });
});

afterEach(() => {
  service.close();
  temp.remove();
});

function cacheFiles(): string[] {
  return readdirSync(searchCacheDir(dataDir)).sort();
}

describe('kiosk service search', () => {
  it('keeps the event loop turning', async () => {
    await installSnapshotFile(dataDir, largeFile);

    const { value: result, ticks } = await countTicks(() => service.search(LOW_INCOME));

    expect(ticks).toBeGreaterThan(0);
    expect(result.hits.length).toBeGreaterThan(0);
    expect(await service.searchIndexReady()).toBe('file');
  });

  it('matches the synchronous build', async () => {
    await installSnapshotFile(dataDir, largeFile);

    for (const request of [LOW_INCOME, { query: '帮扶措施', regionCode: COUNTY, limit: 50 }, { query: '第42号', regionCode: COUNTY, limit: 5 }]) {
      expect(await service.search(request), request.query).toEqual(synchronous.search(request));
    }
    for (const pinyin of ['db', 'weifang', 'zjpc']) {
      const request = { pinyin, regionCode: COUNTY, limit: 8 };
      expect(await service.suggestTerms(request), pinyin).toEqual(synchronous.suggest(request));
    }
  });

  it('builds when the snapshot opens', async () => {
    await installSnapshotFile(dataDir, largeFile);

    await service.getSnapshotInfo();

    await vi.waitFor(() => expect(existsSync(searchCacheDir(dataDir)) && cacheFiles().some((name) => name.endsWith('.sqlite'))).toBe(true), {
      timeout: 60_000,
    });
  });

  it('builds once for concurrent searches', async () => {
    const logFile = path.join(temp.dir, 'kiosk.log');
    configureLogging({ file: logFile, level: 'info' });
    try {
      await installSnapshotFile(dataDir, largeFile);

      const [first, second, terms] = await Promise.all([
        service.search(LOW_INCOME),
        service.search(LOW_INCOME),
        service.suggestTerms({ pinyin: 'db', regionCode: COUNTY, limit: 8 }),
      ]);

      expect(second).toEqual(first);
      expect(terms.terms.length).toBeGreaterThan(0);
      const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { module: string; msg: string });
      expect(lines.filter((line) => line.msg === 'search index ready')).toHaveLength(1);
      // Logged inside the worker and written by this thread.
      expect(lines.filter((line) => line.module === 'search-cache' && line.msg === 'search index built')).toHaveLength(1);
    } finally {
      // The quietest level configureLogging takes: it has no 'silent', which the test run starts with.
      configureLogging({ level: 'fatal' });
    }
  });

  it('moves waiting searches to a new snapshot', async () => {
    await installSnapshotFile(dataDir, largeFile);
    // Opens snapshot A and starts its build, which lasts far longer than installing B.
    const waiting = service.search(MARKER);

    await installSnapshotFile(dataDir, smallFile);
    expect((await service.getSnapshotInfo())?.version).toBe(8);
    const result = await waiting;

    expect(result.hits.map((hit) => hit.id)).toEqual(['MARKER']);
    expect(await service.searchIndexReady()).toBe('file');
    expect(cacheFiles().filter((name) => name.endsWith('.sqlite'))).toHaveLength(1);
    expect(cacheFiles().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('builds in worker memory without a cache folder', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(searchCacheDir(dataDir), 'not a folder');
    await installSnapshotFile(dataDir, largeFile);

    const { value: result, ticks } = await countTicks(() => service.search(LOW_INCOME));

    expect(ticks).toBeGreaterThan(0);
    expect(result).toEqual(synchronous.search(LOW_INCOME));
    expect(await service.searchIndexReady()).toBe('memory');
  });

  it('empties waiting searches on close', async () => {
    await installSnapshotFile(dataDir, largeFile);
    const waiting = service.search(LOW_INCOME);

    service.close();

    expect(await waiting).toEqual({ query: '低保', hits: [], more: false });
    expect(await service.searchIndexReady()).toBeNull();
  });

  it('reuses the cache after a restart', async () => {
    await installSnapshotFile(dataDir, largeFile);
    expect(await service.searchIndexReady()).toBe('file');
    const [cacheFile] = cacheFiles();
    service.close();

    service = createKioskService({ dataDir, settings: SETTINGS });

    expect(await service.searchIndexReady()).toBe('file');
    expect(cacheFiles()).toEqual([cacheFile]);
  });

  it('returns no hits without a snapshot', async () => {
    expect(await service.search(LOW_INCOME)).toEqual({ query: '低保', hits: [], more: false });
    expect(await service.suggestTerms({ pinyin: 'db', regionCode: COUNTY, limit: 8 })).toEqual({ terms: [] });
    expect(await service.searchIndexReady()).toBeNull();
  });
});
