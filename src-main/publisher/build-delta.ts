// Builds the delta from the previous snapshot to the new one: per table, the rows that are new
// or changed (by primary key) and the primary keys that are gone. Both snapshots are attached
// to the delta file and compared with SQL EXCEPT, so no table is loaded into memory.
import { existsSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { HashAlgorithm } from '../core/crypto/hash-types.js';
import { contentDigest } from '../core/snapshot/content-digest.js';
import {
  DELTA_FORMAT,
  DELTA_INFO_TABLE,
  DELTA_TABLES_TABLE,
  deletesTableName,
  upsertsTableName,
} from '../core/snapshot/delta-format.js';
import { quoteIdentifier, readTableLayouts } from '../core/snapshot/table-layout.js';
import type { TableLayout } from '../core/snapshot/table-layout.js';
import type { SignedManifest } from '../core/snapshot/manifest.js';
import { deltaFileName, writePayload } from './bundle-files.js';

export type DeltaNotPossibleCode = 'schemaChanged' | 'noPrimaryKey';

/** The two snapshots cannot be connected by a delta; publish ships the full payload only. */
export class DeltaNotPossible extends Error {
  constructor(
    readonly code: DeltaNotPossibleCode,
    readonly params: Record<string, string> = {},
  ) {
    super(code === 'schemaChanged' ? 'no delta possible: the two snapshots have different schemas' : `no delta possible: table ${params.table} has no primary key`);
    this.name = 'DeltaNotPossible';
  }
}

export interface DeltaCounts {
  upserts: number;
  deletes: number;
}

interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/** Lists the schema statements of an attached database, for comparing two snapshots. */
function schemaOf(db: Database.Database, schema: string): string[] {
  const rows = db
    .prepare(`SELECT type, name, sql FROM ${quoteIdentifier(schema)}.sqlite_schema ORDER BY type, name`)
    .all() as SchemaRow[];
  return rows.map((row) => `${row.type} ${row.name} ${row.sql ?? ''}`);
}

/** Throws DeltaNotPossible unless both snapshots have identical schemas and every table a key. */
function checkSchemas(db: Database.Database): TableLayout[] {
  const baseSchema = schemaOf(db, 'base');
  const newSchema = schemaOf(db, 'next');
  if (baseSchema.length !== newSchema.length || baseSchema.some((statement, index) => statement !== newSchema[index])) {
    throw new DeltaNotPossible('schemaChanged');
  }

  const tables = readTableLayouts(db, 'next');
  const keyless = tables.find((table) => table.primaryKey.length === 0);
  if (keyless !== undefined) throw new DeltaNotPossible('noPrimaryKey', { table: keyless.name });
  return tables;
}

/** Fills upserts_<position> and deletes_<position> for one table; returns the row counts. */
function diffTable(db: Database.Database, table: TableLayout, position: number): DeltaCounts {
  const name = quoteIdentifier(table.name);
  const columns = table.columns.map((column) => quoteIdentifier(column.name));
  const keyColumns = table.primaryKey.map(quoteIdentifier);
  const upserts = quoteIdentifier(upsertsTableName(position));
  const deletes = quoteIdentifier(deletesTableName(position));

  // Columns without a declared type have no affinity, so each value is stored as it is.
  db.exec(`CREATE TABLE main.${upserts} (${columns.join(', ')})`);
  db.exec(`CREATE TABLE main.${deletes} (${keyColumns.join(', ')})`);

  // EXCEPT compares 1 and 1.0 as equal and follows each column's collation, so the compared
  // rows also carry typeof() of every value and binary-collated copies of the text.
  const exact = [
    ...columns.map((column, index) => `${column} COLLATE BINARY AS c${index}`),
    ...columns.map((column) => `typeof(${column})`),
  ].join(', ');
  const picked = columns.map((_column, index) => `c${index}`).join(', ');
  const upserted = db
    .prepare(
      `INSERT INTO main.${upserts} (${columns.join(', ')})
       SELECT ${picked} FROM (SELECT ${exact} FROM next.${name} EXCEPT SELECT ${exact} FROM base.${name})`,
    )
    .run().changes;

  // Keys are compared with the table's own collation, as the table itself compares them.
  const deleted = db
    .prepare(
      `INSERT INTO main.${deletes} (${keyColumns.join(', ')})
       SELECT ${keyColumns.join(', ')} FROM base.${name} EXCEPT SELECT ${keyColumns.join(', ')} FROM next.${name}`,
    )
    .run().changes;

  return { upserts: upserted, deletes: deleted };
}

/**
 * Writes the delta that turns `baseSqlite` into `newSqlite` to `deltaOut`, which must not exist.
 * Throws DeltaNotPossible when the schemas differ or a table has no primary key; the partial
 * delta file is removed on any failure.
 */
export function buildDelta(baseSqlite: string, newSqlite: string, deltaOut: string): DeltaCounts {
  // ATTACH would create a missing file as an empty database, so check first.
  for (const file of [baseSqlite, newSqlite]) {
    if (!existsSync(file)) throw new Error(`snapshot file not found: ${file}`);
  }

  const db = new Database(deltaOut);
  try {
    // A temporary file built in one go and discarded on failure needs no journal.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // Small pages keep the nearly empty tables of a small change small.
    db.pragma('page_size = 1024');
    db.prepare('ATTACH DATABASE ? AS base').run(baseSqlite);
    db.prepare('ATTACH DATABASE ? AS next').run(newSqlite);

    const tables = checkSchemas(db);
    const totals: DeltaCounts = { upserts: 0, deletes: 0 };
    const fill = db.transaction(() => {
      db.exec(`CREATE TABLE main.${DELTA_INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      db.prepare(`INSERT INTO main.${DELTA_INFO_TABLE} (key, value) VALUES ('format', ?)`).run(DELTA_FORMAT);
      db.exec(
        `CREATE TABLE main.${DELTA_TABLES_TABLE} (
           position INTEGER PRIMARY KEY,
           table_name TEXT NOT NULL UNIQUE,
           columns_json TEXT NOT NULL,
           primary_key_json TEXT NOT NULL
         )`,
      );
      const insertTable = db.prepare(
        `INSERT INTO main.${DELTA_TABLES_TABLE} (position, table_name, columns_json, primary_key_json) VALUES (?, ?, ?, ?)`,
      );

      tables.forEach((table, index) => {
        const position = index + 1;
        insertTable.run(position, table.name, JSON.stringify(table.columns), JSON.stringify(table.primaryKey));
        const counts = diffTable(db, table, position);
        totals.upserts += counts.upserts;
        totals.deletes += counts.deletes;
      });
    });
    fill();

    db.exec('DETACH DATABASE base');
    db.exec('DETACH DATABASE next');
    db.exec('VACUUM');
    db.close();
    return totals;
  } catch (error) {
    if (db.open) db.close();
    rmSync(deltaOut, { force: true });
    throw error;
  }
}

export type BundleDelta =
  | { ok: true; entry: NonNullable<SignedManifest['delta']>; counts: DeltaCounts }
  | { ok: false; code: DeltaNotPossibleCode | 'notSmaller'; params: Record<string, string | number> };

export interface BundleDeltaInput {
  baseSqlite: string;
  baseVersion: number;
  newSqlite: string;
  version: number;
  algorithm: HashAlgorithm;
  /** Length of the new full payload: a delta that is not smaller is not worth shipping. */
  payloadLength: number;
  workDir: string;
  outDir: string;
}

function digestOfFile(file: string, algorithm: HashAlgorithm): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return contentDigest(db, algorithm);
  } finally {
    db.close();
  }
}

/**
 * Builds the delta from the previous snapshot and writes it gzipped into the bundle folder as
 * delta-<base>-<new>.sqlite.gz. Returns the manifest entry, or the reason no delta is shipped:
 * the schemas differ or the delta would not be smaller than the full payload.
 */
export async function writeBundleDelta(input: BundleDeltaInput): Promise<BundleDelta> {
  // One file per base, because a publish run builds a delta from each kept version.
  const deltaSqlite = path.join(input.workDir, `delta-${input.baseVersion}.sqlite`);
  let counts: DeltaCounts;
  try {
    counts = buildDelta(input.baseSqlite, input.newSqlite, deltaSqlite);
  } catch (error) {
    if (error instanceof DeltaNotPossible) return { ok: false, code: error.code, params: error.params };
    throw error;
  }
  // Computed from the base file itself, in this manifest's algorithm, which differs from the
  // previous manifest's when the signing keys changed from Ed25519 to SM2 or back.
  const baseContentDigest = digestOfFile(input.baseSqlite, input.algorithm);

  const name = deltaFileName(input.baseVersion, input.version);
  const digest = await writePayload(deltaSqlite, input.outDir, name, input.algorithm);
  await rm(deltaSqlite, { force: true });
  if (digest.length >= input.payloadLength) {
    await rm(path.join(input.outDir, name), { force: true });
    return { ok: false, code: 'notSmaller', params: { deltaBytes: digest.length, payloadBytes: input.payloadLength } };
  }

  const entry = { path: name, compression: 'gzip' as const, ...digest, baseVersion: input.baseVersion, baseContentDigest };
  return { ok: true, entry, counts };
}
