// The KioskApi both hosts serve (Electron over IPC, the browser host over HTTP). It keeps the
// installed snapshot open read-only and notices when sync renames a new file into place: before
// each call it compares the file's identity with the one it opened, and reopens on a change.
// A reader that still has the old file open keeps reading the old, complete version until then.
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { KioskSettingsSchema, LookupResultSchema, SnapshotInfoSchema } from '../../src-shared/kiosk-api.js';
import type { KioskApi, KioskSettings, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { createLogger } from './log.js';
import { lookupHousehold } from './lookup.js';
import { SNAPSHOT_FORMAT, META_KEYS } from './snapshot/schema.js';
import { openSnapshot, readMeta, readSnapshotInfo } from './store.js';
import type { SqliteDatabase } from './store.js';

export { lookupHousehold } from './lookup.js';

const log = createLogger('kiosk-service');

export interface KioskServiceOptions {
  /** The installed snapshot; it may not exist yet, before the first sync. */
  dbFile: string;
  settings: KioskSettings;
}

export type KioskService = KioskApi & { close(): void };

interface OpenSnapshot {
  db: SqliteDatabase;
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
 * Opens the installed snapshot, or returns null (and logs why) when the file is not a snapshot
 * this build can read. The kiosk then shows "no data" until the next sync replaces the file,
 * instead of failing every lookup with an SQL error.
 */
function openUsableSnapshot(dbFile: string): SqliteDatabase | null {
  let db: SqliteDatabase | undefined;
  try {
    db = openSnapshot(dbFile);
    const format = readMeta(db).get(META_KEYS.format);
    if (format !== String(SNAPSHOT_FORMAT)) {
      log.error({ dbFile, format, supported: SNAPSHOT_FORMAT }, 'installed snapshot has an unsupported format; waiting for a sync');
      db.close();
      return null;
    }
    return db;
  } catch (error) {
    log.error({ dbFile, err: error }, 'installed snapshot cannot be opened; waiting for a sync');
    db?.close();
    return null;
  }
}

export function createKioskService(options: KioskServiceOptions): KioskService {
  const settings = KioskSettingsSchema.parse(options.settings);
  let current: OpenSnapshot | null = null;
  // Identity of a file that could not be used, so it is tried (and logged) once, not per call.
  let unusableIdentity: string | null = null;

  function closeCurrent(): void {
    current?.db.close();
    current = null;
  }

  /** Returns the open snapshot, reopening it when the file was replaced, or null when absent. */
  function snapshot(): SqliteDatabase | null {
    const stats = statOrNull(options.dbFile);
    if (!stats) {
      if (current) log.warn({ dbFile: options.dbFile }, 'installed snapshot disappeared; closing it');
      closeCurrent();
      return null;
    }

    const identity = identityOf(stats);
    if (current?.identity === identity) return current.db;
    if (unusableIdentity === identity) return null;

    const reopening = current !== null;
    closeCurrent();
    const db = openUsableSnapshot(options.dbFile);
    if (!db) {
      unusableIdentity = identity;
      return null;
    }
    current = { db, identity };
    log.info({ dbFile: options.dbFile, reopening }, 'opened snapshot');
    return db;
  }

  return {
    async getSettings(): Promise<KioskSettings> {
      return settings;
    },

    async getSnapshotInfo(): Promise<SnapshotInfo | null> {
      const db = snapshot();
      return db ? SnapshotInfoSchema.parse(readSnapshotInfo(db)) : null;
    },

    async lookupHousehold(idNumber: string): Promise<LookupResult> {
      const db = snapshot();
      if (!db) return { status: 'no-data' };
      return LookupResultSchema.parse(lookupHousehold(db, idNumber));
    },

    close(): void {
      closeCurrent();
    },
  };
}
