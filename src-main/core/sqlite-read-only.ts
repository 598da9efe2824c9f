// Reads a kiosk's SQLite queue file (report outbox, heartbeat queue) for a status report, next
// to a running kiosk that may be writing it: read-only, never created, and checked first.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';

/**
 * What reading the file found. absent: the file does not exist; damaged: SQLite finds it
 * corrupt; unreadable: it cannot be opened or read for another reason (its message is `problem`).
 */
export type ReadOnlyResult<T> =
  | { state: 'absent' }
  | { state: 'ok'; value: T }
  | { state: 'damaged' | 'unreadable'; problem: string };

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

/** Opens `file` read-only, runs SQLite's quick_check, then `read`, and closes it again. */
export function readSqliteReadOnly<T>(file: string, read: (db: SqliteDatabase) => T): ReadOnlyResult<T> {
  if (!existsSync(file)) return { state: 'absent' };

  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { state: isDamage(error) ? 'damaged' : 'unreadable', problem: (error as Error).message };
  }

  try {
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') return { state: 'damaged', problem: `quick_check: ${check.slice(0, 200)}` };
    return { state: 'ok', value: read(db) };
  } catch (error) {
    return { state: isDamage(error) ? 'damaged' : 'unreadable', problem: (error as Error).message };
  } finally {
    db.close();
  }
}
