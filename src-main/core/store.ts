// The installed snapshot, opened read-only. The kiosk never writes to it: a new version arrives
// as a whole new file renamed into place by sync, and readers reopen it.
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { SnapshotInfoSchema } from '../../src-shared/kiosk-api.js';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { LookupKeyParamsSchema } from './lookup-key.js';
import type { LookupKeyParams } from './lookup-key.js';
import { META_KEYS } from './snapshot/schema.js';

export type { SqliteDatabase };

/** Opens a snapshot file read-only; throws when the file does not exist or is not SQLite. */
export function openSnapshot(file: string): SqliteDatabase {
  const db = new Database(file, { readonly: true, fileMustExist: true });

  // A file that is not SQLite only fails on its first read, so fail here instead.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  return db;
}

/** Reads the meta table as a plain key-value map. */
export function readMeta(db: SqliteDatabase): Map<string, string> {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Returns the meta value of a key, or throws naming the missing key. */
export function requireMeta(meta: Map<string, string>, key: string): string {
  const value = meta.get(key);
  if (value === undefined) throw new Error(`snapshot meta has no "${key}" entry`);
  return value;
}

/** Reads the snapshot's version, region and dates for the "data as of" line. */
/** The snapshot's own description. The host adds expiry and age from the signed manifest. */
export const SnapshotMetaSchema = SnapshotInfoSchema.omit({ expiresAt: true, expired: true, ageDays: true });
export type SnapshotMeta = Omit<SnapshotInfo, 'expiresAt' | 'expired' | 'ageDays'>;

export function readSnapshotInfo(db: SqliteDatabase): SnapshotMeta {
  const meta = readMeta(db);
  return SnapshotMetaSchema.parse({
    version: Number(requireMeta(meta, META_KEYS.version)),
    regionCode: requireMeta(meta, META_KEYS.regionCode),
    regionName: requireMeta(meta, META_KEYS.regionName),
    createdAt: requireMeta(meta, META_KEYS.createdAt),
    dataAsOf: requireMeta(meta, META_KEYS.dataAsOf),
    householdCount: Number(requireMeta(meta, META_KEYS.householdCount)),
  });
}

/** Reads the lookup key parameters (scrypt cost and salt) the publisher used for person keys. */
export function readLookupKeyParams(db: SqliteDatabase): LookupKeyParams {
  const meta = readMeta(db);
  return LookupKeyParamsSchema.parse(JSON.parse(requireMeta(meta, META_KEYS.lookupKey)));
}
