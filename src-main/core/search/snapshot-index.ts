// The kiosk's search index of one snapshot: what it contains and how it is built. The index is
// a SQLite database of its own (a cache file, or memory), built from the read-only snapshot:
// - meta: the cache format, the snapshot id it was built from, the record count;
// - records, records_source: the full-text index (search-index.ts) of every searchable record;
// - record_info: kind, id, region and date of each indexed record, keyed by the index rowid;
// - vocabulary: the words pinyin suggestions offer (suggest-vocabulary.ts) with their pinyin.
import type { SqliteDatabase } from '../store.js';
import { wordSyllables } from './pinyin-match.js';
import { createDocumentWriter, createSearchIndex } from './search-index.js';
import { readSearchableRecords, SEARCH_FIELD_WEIGHTS, SEARCH_FIELDS } from './snapshot-records.js';
import { DomainWordCounter } from './suggest-lexicon.js';
import { readSuggestSeeds } from './suggest-seeds.js';
import { VocabularyBuilder } from './suggest-vocabulary.js';

// Bump when the tables or their contents change, so that caches of an older layout are rebuilt.
// Format 2: suggestion seeds from subsidy item names, project name heads and domain words.
export const SEARCH_CACHE_FORMAT = 2;

export const INDEX_TABLE = 'records';

export const INDEX_META_KEYS = {
  cacheFormat: 'cache_format',
  snapshotId: 'snapshot_id',
  recordCount: 'record_count',
} as const;

/** Builds the whole index of the snapshot into an empty database. Returns the number of records indexed. */
export function buildSnapshotIndex(snapshot: SqliteDatabase, target: SqliteDatabase, snapshotId: string): number {
  target.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE record_info (
      rowid INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      record_id TEXT NOT NULL,
      region_code TEXT NOT NULL,
      region_name TEXT NOT NULL,
      date TEXT NOT NULL
    );
    CREATE TABLE vocabulary (
      word TEXT PRIMARY KEY,
      count INTEGER NOT NULL,
      -- Toneless pinyin syllables separated by spaces (低保 -> "di bao").
      syllables TEXT NOT NULL,
      -- Region names only: the snapshot's initials, alternatives separated by spaces.
      initials TEXT NOT NULL
    ) WITHOUT ROWID;`);
  createSearchIndex(target, INDEX_TABLE, { fields: SEARCH_FIELDS, weights: SEARCH_FIELD_WEIGHTS });

  const vocabulary = new VocabularyBuilder();
  const domainWords = new DomainWordCounter();
  const recordsPerRegion = new Map<string, number>();
  const recordsPerCategory = new Map<string, number>();
  let recordCount = 0;

  // 1. Records: one transaction, since a commit per record would make building minutes long.
  const writeDocument = createDocumentWriter(target, INDEX_TABLE);
  const insertInfo = target.prepare(
    'INSERT INTO record_info (rowid, kind, record_id, region_code, region_name, date) VALUES (?, ?, ?, ?, ?, ?)',
  );
  target.transaction(() => {
    for (const record of readSearchableRecords(snapshot)) {
      const rowid = writeDocument(`${record.kind}:${record.id}`, { title: record.title, labels: record.labels, body: record.body });
      insertInfo.run(rowid, record.kind, record.id, record.regionCode, record.regionName, record.date);

      vocabulary.addRecord([record.title, record.labels, record.body]);
      domainWords.add([record.title, record.labels, record.body]);
      recordsPerRegion.set(record.regionCode, (recordsPerRegion.get(record.regionCode) ?? 0) + 1);
      for (const category of record.categories) {
        recordsPerCategory.set(category, (recordsPerCategory.get(category) ?? 0) + 1);
      }
      recordCount++;
    }
  })();

  // 2. Merging the index segments makes the file smaller and every search read fewer pages.
  target.prepare(`INSERT INTO ${INDEX_TABLE} (${INDEX_TABLE}) VALUES ('optimize')`).run();

  // 3. Vocabulary: region names, categories, item names, project name heads and domain words as
  //    seeds, then the mined words.
  const regions = snapshot.prepare("SELECT code, name, initials FROM regions WHERE level IN ('county', 'township', 'village')").all() as {
    code: string;
    name: string;
    initials: string;
  }[];
  const initialsByName = new Map<string, string>();
  for (const region of regions) {
    vocabulary.addRegionName(region.name, 1 + (recordsPerRegion.get(region.code) ?? 0));
    if (region.initials.trim() !== '') initialsByName.set(region.name, region.initials.trim());
  }
  for (const [category, count] of recordsPerCategory) vocabulary.addSeed(category, count);
  for (const seed of [...readSuggestSeeds(snapshot), ...domainWords.result()]) vocabulary.addSeed(seed.word, seed.count);

  const insertWord = target.prepare('INSERT INTO vocabulary (word, count, syllables, initials) VALUES (?, ?, ?, ?)');
  target.transaction(() => {
    for (const { word, count } of vocabulary.build()) {
      const syllables = wordSyllables(word);
      const initials = initialsByName.get(word) ?? '';
      if (!syllables && initials === '') continue;
      insertWord.run(word, count, syllables?.join(' ') ?? '', initials);
    }

    const setMeta = target.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    setMeta.run(INDEX_META_KEYS.cacheFormat, String(SEARCH_CACHE_FORMAT));
    setMeta.run(INDEX_META_KEYS.snapshotId, snapshotId);
    setMeta.run(INDEX_META_KEYS.recordCount, String(recordCount));
  })();

  return recordCount;
}

/** Reads the meta table of an index. Throws when the database is not an index. */
export function readIndexMeta(index: SqliteDatabase): Map<string, string> {
  const rows = index.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, row.value]));
}
