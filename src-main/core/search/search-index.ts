// A Chinese full-text index on SQLite FTS5. Text is tokenized in JavaScript (tokenize.ts) and
// stored as space-separated tokens, so FTS5's built-in unicode61 tokenizer works for Chinese
// queries of any length, including the one- and two-character ones that trigram cannot match.
//
// An index named T is two tables:
// - T, a contentless FTS5 table with a bigram and a unigram column per field. Its token streams
//   are never read back, so it stores only the inverted index.
// - T_source, the document id and the original field texts as JSON, which highlights are
//   computed on. Its rowid is the FTS5 rowid.
import type { SqliteDatabase } from '../store.js';
import { findHighlights } from './highlight.js';
import type { TextRange } from './highlight.js';
import { bigramColumn, buildMatchExpression, unigramColumn } from './match-expression.js';
import { indexTokens, queryTerms } from './tokenize.js';

export type { TextRange };

export interface SearchIndexOptions {
  /** Names of the text fields: lower-case letters and digits, at most 32. Defaults to title and body. */
  fields?: readonly string[];
  /** bm25 weight per field, 1 when absent: a hit in a field of weight 2 counts twice as much. */
  weights?: Readonly<Record<string, number>>;
}

export interface SearchOptions {
  /** Maximum number of hits, from 1 to 1000. Defaults to 50. */
  limit?: number;
  /** Number of best hits to skip, for paging. Defaults to 0. */
  offset?: number;
}

export interface SearchHit {
  id: string;
  /** bm25 relevance under the index's field weights, where higher is better. */
  score: number;
  /** The original text of each field, as indexed. */
  fields: Record<string, string>;
  /** Sorted, non-overlapping ranges of each field's text that the query matched. */
  highlights: Record<string, TextRange[]>;
}

export const DEFAULT_FIELDS: readonly string[] = ['title', 'body'];
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 1000;

// Longer input is cut before tokenizing. A query is typed on a touch keyboard, so only hostile
// input comes near this, and it must not turn into an FTS5 phrase of thousands of tokens.
export const MAX_QUERY_LENGTH = 200;

const TABLE_NAME = /^[a-z][a-z0-9_]{0,47}$/;
const FIELD_NAME = /^[a-z][a-z0-9]{0,31}$/;

/** Creates the FTS5 table and its source table. Throws on an invalid table name, field or weight. */
export function createSearchIndex(db: SqliteDatabase, table: string, options: SearchIndexOptions = {}): void {
  checkTableName(table);
  const fields = options.fields ?? DEFAULT_FIELDS;
  checkFields(fields);
  const weights = fields.map((field) => checkWeight(field, options.weights?.[field] ?? 1));

  for (const field of Object.keys(options.weights ?? {})) {
    if (!fields.includes(field)) {
      throw new Error(`weight given for unknown field "${field}". The index has the fields ${fields.join(', ')}.`);
    }
  }

  const columns = fields.flatMap((field) => [bigramColumn(field), unigramColumn(field)]);
  const columnWeights = weights.flatMap((weight) => [weight, weight]);

  // remove_diacritics 0 because words arrive folded already, and CJK tokens must stay as they are.
  // contentless_delete lets indexDocument replace a document without its old token streams.
  db.transaction(() => {
    db.exec(`
      CREATE VIRTUAL TABLE ${quoted(table)} USING fts5(
        ${columns.join(', ')},
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );
      CREATE TABLE ${quoted(sourceTable(table))} (
        rowid INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        fields TEXT NOT NULL
      );`);

    // The rank setting persists in the index, so every search orders by these weights.
    db.prepare(`INSERT INTO ${quoted(table)} (${quoted(table)}, rank) VALUES ('rank', ?)`).run(`bm25(${columnWeights.join(', ')})`);
  })();
}

/**
 * Adds a document to the index, or replaces the document with the same id. A field missing
 * from `fields` is indexed as empty, and a field the index does not have is an error.
 */
export function indexDocument(db: SqliteDatabase, table: string, id: string, fields: Readonly<Record<string, string>>): void {
  createDocumentWriter(db, table)(id, fields);
}

/**
 * Returns a function that indexes documents like indexDocument and returns each document's
 * rowid, which callers may use as the key of their own per-document rows. Its statements are
 * prepared once, for indexing many documents in one transaction.
 */
export function createDocumentWriter(
  db: SqliteDatabase,
  table: string,
): (id: string, fields: Readonly<Record<string, string>>) => number {
  const indexFields = readFields(db, table);
  const columns = indexFields.flatMap((field) => [bigramColumn(field), unigramColumn(field)]);

  const upsertSource = db.prepare(
    `INSERT INTO ${quoted(sourceTable(table))} (doc_id, fields) VALUES (?, ?)
     ON CONFLICT (doc_id) DO UPDATE SET fields = excluded.fields
     RETURNING rowid`,
  );
  const deleteTokens = db.prepare(`DELETE FROM ${quoted(table)} WHERE rowid = ?`);
  const insertTokens = db.prepare(
    `INSERT INTO ${quoted(table)} (rowid, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  );

  const write = db.transaction((id: string, texts: Record<string, string>, values: string[]): number => {
    const { rowid } = upsertSource.get(id, JSON.stringify(texts)) as { rowid: number };
    deleteTokens.run(rowid);
    insertTokens.run(rowid, ...values);
    return rowid;
  });

  return (id, fields) => {
    for (const field of Object.keys(fields)) {
      if (!indexFields.includes(field)) {
        throw new Error(`search index "${table}" has no field "${field}". Its fields are ${indexFields.join(', ')}.`);
      }
    }

    const texts = Object.fromEntries(indexFields.map((field) => [field, fields[field] ?? '']));
    const values = indexFields.flatMap((field) => {
      const tokens = indexTokens(texts[field]!);
      return [tokens.bigrams, tokens.unigrams];
    });
    return write(id, texts, values);
  };
}

/** Removes a document from the index. Returns false when no document had that id. */
export function deleteDocument(db: SqliteDatabase, table: string, id: string): boolean {
  checkTableName(table);

  return db.transaction(() => {
    const row = db.prepare(`DELETE FROM ${quoted(sourceTable(table))} WHERE doc_id = ? RETURNING rowid`).get(id) as
      | { rowid: number }
      | undefined;
    if (!row) return false;

    db.prepare(`DELETE FROM ${quoted(table)} WHERE rowid = ?`).run(row.rowid);
    return true;
  })();
}

/** Returns the SQL that search runs, with the MATCH expression, limit and offset as parameters. */
export function searchSql(table: string): string {
  checkTableName(table);
  const fts = quoted(table);
  return `
    SELECT source.doc_id AS id, source.fields AS fields, ${fts}.rank AS rank
    FROM ${fts}
    JOIN ${quoted(sourceTable(table))} AS source ON source.rowid = ${fts}.rowid
    WHERE ${fts} MATCH ?
    ORDER BY ${fts}.rank
    LIMIT ? OFFSET ?`;
}

/**
 * Finds the documents that contain every term of a user's query, best first, with highlight
 * ranges on their original text. Any query text is accepted: one with no letters, digits or
 * CJK characters returns no hits. Throws only on an invalid table, limit or offset.
 */
export function search(db: SqliteDatabase, table: string, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new RangeError(`invalid search limit ${limit}. Use a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`invalid search offset ${offset}. Use a whole number of 0 or more.`);
  }

  const fields = readFields(db, table);
  const terms = queryTerms(query.slice(0, MAX_QUERY_LENGTH));
  const match = buildMatchExpression(terms, fields);
  if (match === undefined) return [];

  const rows = db.prepare(searchSql(table)).all(match, limit, offset) as { id: string; fields: string; rank: number }[];

  return rows.map((row) => {
    const texts = JSON.parse(row.fields) as Record<string, string>;
    const highlights = Object.fromEntries(fields.map((field) => [field, findHighlights(texts[field] ?? '', terms)]));
    return { id: row.id, score: -row.rank, fields: texts, highlights };
  });
}

/** Reads the field names of an index from its FTS5 columns. Throws when the index is missing. */
export function readFields(db: SqliteDatabase, table: string): string[] {
  checkTableName(table);

  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
  const suffix = bigramColumn('');
  const fields = columns.filter((column) => column.name.endsWith(suffix)).map((column) => column.name.slice(0, -suffix.length));
  if (fields.length === 0) {
    throw new Error(`search index "${table}" not found. Create it with createSearchIndex first.`);
  }
  return fields;
}

// Callers check names against TABLE_NAME first. The quotes keep SQL keywords such as "order" usable.
function quoted(name: string): string {
  return `"${name}"`;
}

function sourceTable(table: string): string {
  return `${table}_source`;
}

function checkTableName(table: string): void {
  if (!TABLE_NAME.test(table)) {
    throw new Error(`invalid search index name "${table}". Use up to 48 lower-case letters, digits and _, starting with a letter.`);
  }
}

function checkFields(fields: readonly string[]): void {
  if (fields.length === 0) throw new Error('a search index needs at least one field');

  for (const field of fields) {
    if (!FIELD_NAME.test(field)) {
      throw new Error(`invalid search field name "${field}". Use up to 32 lower-case letters and digits, starting with a letter.`);
    }
  }

  const duplicate = fields.find((field, index) => fields.indexOf(field) !== index);
  if (duplicate !== undefined) throw new Error(`search field "${duplicate}" is listed twice`);
}

function checkWeight(field: string, weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) {
    throw new Error(`invalid weight ${weight} for search field "${field}". Use a number above 0.`);
  }
  return weight;
}
