// The cache file of the search index. Building the index from a snapshot takes seconds, so the
// kiosk keeps it in the data folder and reuses it while that snapshot stays installed.
//
// The file name carries the index's identity and its own content digest:
//   search-<first 16 hex of SHA-256 of format and snapshot id>-<first 16 hex of SHA-256 of the file>.sqlite
// A file is only used when its bytes still hash to its name, so a damaged or truncated file is
// rebuilt instead of read. A build writes a temporary file and renames it into place, so a crash
// never leaves a half index under a cache name. When the folder cannot be written (read-only,
// full), the index is built in memory and search still works until the next start.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../log.js';
import type { SqliteDatabase } from '../store.js';
import { buildSnapshotIndex, INDEX_META_KEYS, readIndexMeta, SEARCH_CACHE_FORMAT } from './snapshot-index.js';

const log = createLogger('search-cache');

const CACHE_FILE = /^search-([0-9a-f]{16})-([0-9a-f]{16})\.sqlite$/;
const TEMP_FILE = /^\.search-[0-9a-f]{12}\.tmp/;
const DIGEST_LENGTH = 16;

export interface OpenedIndex {
  db: SqliteDatabase;
  storage: 'file' | 'memory';
  /** The cache file, or null for an index in memory. */
  file: string | null;
  /** True when this call built the index, false when it reused a cache file. */
  built: boolean;
}

export interface OpenIndexOptions {
  snapshot: SqliteDatabase;
  cacheDir: string;
  snapshotId: string;
}

/**
 * Opens the cache file of this snapshot's index read-only, or builds it. Removes the cache files
 * of other snapshots and stale temporary files. Falls back to an index in memory when the cache
 * folder cannot be written. Throws only when the index cannot be built at all.
 */
export function openIndexCache(options: OpenIndexOptions): OpenedIndex {
  const { snapshot, cacheDir, snapshotId } = options;
  const identity = sha256Hex(`${SEARCH_CACHE_FORMAT}\n${snapshotId}`).slice(0, DIGEST_LENGTH);

  let entries: string[];
  try {
    mkdirSync(cacheDir, { recursive: true });
    entries = readdirSync(cacheDir);
  } catch (error) {
    log.warn({ err: error, cacheDir }, 'search cache folder is not usable, building the index in memory');
    return buildInMemory(snapshot, snapshotId);
  }

  // 1. Reuse a cache file of this snapshot whose content still matches its name.
  let opened: OpenedIndex | undefined;
  for (const name of entries) {
    const match = CACHE_FILE.exec(name);
    if (opened || !match || match[1] !== identity) continue;
    opened = openCacheFile(path.join(cacheDir, name), match[2]!, snapshotId);
  }

  // 2. Otherwise build one.
  if (!opened) {
    try {
      opened = buildCacheFile(snapshot, cacheDir, identity, snapshotId);
    } catch (error) {
      log.warn({ err: error, cacheDir }, 'search cache file could not be written, building the index in memory');
      return buildInMemory(snapshot, snapshotId);
    }
  }

  // 3. Other snapshots' caches and leftovers of interrupted builds only take space.
  const keep = path.basename(opened.file!);
  for (const name of readdirSync(cacheDir)) {
    if (name !== keep && (CACHE_FILE.test(name) || TEMP_FILE.test(name))) removeQuietly(path.join(cacheDir, name));
  }

  return opened;
}

/** Builds the index in a new in-memory database. */
export function buildInMemory(snapshot: SqliteDatabase, snapshotId: string): OpenedIndex {
  const db = new Database(':memory:');
  buildSnapshotIndex(snapshot, db, snapshotId);
  return { db, storage: 'memory', file: null, built: true };
}

// Returns undefined (after removing the file) when the file is damaged or not this snapshot's index.
function openCacheFile(file: string, expectedDigest: string, snapshotId: string): OpenedIndex | undefined {
  let db: SqliteDatabase | undefined;
  try {
    const digest = fileSha256Hex(file).slice(0, DIGEST_LENGTH);
    if (digest !== expectedDigest) throw new Error(`content digest ${digest} does not match the name`);

    db = new Database(file, { readonly: true, fileMustExist: true });
    const meta = readIndexMeta(db);
    if (meta.get(INDEX_META_KEYS.snapshotId) !== snapshotId || meta.get(INDEX_META_KEYS.cacheFormat) !== String(SEARCH_CACHE_FORMAT)) {
      throw new Error('the file belongs to another snapshot or cache format');
    }
    return { db, storage: 'file', file, built: false };
  } catch (error) {
    db?.close();
    log.warn({ err: error, file }, 'search cache file is damaged or stale, rebuilding it');
    removeQuietly(file);
    return undefined;
  }
}

function buildCacheFile(snapshot: SqliteDatabase, cacheDir: string, identity: string, snapshotId: string): OpenedIndex {
  const temp = path.join(cacheDir, `.search-${randomBytes(6).toString('hex')}.tmp`);
  const started = Date.now();

  try {
    // No journal and no syncs while building: a crash leaves only a temporary file, removed later.
    const db = new Database(temp);
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      const recordCount = buildSnapshotIndex(snapshot, db, snapshotId);
      log.info({ recordCount, milliseconds: Date.now() - started }, 'search index built');
    } finally {
      db.close();
    }

    fsyncFile(temp);
    const file = path.join(cacheDir, `search-${identity}-${fileSha256Hex(temp).slice(0, DIGEST_LENGTH)}.sqlite`);
    renameSync(temp, file);
    fsyncFile(cacheDir);

    return { db: new Database(file, { readonly: true, fileMustExist: true }), storage: 'file', file, built: true };
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

function fileSha256Hex(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Works for a folder too: Linux lets a read-only descriptor of a folder be synced.
function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch (error) {
    log.warn({ err: error, file }, 'could not remove a search cache file');
  }
}
