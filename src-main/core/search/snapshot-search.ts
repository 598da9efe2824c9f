// Full-text search and pinyin suggestions over the installed snapshot's projects, notices,
// complaint outcomes and accountability notices, for the kiosk's search screen.
//
// The snapshot itself carries no full-text index: its delta and content digest cover ordinary
// tables only, and FTS5 shadow tables would not survive a delta. So the kiosk builds the index
// from the snapshot into a cache file (search-cache.ts) and reuses it while the snapshot stays.
import { SEARCH_MAX_OFFSET, SearchRequestSchema, SuggestRequestSchema } from '../../../src-shared/boards-api.js';
import type { SearchHit, SearchRequest, SearchResult, SuggestRequest, SuggestResult } from '../../../src-shared/boards-api.js';
import { requireScopeRegion } from '../boards/region-scope.js';
import { createLogger } from '../log.js';
import type { SqliteDatabase } from '../store.js';
import { findHighlights } from './highlight.js';
import type { TextRange } from './highlight.js';
import { buildMatchExpression } from './match-expression.js';
import { matchesSyllables } from './pinyin-match.js';
import { buildInMemory, openIndexCache } from './search-cache.js';
import type { OpenedIndex } from './search-cache.js';
import { INDEX_TABLE } from './snapshot-index.js';
import { SEARCH_FIELDS } from './snapshot-records.js';
import { makeSnippet } from './snippet.js';
import { queryTerms } from './tokenize.js';
import type { QueryTerm } from './tokenize.js';

const log = createLogger('snapshot-search');

// Pinyin candidates checked against the request's region before giving up; each check is one
// small index query.
const MAX_SUGGEST_CHECKS = 200;

export interface SnapshotSearchOptions {
  /** The installed format-3 snapshot, open read-only. */
  db: SqliteDatabase;
  /** The search cache folder of the data folder (searchCacheDir in data-folder/layout.ts). */
  cacheDir: string;
  /** A string unique per installed snapshot, such as its version and content digest. */
  snapshotId: string;
}

export interface SnapshotSearch {
  search(request: SearchRequest): SearchResult;
  suggest(request: SuggestRequest): SuggestResult;
  /** Storage of the index: 'file' for the cache file, 'memory' when the cache folder is not writable. */
  readonly storage: 'file' | 'memory';
  /** Closes the index. The snapshot database stays open; it belongs to the caller. */
  close(): void;
}

interface VocabularyEntry {
  word: string;
  count: number;
  syllables: string[];
  initials: string[];
}

interface HitRow {
  fields: string;
  kind: SearchHit['kind'];
  record_id: string;
  region_name: string;
  date: string;
}

/**
 * Opens the search of a snapshot, building its index on the calling thread when no valid cache
 * file exists. Both methods throw a ZodError for a request that fails its schema, and a
 * BoardRequestError for a region the snapshot does not have. No query text makes them throw.
 */
export function openSnapshotSearch(options: SnapshotSearchOptions): SnapshotSearch {
  // NOTE: building blocks the calling thread: 5 to 16 s for 5,000 notices of 1,500 characters on
  // a shared 2-core machine. The kiosk builds in a worker thread instead (background-search.ts).
  const index = openIndexCache({ snapshot: options.db, cacheDir: options.cacheDir, snapshotId: options.snapshotId });
  return createSnapshotSearch(index, options);
}

/**
 * Serves the search of a snapshot from an index that is already open, and takes ownership of
 * the index database. The snapshot is read only to rebuild a damaged index.
 */
export function createSnapshotSearch(opened: OpenedIndex, source: Pick<SnapshotSearchOptions, 'db' | 'snapshotId'>): SnapshotSearch {
  let index = opened;
  let vocabulary = loadVocabulary(index.db);

  // A cache file damaged while open fails with SQLITE_CORRUPT. The index is built again, from
  // the snapshot into memory on the calling thread, and the query retried once. The next start
  // rebuilds the file.
  const withIndex = <T>(run: (db: SqliteDatabase) => T): T => {
    try {
      return run(index.db);
    } catch (error) {
      if (!isCorruption(error) || index.storage === 'memory') throw error;

      log.error({ err: error, file: index.file }, 'search cache file is damaged, rebuilding the index in memory');
      index.db.close();
      index = buildInMemory(source.db, source.snapshotId);
      vocabulary = loadVocabulary(index.db);
      return run(index.db);
    }
  };

  return {
    get storage() {
      return index.storage;
    },
    search: (request) => {
      const parsed = SearchRequestSchema.parse(request);
      requireScopeRegion(source.db, parsed.regionCode);
      return withIndex((db) => searchIndex(db, parsed));
    },
    suggest: (request) => {
      const parsed = SuggestRequestSchema.parse(request);
      requireScopeRegion(source.db, parsed.regionCode);
      return withIndex((db) => suggestWords(db, vocabulary, parsed));
    },
    close: () => index.db.close(),
  };
}

function searchIndex(db: SqliteDatabase, request: ReturnType<typeof SearchRequestSchema.parse>): SearchResult {
  const terms = queryTerms(request.query);
  const normalizedQuery = terms.map(termText).join(' ');
  const kinds = request.kinds ?? null;
  if (terms.length === 0) return { query: normalizedQuery, hits: [], more: false };

  const rows = queryHits(db, terms, request.regionCode, kinds, request.limit + 1, request.offset);
  const hits = rows.slice(0, request.limit).map((row) => toHit(row, terms));

  // A next page whose offset the request schema rejects is not offered.
  const more = rows.length > request.limit && request.offset + request.limit <= SEARCH_MAX_OFFSET;
  return { query: normalizedQuery, hits, more };
}

// Region scope: the region itself and everything under it (codes nest by prefix), and its
// ancestors from the county (six digits) down, whose notices concern it too. It matches the
// lists' scope only for a code that requireScopeRegion has found. Parameters: the region code
// three times.
const IN_SCOPE = `(substr(info.region_code, 1, length(?)) = ?
  OR (length(info.region_code) >= 6 AND substr(?, 1, length(info.region_code)) = info.region_code))`;

function queryHits(
  db: SqliteDatabase,
  terms: readonly QueryTerm[],
  regionCode: string,
  kinds: readonly string[] | null,
  limit: number,
  offset: number,
): HitRow[] {
  const match = buildMatchExpression(terms, SEARCH_FIELDS);
  if (match === undefined) return [];

  const kindFilter = kinds ? `AND info.kind IN (${kinds.map(() => '?').join(', ')})` : '';

  return db
    .prepare(
      `SELECT source.fields AS fields, info.kind AS kind, info.record_id AS record_id,
              info.region_name AS region_name, info.date AS date
       FROM ${INDEX_TABLE}
       JOIN ${INDEX_TABLE}_source AS source ON source.rowid = ${INDEX_TABLE}.rowid
       JOIN record_info AS info ON info.rowid = ${INDEX_TABLE}.rowid
       WHERE ${INDEX_TABLE} MATCH ? AND ${IN_SCOPE} ${kindFilter}
       ORDER BY ${INDEX_TABLE}.rank, info.date DESC
       LIMIT ? OFFSET ?`,
    )
    .all(match, regionCode, regionCode, regionCode, ...(kinds ?? []), limit, offset) as HitRow[];
}

// Unlike queryHits, this skips ranking, which would score every match before the first row.
function hasHitInScope(db: SqliteDatabase, terms: readonly QueryTerm[], regionCode: string): boolean {
  const match = buildMatchExpression(terms, SEARCH_FIELDS);
  if (match === undefined) return false;

  const row = db
    .prepare(
      `SELECT 1 FROM ${INDEX_TABLE}
       JOIN record_info AS info ON info.rowid = ${INDEX_TABLE}.rowid
       WHERE ${INDEX_TABLE} MATCH ? AND ${IN_SCOPE}
       LIMIT 1`,
    )
    .get(match, regionCode, regionCode, regionCode);
  return row !== undefined;
}

function toHit(row: HitRow, terms: readonly QueryTerm[]): SearchHit {
  const fields = JSON.parse(row.fields) as { title: string; labels: string; body: string };

  // When the body does not match, the snippet is the labels text with its matches, so the hit
  // shows why it was found: a category, issuer or funding source that contains the query.
  let snippet = makeSnippet(fields.body, findHighlights(fields.body, terms));
  if (snippet.highlights.length === 0) {
    const labelHighlights = findHighlights(fields.labels, terms);
    if (labelHighlights.length > 0) snippet = makeSnippet(fields.labels, labelHighlights);
  }

  return {
    kind: row.kind,
    id: row.record_id,
    title: fields.title,
    titleHighlights: findHighlights(fields.title, terms).map(toTuple),
    snippet: snippet.text,
    snippetHighlights: snippet.highlights.map(toTuple),
    date: row.date,
    regionName: row.region_name,
  };
}

function suggestWords(
  db: SqliteDatabase,
  vocabulary: readonly VocabularyEntry[],
  request: ReturnType<typeof SuggestRequestSchema.parse>,
): SuggestResult {
  const terms: string[] = [];
  let checks = 0;

  // The vocabulary is sorted most frequent first, so the first matches in scope are the result.
  for (const entry of vocabulary) {
    if (terms.length >= request.limit || checks >= MAX_SUGGEST_CHECKS) break;
    const matches =
      matchesSyllables(request.pinyin, entry.syllables) || entry.initials.some((initials) => initials.startsWith(request.pinyin));
    if (!matches) continue;

    checks++;
    if (hasHitInScope(db, queryTerms(entry.word), request.regionCode)) terms.push(entry.word);
  }

  return { terms };
}

function loadVocabulary(db: SqliteDatabase): VocabularyEntry[] {
  const rows = db.prepare('SELECT word, count, syllables, initials FROM vocabulary ORDER BY count DESC, length(word), word').all() as {
    word: string;
    count: number;
    syllables: string;
    initials: string;
  }[];

  return rows.map((row) => ({
    word: row.word,
    count: row.count,
    syllables: row.syllables === '' ? [] : row.syllables.split(' '),
    initials: row.initials === '' ? [] : row.initials.split(' '),
  }));
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function termText(term: QueryTerm): string {
  return term.kind === 'cjk' ? term.chars.join('') : term.token;
}

function toTuple(range: TextRange): [number, number] {
  return [range.start, range.end];
}
