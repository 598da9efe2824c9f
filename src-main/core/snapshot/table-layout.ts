// The tables of a SQLite file as the content digest and the delta see them: every ordinary
// table except SQLite's own (sqlite_*), with its columns and primary key.
import type { Database } from 'better-sqlite3';

export interface ColumnLayout {
  name: string;
  /** Declared type as written in CREATE TABLE, '' when none. */
  type: string;
}

export interface TableLayout {
  name: string;
  columns: ColumnLayout[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
}

/** Quotes an SQL identifier, so any table or column name can be used in a statement. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Compares by UTF-16 code units, so the order does not depend on the locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

interface TableInfoRow {
  name: string;
  type: string;
  pk: number;
}

/**
 * Lists the tables of `schema` ('main' or an attached name) sorted by name, with their columns
 * in declaration order.
 */
export function readTableLayouts(db: Database, schema = 'main'): TableLayout[] {
  const quotedSchema = quoteIdentifier(schema);
  // NOTE: virtual tables (FTS5) and their shadow tables would be listed like ordinary tables;
  // the snapshot schema has none.
  const names = db
    .prepare(`SELECT name FROM ${quotedSchema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
    .pluck()
    .all() as string[];

  return names.sort(compareCodeUnits).map((name) => {
    const rows = db.prepare(`SELECT name, type, pk FROM pragma_table_info(?, ?)`).all(name, schema) as TableInfoRow[];
    const primaryKey = rows
      .filter((row) => row.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((row) => row.name);
    return { name, columns: rows.map((row) => ({ name: row.name, type: row.type })), primaryKey };
  });
}
