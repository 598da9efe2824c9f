// Inserts the disclosure boards and case progress of a validated version 2 delivery into a
// snapshot (core/snapshot/schema-boards.ts). Rows go in primary-key order and documents in name order,
// so the same delivery always gives the same file.
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import SqliteDatabase from 'better-sqlite3';
import { compareText } from '../../src-shared/compare-text.js';
import { quoteIdentifier } from '../core/snapshot/table-layout.js';
import { PublishError } from './publish-error.js';
import type { CellValue, DatasetV2, TableRow } from './standard-v2/dataset.js';

/**
 * The board tables in insertion order: each table after the tables its foreign keys name, because
 * better-sqlite3 enforces foreign keys as each row is inserted. `documents` comes first.
 */
export const BOARD_TABLE_NAMES = [
  'documents',
  'projects',
  'project_progress',
  'fund_allocations',
  'poverty_households',
  'poverty_measures',
  'finance_entries',
  'finance_balances',
  'collective_assets',
  'asset_contracts',
  'notices',
  'notice_attachments',
  'complaint_outcomes',
  'accountability_notices',
  'report_progress',
] as const;
export type BoardTableName = (typeof BOARD_TABLE_NAMES)[number];

/** Rows written per board table, 0 for a file the county did not deliver. */
export type BoardRowCounts = Record<BoardTableName, number>;

export function emptyBoardCounts(): BoardRowCounts {
  return Object.fromEntries(BOARD_TABLE_NAMES.map((table) => [table, 0])) as BoardRowCounts;
}

export interface BoardTablesOptions {
  /** Person key of a normalised 18-digit ID number, derived with the snapshot's lookup salt. */
  personKeyOf: (idNumber: string) => string;
}

// poverty_households arrives with the head's ID number, which must not reach the snapshot.
const POVERTY_HOUSEHOLDS = 'poverty_households';
const HEAD_ID_NUMBER = 'head_id_number';
const HEAD_PERSON_KEY = 'head_person_key';

interface ColumnInfo {
  name: string;
  pk: number;
}

function readColumns(db: Database, table: string): { columns: string[]; primaryKey: string[] } {
  const rows = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as ColumnInfo[];
  if (rows.length === 0) throw new Error(`table ${table} is not in the snapshot. Create the schema with SNAPSHOT_DDL first.`);
  const primaryKey = rows
    .filter((row) => row.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((row) => row.name);
  return { columns: rows.map((row) => row.name), primaryKey };
}

/** Orders NULL before numbers before text, numbers by value and text by UTF-16 code units. */
function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

function sortByKey(rows: readonly TableRow[], primaryKey: readonly string[]): TableRow[] {
  return [...rows].sort((a, b) => {
    for (const column of primaryKey) {
      const order = compareCells(a[column] ?? null, b[column] ?? null);
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Replaces head_id_number by head_person_key; other rows pass unchanged. */
function pseudonymiseRow(table: string, row: TableRow, options: BoardTablesOptions): TableRow {
  if (table !== POVERTY_HOUSEHOLDS) return row;

  const { [HEAD_ID_NUMBER]: idNumber, ...rest } = row;
  if (typeof idNumber !== 'string') {
    throw new TypeError(`${POVERTY_HOUSEHOLDS} row ${String(row.household_id)} has no ${HEAD_ID_NUMBER}`);
  }
  return { ...rest, [HEAD_PERSON_KEY]: options.personKeyOf(idNumber) };
}

/** Lists the row's values in column order; a missing or unknown column is a bug of the caller. */
function valuesInColumnOrder(table: string, row: TableRow, columns: readonly string[], known: ReadonlySet<string>): CellValue[] {
  const unknown = Object.keys(row).find((name) => !known.has(name));
  if (unknown !== undefined) throw new TypeError(`${table} has no column ${unknown}`);

  return columns.map((column) => {
    const value = row[column];
    if (value === undefined) throw new TypeError(`${table} row lacks column ${column}`);
    return value;
  });
}

function describeKey(row: TableRow, primaryKey: readonly string[]): string {
  return primaryKey.map((column) => String(row[column])).join(' / ');
}

/** Turns a constraint failure (a region outside the county, a duplicate key) into a PublishError. */
function rejectRow(error: unknown, table: string, key: string): never {
  if (error instanceof SqliteDatabase.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    throw new PublishError('boardRowRejected', { table, key, reason: error.message });
  }
  throw error;
}

function insertTable(db: Database, table: string, rows: readonly TableRow[], options: BoardTablesOptions): number {
  const { columns, primaryKey } = readColumns(db, table);
  const insert = db.prepare(
    `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );

  const known = new Set(columns);
  const pseudonymised = rows.map((row) => pseudonymiseRow(table, row, options));
  for (const row of sortByKey(pseudonymised, primaryKey)) {
    const values = valuesInColumnOrder(table, row, columns, known);
    try {
      insert.run(values);
    } catch (error) {
      rejectRow(error, table, describeKey(row, primaryKey));
    }
  }
  return rows.length;
}

/** Reads a delivered file; one removed or unreadable since validation raises a PublishError. */
function readDocument(file: string, name: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new PublishError('documentUnreadable', { name, file, reason: code });
  }
}

function insertDocuments(db: Database, v2: DatasetV2): number {
  const insert = db.prepare('INSERT INTO documents (name, media_type, bytes) VALUES (?, ?, ?)');
  const documents = [...v2.documents].sort((a, b) => compareText(a.name, b.name));

  // Documents are read one at a time, because a county's photos and PDF attachments together
  // may not fit in memory.
  for (const document of documents) {
    const bytes = readDocument(document.path, document.name);
    try {
      insert.run(document.name, document.mediaType, bytes);
    } catch (error) {
      rejectRow(error, 'documents', document.name);
    }
  }
  return documents.length;
}

/**
 * Inserts every board table of `v2` and its documents into `db`, which already has the snapshot
 * schema with the regions and subsidy items the rows refer to. Runs in one transaction (a
 * savepoint inside the caller's). Throws PublishError `boardRowRejected` for a row that breaks a
 * constraint, such as a region outside the snapshot's county, PublishError `documentUnreadable`
 * for a document file that cannot be read, and TypeError for a table or column the snapshot does
 * not have.
 */
export function buildBoardTables(db: Database, v2: DatasetV2, options: BoardTablesOptions): BoardRowCounts {
  const unknown = [...v2.tables.keys()].find((table) => !(BOARD_TABLE_NAMES as readonly string[]).includes(table) || table === 'documents');
  if (unknown !== undefined) throw new TypeError(`${unknown} is not a board table of the snapshot`);

  const counts = emptyBoardCounts();
  const insertAll = db.transaction(() => {
    // 1. Documents first, because progress photos and notice attachments refer to them.
    counts.documents = insertDocuments(db, v2);

    // 2. Every other table after the tables it refers to.
    for (const table of BOARD_TABLE_NAMES) {
      const rows = v2.tables.get(table);
      if (table === 'documents' || rows === undefined) continue;
      counts[table] = insertTable(db, table, rows, options);
    }
  });
  insertAll();
  return counts;
}
