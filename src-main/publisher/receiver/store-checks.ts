// Checks that a file given as --db is the receiver's own database and is not damaged, run before
// the receiver writes to it or the export reads it.
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { HEARTBEAT_COLUMNS } from './heartbeat-store.js';

/** Columns of the receiver's reports table, in the order of its CREATE TABLE. */
export const REPORT_COLUMNS = ['idempotency_key', 'envelope', 'sha256', 'terminal_id', 'remote_address', 'received_at'] as const;

// The receiver's tables and their columns; any other table marks another program's file.
const RECEIVER_TABLES = new Map<string, readonly string[]>([
  ['reports', REPORT_COLUMNS],
  ['heartbeats', HEARTBEAT_COLUMNS],
]);

/** The file is an SQLite database of another program: it has other tables, or a receiver table of another shape. */
export class NotReceiverDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file} is not a receiver database: ${detail}`);
    this.name = 'NotReceiverDatabaseError';
  }
}

/** SQLite found the file damaged: quick_check listed problems, or a read failed with SQLITE_CORRUPT or SQLITE_NOTADB. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file} is damaged: ${detail}`);
    this.name = 'DatabaseDamagedError';
  }
}

const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

/** Tells whether an error thrown by better-sqlite3 means the file is damaged. */
export function isDamageError(error: unknown): boolean {
  return DAMAGE_CODES.test(String((error as { code?: unknown }).code ?? ''));
}

/**
 * Throws NotReceiverDatabaseError when the database holds tables other than `reports` and
 * `heartbeats`, or one of them with other columns. An empty database passes, so --db may name
 * a new file.
 */
export function checkReceiverTables(db: SqliteDatabase, file: string): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[]).map(
    (row) => row.name,
  );
  const others = tables.filter((name) => !RECEIVER_TABLES.has(name));
  if (others.length > 0) {
    throw new NotReceiverDatabaseError(file, `it has the tables ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`);
  }

  for (const table of tables) {
    const expected = RECEIVER_TABLES.get(table)!;
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((row) => row.name);
    if (columns.join(',') !== expected.join(',')) {
      throw new NotReceiverDatabaseError(file, `its ${table} table has the columns ${columns.join(', ')}`);
    }
  }
}

/**
 * Runs PRAGMA quick_check and returns its first problems, or null when it reports ok. quick_check
 * reads every page but skips the index-content checks of integrity_check, so it stays fast enough
 * for each start of the receiver.
 */
export function quickCheckProblems(db: SqliteDatabase): string | null {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check);
  if (problems.length === 1 && problems[0] === 'ok') return null;
  return problems.join('; ');
}
