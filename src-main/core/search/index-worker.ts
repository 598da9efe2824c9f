// Entry of the search index worker thread, started by runIndexWorker (index-worker-client.ts).
// It runs the whole build, so that the thread that started it only opens the finished index.
// An uncaught error ends the thread and reaches the starting thread as the worker's 'error' event.
import { parentPort, workerData } from 'node:worker_threads';
import { forwardLogLines } from '../log.js';
import { openSnapshot } from '../store.js';
import type { IndexWorkerMessage, IndexWorkerRequest } from './index-worker-client.js';
import { buildInMemory, openIndexCache } from './search-cache.js';

if (!parentPort) throw new Error('index-worker.js runs only as a worker thread. Start it with runIndexWorker.');
const port = parentPort;
const request = workerData as IndexWorkerRequest;

function send(message: IndexWorkerMessage): void {
  port.postMessage(message);
}

// The starting thread writes these lines where its host configured logging (a file, or stderr).
forwardLogLines((line) => send({ kind: 'log', line }));

function run(): void {
  const snapshot = openSnapshot(request.snapshotFile);
  try {
    const index =
      request.mode === 'cache'
        ? openIndexCache({ snapshot, cacheDir: request.cacheDir, snapshotId: request.snapshotId })
        : buildInMemory(snapshot, request.snapshotId);

    try {
      // The serialized copy is cloned into the starting thread: one copy of tens of megabytes.
      if (index.storage === 'file') send({ kind: 'file', file: index.file!, built: index.built });
      else send({ kind: 'memory', data: index.db.serialize() });
    } finally {
      index.db.close();
    }
  } finally {
    snapshot.close();
  }
}

try {
  run();
} catch (error) {
  // better-sqlite3's SqliteError is not a native Error, and a worker passes such an object on
  // without its message. A native Error with the same message and code arrives whole.
  const copy = new Error(error instanceof Error ? error.message : String(error));
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  if (error instanceof Error && error.stack) copy.stack = error.stack;
  throw copy;
}
