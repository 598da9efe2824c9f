// Starts the search index build in a worker thread, so that the thread serving the kiosk's API
// stays free for the seconds a county-size build takes.
//
// The worker gets file paths, not database handles, because a better-sqlite3 handle belongs to
// the thread that opened it. The worker opens the snapshot read-only itself. It either reuses or
// writes the cache file and sends its path, or it builds the index in memory and sends the
// database serialized.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import { writeLogLine } from '../log.js';

export interface IndexWorkerRequest {
  snapshotFile: string;
  cacheDir: string;
  snapshotId: string;
  /**
   * 'cache' reuses or writes the cache file as openIndexCache does, which builds in memory when
   * the cache folder is not writable. 'memory' builds in memory only.
   */
  mode: 'cache' | 'memory';
}

export type IndexWorkerResult =
  | { kind: 'file'; file: string; built: boolean }
  /** The index database as sqlite3_serialize writes it. */
  | { kind: 'memory'; data: Uint8Array };

export type IndexWorkerMessage = IndexWorkerResult | { kind: 'log'; line: string };

export interface IndexWorkerRun {
  /** Resolves to the index; rejects when the worker fails, is terminated or exits without a result. */
  readonly result: Promise<IndexWorkerResult>;
  /** Stops the worker. Resolves once its thread has exited. */
  terminate(): Promise<void>;
}

const ENTRY = 'index-worker.js';

/**
 * Returns the worker entry: the compiled index-worker.js next to this module. The hosts run the
 * compiled output under dist/main, where that sibling exists. Under vitest this module is the
 * TypeScript source, and a worker thread cannot load TypeScript, so the entry is taken from the
 * build output at the same path under dist/main: run `npm run build:main` before those tests.
 */
// NOTE: not yet run from a packaged Electron build, where dist/main sits inside app.asar.
// Electron loads worker scripts from asar archives since version 18 (electron/electron#33216),
// and better-sqlite3's native file is unpacked by electron-builder. If the worker still cannot
// load there, the index is built on the calling thread and the failure is logged.
export function indexWorkerUrl(): URL {
  const sibling = new URL(`./${ENTRY}`, import.meta.url);
  if (import.meta.url.endsWith('.js')) return sibling;

  return new URL(`../../../dist/main/src-main/core/search/${ENTRY}`, import.meta.url);
}

/** Starts a worker that builds or opens the index of one snapshot. */
export function runIndexWorker(request: IndexWorkerRequest, workerUrl: URL = indexWorkerUrl()): IndexWorkerRun {
  // A missing entry would only fail inside the new thread, with a less direct message.
  if (!existsSync(fileURLToPath(workerUrl))) {
    const missing = Promise.reject(new Error(`search index worker entry ${fileURLToPath(workerUrl)} not found. Run npm run build:main.`));
    return { result: missing, terminate: async () => undefined };
  }

  const worker = new Worker(workerUrl, { workerData: request });

  const result = new Promise<IndexWorkerResult>((resolve, reject) => {
    worker.on('message', (message: IndexWorkerMessage) => {
      if (message.kind === 'log') writeLogLine(message.line);
      else resolve(message);
    });
    worker.on('error', (error) => reject(asError(error)));
    worker.on('messageerror', (error) => reject(asError(error)));

    // Node emits 'exit' after the worker's last messages (seen on Node 20.20, also for a message
    // of 50 MB), so after a result this rejection is a no-op.
    worker.on('exit', (code) => reject(new Error(`search index worker exited with code ${code} before sending the index`)));
  });

  return {
    result,
    terminate: async () => {
      await worker.terminate();
    },
  };
}

// A value thrown in a worker arrives as a plain object when it was not a native Error.
function asError(value: unknown): Error {
  if (value instanceof Error && typeof value.message === 'string') return value;
  return new Error(`search index worker failed: ${inspect(value)}`);
}
