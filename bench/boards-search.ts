// Full-text search on the installed county snapshot: building the index cache file and opening it
// again. Then the latency of Chinese queries of one to four characters, a mixed query and pinyin
// suggestions, in the county scope and in the township with the most ledger entries. The index
// is built here on the calling thread, as openSnapshotSearch does; the kiosk service runs the
// same build in a worker thread.
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { openSnapshotSearch } from '../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../src-main/core/search/snapshot-search.js';
import type { SqliteDatabase } from '../src-main/core/store.js';
import { percentile, timeSync } from './timing.js';

const SAMPLES = 30;
// The search screen requests 20 hits a page (PAGE_SIZE in src-renderer/navigation/SearchScreen.tsx).
const HITS_PER_PAGE = 20;

// Words of the demo projects and notices (project-catalogue.ts and notice-texts.ts), by length.
const QUERIES: readonly { label: string; query: string }[] = [
  { label: '1 character', query: '路' },
  { label: '2 characters', query: '公路' },
  { label: '3 characters', query: '合作社' },
  { label: '4 characters', query: '农村供水' },
  { label: 'mixed', query: 'C25 混凝土' },
];

// Letters a villager types on the on-screen keyboard: an initial, initials, full syllables.
const SUGGESTIONS: readonly string[] = ['g', 'gl', 'gonglu', 'shuili'];

function latencyText(times: number[]): string {
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`;
}

function timeRepeated(run: () => unknown): number[] {
  return Array.from({ length: SAMPLES }, () => timeSync(run).ms);
}

function cacheBytes(cacheDir: string): number {
  return readdirSync(cacheDir).reduce((sum, name) => sum + statSync(path.join(cacheDir, name)).size, 0);
}

function timeQueries(search: SnapshotSearch, scopes: readonly [string, string][]): [string, string][] {
  const rows: [string, string][] = [];

  for (const { label, query } of QUERIES) {
    const parts = scopes.map(([scopeName, regionCode]) => {
      const request = { query, regionCode, limit: HITS_PER_PAGE };
      const result = search.search(request);
      const hits = `${result.hits.length}${result.more ? '+' : ''} hits`;
      return `${scopeName} ${latencyText(timeRepeated(() => search.search(request)))} (${hits})`;
    });
    rows.push([`search ${label} "${query}"`, parts.join('; ')]);
  }

  for (const pinyin of SUGGESTIONS) {
    const parts = scopes.map(([scopeName, regionCode]) => {
      const terms = search.suggest({ pinyin, regionCode }).terms;
      return `${scopeName} ${latencyText(timeRepeated(() => search.suggest({ pinyin, regionCode })))} (${terms.length} terms)`;
    });
    rows.push([`suggest "${pinyin}"`, parts.join('; ')]);
  }
  return rows;
}

/** Times the index build, the reopening of its cache and the queries; returns the table rows. */
export function timeSearch(db: SqliteDatabase, cacheDir: string, scopes: readonly [string, string][]): [string, string][] {
  rmSync(cacheDir, { recursive: true, force: true });
  const snapshotId = 'bench-boards';
  const rows: [string, string][] = [];

  // 1. An empty cache folder: the first search after a new snapshot builds the index.
  const built = timeSync(() => openSnapshotSearch({ db, cacheDir, snapshotId }));
  if (built.value.storage !== 'file') throw new Error(`the search index was built in memory, not in ${cacheDir}`);
  built.value.close();
  rows.push(['search index build', `${(built.ms / 1000).toFixed(1)} s; cache file ${(cacheBytes(cacheDir) / 1e6).toFixed(1)} MB`]);

  // 2. A restart with the cache in place: hash the file, open it, load the vocabulary.
  const reopened = timeSync(() => openSnapshotSearch({ db, cacheDir, snapshotId }));
  rows.push(['search index reopen from cache', `${reopened.ms.toFixed(0)} ms`]);

  try {
    rows.push(...timeQueries(reopened.value, scopes));
  } finally {
    reopened.value.close();
  }
  return rows;
}
