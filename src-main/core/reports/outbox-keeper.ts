// Keeps the kiosk's outbox open for filing and uploading. It opens the file on first use and
// again after a failed open (a full or read-only disk at start). It sets a damaged file aside
// and starts a new one, so villagers can still file. When the file was deleted or replaced while
// open, it reopens the path, because reports written to a deleted file are lost at the next start.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../log.js';
import { openOutbox, OutboxError } from './outbox.js';
import type { Outbox, OutboxOptions } from './outbox.js';

const log = createLogger('report-outbox');

/** Suffix of an outbox file set aside as damaged; `minsheng status` lists such files. */
export const DAMAGED_OUTBOX_SUFFIX = '.damaged-';
// Entries copied per query from a deleted or replaced file into the new one.
const COPY_BATCH_SIZE = 500;

export interface OutboxKeeper {
  /** Returns the open outbox, opening or reopening it as needed; throws when that fails. */
  current(): Outbox;
  close(): void;
}

/** Renames the file and its WAL and shared-memory files, keeping them for a technician. */
function setAside(file: string, now: Date): string {
  const aside = `${file}${DAMAGED_OUTBOX_SUFFIX}${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Copies the undelivered entries of an outbox whose file was deleted or replaced into the new
 * one. The old connection still reads the old file, so nothing waiting in it is lost.
 */
function copyWaiting(from: Outbox, to: Outbox): number {
  let copied = 0;
  const seen = new Set<string>();
  for (;;) {
    // A time past every schedule lists every undelivered entry.
    const entries = from.due(Number.MAX_SAFE_INTEGER, COPY_BATCH_SIZE + seen.size).filter((entry) => !seen.has(entry.idempotencyKey));
    if (entries.length === 0) return copied;

    for (const entry of entries) {
      seen.add(entry.idempotencyKey);
      if (to.enqueue({ idempotencyKey: entry.idempotencyKey, sealed: entry.sealed, createdAt: entry.createdAt })) copied += 1;
    }
  }
}

export function createOutboxKeeper(file: string, options: OutboxOptions | undefined, clock: () => Date): OutboxKeeper {
  let outbox: Outbox | null = null;
  let closed = false;

  function open(): Outbox {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      return openOutbox(file, options);
    } catch (error) {
      if (!(error instanceof OutboxError) || error.code !== 'damaged') throw error;

      const aside = setAside(file, clock());
      log.error({ err: error, file, keptAt: aside }, 'report outbox is damaged; it was set aside for recovery and a new outbox started');
      return openOutbox(file, options);
    }
  }

  function reopenMoved(moved: Outbox): Outbox {
    let fresh: Outbox;
    try {
      fresh = open();
    } catch (error) {
      moved.close();
      log.error({ err: error, file }, 'report outbox file was deleted or replaced while open, and opening a new one failed');
      throw error;
    }
    try {
      const copied = copyWaiting(moved, fresh);
      log.error({ file, copied }, 'report outbox file was deleted or replaced while open; reopened it and copied the waiting reports');
    } catch (error) {
      log.error({ err: error, file }, 'report outbox file was deleted or replaced while open; reopened it, but copying the waiting reports failed');
    }
    moved.close();
    return fresh;
  }

  return {
    current() {
      if (closed) throw new Error('the report outbox is closed');

      if (outbox !== null && !outbox.isStillAtPath()) {
        const moved = outbox;
        outbox = null;
        outbox = reopenMoved(moved);
        return outbox;
      }
      if (outbox !== null) return outbox;

      const opened = open();
      try {
        log.info({ file, ...opened.counts() }, 'report outbox opened');
      } catch (error) {
        opened.close();
        throw error;
      }
      outbox = opened;
      return outbox;
    },

    close() {
      closed = true;
      outbox?.close();
      outbox = null;
    },
  };
}
