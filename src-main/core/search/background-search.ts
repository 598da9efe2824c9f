// The kiosk's search of a snapshot, with the index built in a worker thread. A county-size build
// takes seconds, and in the Electron host the thread that serves the API is the main process:
// its IPC and the watchdog heartbeat must not stall that long. Only opening the finished index
// and the queries, milliseconds each, run on the calling thread.
//
// Each fallback is logged with its reason:
// 1. A worker reuses or writes the cache file (in memory when the cache folder is not writable).
// 2. When that worker fails, a second worker builds the index in memory and sends it back.
// 3. When that fails too, the calling thread builds the index in memory and is blocked meanwhile.
import Database from 'better-sqlite3';
import { createLogger } from '../log.js';
import { runIndexWorker } from './index-worker-client.js';
import type { IndexWorkerRequest, IndexWorkerResult, IndexWorkerRun } from './index-worker-client.js';
import { buildInMemory } from './search-cache.js';
import type { OpenedIndex } from './search-cache.js';
import { createSnapshotSearch } from './snapshot-search.js';
import type { SnapshotSearch, SnapshotSearchOptions } from './snapshot-search.js';

const log = createLogger('background-search');

const WORKER_MODES: readonly IndexWorkerRequest['mode'][] = ['cache', 'memory'];

export interface BackgroundSearchOptions extends SnapshotSearchOptions {
  /** The snapshot file that `db` is open on. The worker opens it again, read-only. */
  snapshotFile: string;
  /**
   * Settles when the previous build in the same cache folder has stopped. The worker starts
   * after it, because a build removes the temporary files of other builds in the folder.
   */
  after?: Promise<unknown>;
  /** The worker entry, by default indexWorkerUrl(). */
  workerUrl?: URL;
}

export interface PendingSnapshotSearch {
  /**
   * Resolves to the search once its index is open, or to null when close() came first. Rejects
   * only when the index cannot be built on any thread. Every read returns the same promise.
   */
  readonly ready: Promise<SnapshotSearch | null>;
  /** Terminates a running worker and closes the search. Resolves once the worker thread has exited. */
  close(): Promise<void>;
}

/** Starts building the index of a snapshot in a worker thread and returns at once. */
export function startSnapshotSearch(options: BackgroundSearchOptions): PendingSnapshotSearch {
  let closed = false;
  let running: IndexWorkerRun | null = null;
  let search: SnapshotSearch | null = null;

  async function buildInWorker(mode: IndexWorkerRequest['mode']): Promise<SnapshotSearch> {
    running = runIndexWorker(
      { snapshotFile: options.snapshotFile, cacheDir: options.cacheDir, snapshotId: options.snapshotId, mode },
      options.workerUrl,
    );
    try {
      const result = await running.result;
      if (closed) throw new Error('closed while the search index was built');
      return serve(openResult(result));
    } finally {
      running = null;
    }
  }

  function serve(index: OpenedIndex): SnapshotSearch {
    try {
      return createSnapshotSearch(index, options);
    } catch (error) {
      index.db.close();
      throw error;
    }
  }

  async function open(): Promise<SnapshotSearch | null> {
    await options.after?.catch(() => undefined);
    const started = Date.now();

    for (const mode of WORKER_MODES) {
      if (closed) return null;
      try {
        search = await buildInWorker(mode);
        log.info({ snapshotId: options.snapshotId, mode, storage: search.storage, milliseconds: Date.now() - started }, 'search index ready');
        return search;
      } catch (error) {
        if (closed) return null;
        log.error({ err: error, snapshotId: options.snapshotId, mode }, 'search index worker failed');
      }
    }

    if (closed) return null;
    log.error({ snapshotId: options.snapshotId }, 'building the search index in memory on the calling thread, which blocks it until done');
    try {
      search = serve(buildInMemory(options.db, options.snapshotId));
    } catch (error) {
      log.error({ err: error, snapshotId: options.snapshotId }, 'search index cannot be built, so search fails until the next snapshot is installed');
      throw error;
    }
    return search;
  }

  const ready = open();
  // A build can fail with no caller awaiting it, after close or before the first search. Its error
  // is logged above, so the rejection is marked handled here.
  ready.catch(() => undefined);

  return {
    ready,
    close: async () => {
      closed = true;
      search?.close();
      search = null;
      await running?.terminate();
    },
  };
}

function openResult(result: IndexWorkerResult): OpenedIndex {
  if (result.kind === 'file') {
    const db = new Database(result.file, { readonly: true, fileMustExist: true });
    return { db, storage: 'file', file: result.file, built: result.built };
  }

  // better-sqlite3 opens a Buffer as a serialized in-memory database.
  const db = new Database(Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength));
  return { db, storage: 'memory', file: null, built: true };
}
