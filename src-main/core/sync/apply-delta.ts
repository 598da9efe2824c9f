// Applies a delta file (core/snapshot/delta-format.ts) to a writable copy of the installed
// snapshot. Every check that the delta fits the copy runs before the first write, and the
// writes run in one transaction, so a failure leaves the copy exactly as it was.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  DELTA_FORMAT,
  DELTA_INFO_TABLE,
  DELTA_TABLES_TABLE,
  deletesTableName,
  upsertsTableName,
} from '../snapshot/delta-format.js';
import type { DeltaTableEntry } from '../snapshot/delta-format.js';
import { quoteIdentifier, readTableLayouts } from '../snapshot/table-layout.js';
import type { TableLayout } from '../snapshot/table-layout.js';

export type DeltaErrorReason =
  | 'deltaMissing'
  | 'notSqlite'
  | 'notDelta'
  | 'unknownTable'
  | 'missingTable'
  | 'columnsDiffer'
  | 'primaryKeyDiffers'
  | 'rowsRejected';

/** A delta that does not fit the target; the target is unchanged. */
export class DeltaError extends Error {
  constructor(
    readonly reason: DeltaErrorReason,
    detail: string,
  ) {
    super(`delta not applied (${reason}): ${detail}`);
    this.name = 'DeltaError';
  }
}

const ColumnsSchema = z.array(z.object({ name: z.string(), type: z.string() })).min(1);
const KeySchema = z.array(z.string()).min(1);

interface DeltaTableRow {
  position: number;
  table_name: string;
  columns_json: string;
  primary_key_json: string;
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Database.SqliteError;
}

function isNotDatabase(error: unknown): boolean {
  return isSqliteError(error) && (error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function columnNames(db: Database.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?, ?)').pluck().all(table, 'delta') as string[]);
}

/** Reads delta_info and delta_tables, and checks that each listed table's row tables exist. */
function readDeltaTables(db: Database.Database): DeltaTableEntry[] {
  let format: string | undefined;
  let rows: DeltaTableRow[];
  try {
    format = db.prepare(`SELECT value FROM delta.${DELTA_INFO_TABLE} WHERE key = 'format'`).pluck().get() as string | undefined;
    rows = db
      .prepare(`SELECT position, table_name, columns_json, primary_key_json FROM delta.${DELTA_TABLES_TABLE} ORDER BY position`)
      .all() as DeltaTableRow[];
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    if (isNotDatabase(error)) throw new DeltaError('notSqlite', error.message);
    throw new DeltaError('notDelta', error.message);
  }
  if (format !== DELTA_FORMAT) throw new DeltaError('notDelta', `delta format ${String(format)}, expected ${DELTA_FORMAT}`);

  return rows.map((row) => {
    let entry: DeltaTableEntry;
    try {
      entry = {
        position: row.position,
        tableName: row.table_name,
        columns: ColumnsSchema.parse(JSON.parse(row.columns_json)),
        primaryKey: KeySchema.parse(JSON.parse(row.primary_key_json)),
      };
    } catch {
      throw new DeltaError('notDelta', `the description of table ${row.table_name} is not valid JSON of columns and key`);
    }

    const expectedUpserts = entry.columns.map((column) => column.name);
    if (!sameList(columnNames(db, upsertsTableName(entry.position)), expectedUpserts)) {
      throw new DeltaError('notDelta', `${upsertsTableName(entry.position)} does not have the columns of ${entry.tableName}`);
    }
    if (!sameList(columnNames(db, deletesTableName(entry.position)), entry.primaryKey)) {
      throw new DeltaError('notDelta', `${deletesTableName(entry.position)} does not have the key of ${entry.tableName}`);
    }
    return entry;
  });
}

/** Throws DeltaError unless the delta lists exactly the target's tables, columns and keys. */
function checkFit(entries: DeltaTableEntry[], targetTables: TableLayout[]): void {
  const targetByName = new Map(targetTables.map((table) => [table.name, table]));
  for (const entry of entries) {
    const target = targetByName.get(entry.tableName);
    if (target === undefined) throw new DeltaError('unknownTable', `table ${entry.tableName} is not in the target`);

    const describe = (columns: { name: string; type: string }[]) => columns.map((column) => `${column.name} ${column.type}`);
    if (!sameList(describe(entry.columns), describe(target.columns))) {
      throw new DeltaError('columnsDiffer', `table ${entry.tableName}: delta has (${describe(entry.columns).join(', ')}), target has (${describe(target.columns).join(', ')})`);
    }
    if (!sameList(entry.primaryKey, target.primaryKey)) {
      throw new DeltaError('primaryKeyDiffers', `table ${entry.tableName}: delta key (${entry.primaryKey.join(', ')}), target key (${target.primaryKey.join(', ')})`);
    }
  }

  const listed = new Set(entries.map((entry) => entry.tableName));
  const missing = targetTables.find((table) => !listed.has(table.name));
  if (missing !== undefined) throw new DeltaError('missingTable', `table ${missing.name} of the target is not in the delta`);
}

/** Deletes, then inserts or replaces, the rows of one table. */
function applyTable(db: Database.Database, entry: DeltaTableEntry): void {
  const name = `main.${quoteIdentifier(entry.tableName)}`;
  const columns = entry.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const key = entry.primaryKey.map(quoteIdentifier).join(', ');
  const keyTuple = entry.primaryKey.length === 1 ? key : `(${key})`;

  db.exec(`DELETE FROM ${name} WHERE ${keyTuple} IN (SELECT ${key} FROM delta.${quoteIdentifier(deletesTableName(entry.position))})`);
  // REPLACE also removes a row that would collide on a unique index (a member moved to another
  // order). The delta contains every row of the new snapshot that differs, so that row is reinserted.
  db.exec(`INSERT OR REPLACE INTO ${name} (${columns}) SELECT ${columns} FROM delta.${quoteIdentifier(upsertsTableName(entry.position))}`);
}

/**
 * Applies `deltaSqlite` to `targetSqlite` in one transaction. Throws DeltaError when the delta
 * file is missing, not SQLite, not a delta, or does not fit the target's tables. It also throws
 * when the rows break a constraint of the target (foreign keys are checked at commit). After any
 * error the target is unchanged.
 * A target that is missing or not a SQLite file throws better-sqlite3's SqliteError instead.
 */
export function applyDelta(targetSqlite: string, deltaSqlite: string): void {
  // ATTACH would create a missing file as an empty database.
  if (!existsSync(deltaSqlite)) throw new DeltaError('deltaMissing', `${deltaSqlite} does not exist`);

  const db = new Database(targetSqlite, { fileMustExist: true });
  try {
    try {
      db.prepare('ATTACH DATABASE ? AS delta').run(deltaSqlite);
    } catch (error) {
      if (isNotDatabase(error)) throw new DeltaError('notSqlite', `${deltaSqlite}: ${(error as Error).message}`);
      throw error;
    }
    const entries = readDeltaTables(db);
    checkFit(entries, readTableLayouts(db, 'main'));

    const applyAll = db.transaction(() => {
      // Tables are applied in name order, so a row may briefly reference one not yet inserted.
      db.pragma('defer_foreign_keys = ON');
      for (const entry of entries) applyTable(db, entry);
    });
    try {
      applyAll();
    } catch (error) {
      if (isSqliteError(error) && error.code.startsWith('SQLITE_CONSTRAINT')) throw new DeltaError('rowsRejected', error.message);
      throw error;
    }

    db.exec('DETACH DATABASE delta');
  } finally {
    db.close();
  }
}
