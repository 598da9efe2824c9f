// KioskApi implementation that both hosts serve (Electron over IPC, the browser host over HTTP).
// It keeps the current snapshot open read-only and detects when sync swaps the current pointer.
// Before each call it compares the pointer file's identity with the one it read, and reopens the
// snapshot on a change. Until then it keeps reading the old, complete version.
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dataAge } from '../../src-shared/data-age.js';
import { KioskSettingsSchema, LookupResultSchema, SnapshotInfoSchema } from '../../src-shared/kiosk-api.js';
import type { KioskApi, KioskSettings, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { pointerPath } from './data-folder/layout.js';
import { pointerOrNull, readPointer, snapshotFileOf } from './data-folder/pointer.js';
import { checkSnapshotSound } from './data-folder/startup-check.js';
import type { Pointer } from './data-folder/pointer.js';
import { effectiveNow, readSyncState } from './data-folder/state.js';
import { createLogger } from './log.js';
import { lookupHousehold } from './lookup.js';
import { SNAPSHOT_FORMAT, META_KEYS } from './snapshot/schema.js';
import { openSnapshot, readMeta, readSnapshotInfo } from './store.js';
import type { SqliteDatabase } from './store.js';

export { lookupHousehold } from './lookup.js';

const log = createLogger('kiosk-service');

export interface KioskServiceOptions {
  /** The terminal's data folder. Before the first sync it may contain no snapshot yet. */
  dataDir: string;
  settings: KioskSettings;
  /** The terminal's clock; tests set it. */
  clock?: () => Date;
}

export type KioskService = KioskApi & { close(): void };

interface OpenSnapshot {
  db: SqliteDatabase;
  pointer: Pointer;
  identity: string;
}

// Inode and device change on a rename into place. Mtime and size cover file systems whose
// inode numbers are not stable, such as some FAT and network mounts.
function identityOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Opens the snapshot a pointer names, or returns null (and logs why) when the file is not a
 * snapshot this build can read. The kiosk then shows "no data" until the next sync replaces it,
 * instead of failing every lookup with an SQL error.
 */
function openUsableSnapshot(file: string): SqliteDatabase | null {
  let db: SqliteDatabase | undefined;
  try {
    db = openSnapshot(file);
    const format = readMeta(db).get(META_KEYS.format);
    if (format !== String(SNAPSHOT_FORMAT)) {
      log.error({ file, format, supported: SNAPSHOT_FORMAT }, 'installed snapshot has an unsupported format; waiting for a sync');
      db.close();
      return null;
    }
    return db;
  } catch (error) {
    log.error({ file, err: error }, 'installed snapshot cannot be opened; waiting for a sync');
    db?.close();
    return null;
  }
}

/** True for SQLite's errors about a damaged database file. */
function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function createKioskService(options: KioskServiceOptions): KioskService {
  const settings = KioskSettingsSchema.parse(options.settings);
  const clock = options.clock ?? (() => new Date());
  let current: OpenSnapshot | null = null;
  // Identity of a file that could not be used, so it is tried (and logged) once, not per call.
  let unusableIdentity: string | null = null;

  function closeCurrent(): void {
    current?.db.close();
    current = null;
  }

  /** Returns the open snapshot, reopening it when the pointer changed, or null when there is none. */
  function snapshot(): OpenSnapshot | null {
    const pointerFile = pointerPath(options.dataDir, 'current');
    const stats = statOrNull(pointerFile);
    if (!stats) {
      if (current) log.warn({ dataDir: options.dataDir }, 'current pointer disappeared; closing the snapshot');
      closeCurrent();
      return null;
    }

    const identity = identityOf(stats);
    if (current?.identity === identity) return current;
    if (unusableIdentity === identity) return null;

    const reopening = current !== null;
    closeCurrent();
    const read = readPointer(options.dataDir, 'current');
    if (read.status !== 'ok') {
      if (read.status === 'invalid') log.error({ file: pointerFile, problem: read.problem }, 'current pointer is damaged; waiting for a sync');
      unusableIdentity = identity;
      return null;
    }
    const db = openUsableSnapshot(snapshotFileOf(options.dataDir, read.pointer));
    if (!db) return switchToPrevious(read.pointer, identity, 'the current snapshot cannot be opened');
    current = { db, pointer: read.pointer, identity };
    log.info({ file: read.pointer.file, version: read.pointer.version, reopening }, 'opened snapshot');
    return current;
  }

  /**
   * Replaces a damaged open snapshot by the sound previous one of the same county, keyed to the
   * same pointer identity. Returns null, and marks the pointer unusable, when there is none.
   */
  function switchToPrevious(damaged: Pointer, identity: string, problem: string): OpenSnapshot | null {
    log.error({ file: damaged.file, version: damaged.version, problem }, 'snapshot is damaged; trying the previous one');
    closeCurrent();
    const previous = pointerOrNull(options.dataDir, 'previous');
    const file = previous === null ? null : snapshotFileOf(options.dataDir, previous);
    if (previous === null || file === null || previous.regionCode !== damaged.regionCode || checkSnapshotSound(file) !== null) {
      unusableIdentity = identity;
      return null;
    }
    const db = openUsableSnapshot(file);
    if (!db) {
      unusableIdentity = identity;
      return null;
    }
    current = { db, pointer: previous, identity };
    log.warn({ version: previous.version }, 'serving the previous snapshot until the next install');
    return current;
  }

  return {
    async getSettings(): Promise<KioskSettings> {
      return settings;
    },

    async getSnapshotInfo(): Promise<SnapshotInfo | null> {
      const open = snapshot();
      if (!open) return null;
      const now = effectiveNow(clock(), readSyncState(options.dataDir).state);
      return SnapshotInfoSchema.parse({
        ...readSnapshotInfo(open.db),
        expiresAt: open.pointer.expiresAt,
        ...dataAge(open.pointer.createdAt, open.pointer.expiresAt, now),
      });
    },

    async lookupHousehold(idNumber: string): Promise<LookupResult> {
      const open = snapshot();
      if (!open) return { status: 'no-data' };
      try {
        return LookupResultSchema.parse(lookupHousehold(open.db, idNumber));
      } catch (error) {
        if (!isDamageError(error)) throw error;
        // The file was damaged after it was opened (a failing disk). Serve the previous version
        // until the pointer changes, so villagers keep getting results. Sync reinstalls the file.
        const fallback = switchToPrevious(open.pointer, open.identity, (error as Error).message);
        return fallback ? LookupResultSchema.parse(lookupHousehold(fallback.db, idNumber)) : { status: 'no-data' };
      }
    },

    close(): void {
      closeCurrent();
    },
  };
}
