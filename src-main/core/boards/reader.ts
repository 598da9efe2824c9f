// The boards' queries over one open snapshot, with requests parsed by the contract's schemas.
// The kiosk service makes one reader per opened snapshot, so its cache never outlives the file.
import {
  FacetsRequestSchema,
  FinanceSummaryRequestSchema,
  ListRequestSchema,
  RecordRequestSchema,
} from '../../../src-shared/boards-api.js';
import type {
  Facets,
  FacetsRequest,
  FinanceSummary,
  FinanceSummaryRequest,
  KioskDocument,
  ListPage,
  ListRequest,
  RecordDetail,
  RecordRequest,
  Region,
} from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { readRecord } from './details.js';
import { readDocument } from './documents.js';
import { readFacets } from './facets.js';
import { readFinanceSummary } from './finance-summary.js';
import { listRecords } from './list.js';
import type { ListSummary } from './list.js';
import { createLruCache } from './lru-cache.js';
import type { LruCache } from './lru-cache.js';
import { readRegions } from './regions.js';

export interface BoardsReader {
  getRegions(): Region[];
  listRecords(request: ListRequest): ListPage;
  getFacets(request: FacetsRequest): Facets;
  getRecord(request: RecordRequest): RecordDetail | null;
  getFinanceSummary(request: FinanceSummaryRequest): FinanceSummary;
  getDocument(name: string): KioskDocument | null;
}

// Lists a villager may page through between two snapshots; each entry is a few hundred bytes.
const MAX_CACHED_LISTS = 200;

// Facets and finance summaries of recently shown regions. A county-wide one aggregates every
// ledger row of the county, so it is computed once per snapshot; each entry is a few kilobytes.
const MAX_CACHED_AGGREGATES = 64;

export function createBoardsReader(db: SqliteDatabase, options: { flagThresholdFen: number }): BoardsReader {
  const threshold = options.flagThresholdFen;
  const listSummaries = createLruCache<ListSummary>(MAX_CACHED_LISTS);
  const facets = createLruCache<Facets>(MAX_CACHED_AGGREGATES);
  const financeSummaries = createLruCache<FinanceSummary>(MAX_CACHED_AGGREGATES);

  return {
    getRegions: () => readRegions(db),

    listRecords(request) {
      const parsed = ListRequestSchema.parse(request);
      return listRecords(db, parsed, threshold, listSummaries);
    },

    getFacets(request) {
      const parsed = FacetsRequestSchema.parse(request);
      const key = JSON.stringify([parsed.kind, parsed.regionCode, parsed.noticeBoard ?? null]);
      return cached(facets, key, () => readFacets(db, parsed));
    },

    getRecord(request) {
      const parsed = RecordRequestSchema.parse(request);
      return readRecord(db, parsed.kind, parsed.id, threshold);
    },

    getFinanceSummary(request) {
      const parsed = FinanceSummaryRequestSchema.parse(request);
      const key = JSON.stringify([parsed.regionCode, parsed.year]);
      return cached(financeSummaries, key, () => readFinanceSummary(db, parsed.regionCode, parsed.year, threshold));
    },

    getDocument: (name) => readDocument(db, name),
  };
}

// Callers get a copy, so a caller that changes a result cannot change what the next one reads.
function cached<V>(cache: LruCache<V>, key: string, read: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = read();
    cache.set(key, value);
  }
  return structuredClone(value);
}
