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
import type { ListSummary, ListSummaryCache } from './list.js';
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

function createSummaryCache(): ListSummaryCache {
  const entries = new Map<string, ListSummary>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        // Map keeps insertion order: moving a hit to the end makes the first key the least recent.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.set(key, value);
      if (entries.size > MAX_CACHED_LISTS) entries.delete(entries.keys().next().value!);
    },
  };
}

export function createBoardsReader(db: SqliteDatabase, options: { flagThresholdFen: number }): BoardsReader {
  const threshold = options.flagThresholdFen;
  const cache = createSummaryCache();

  return {
    getRegions: () => readRegions(db),

    listRecords(request) {
      const parsed = ListRequestSchema.parse(request);
      return listRecords(db, parsed, threshold, cache);
    },

    getFacets(request) {
      return readFacets(db, FacetsRequestSchema.parse(request));
    },

    getRecord(request) {
      const parsed = RecordRequestSchema.parse(request);
      return readRecord(db, parsed.kind, parsed.id, threshold);
    },

    getFinanceSummary(request) {
      const parsed = FinanceSummaryRequestSchema.parse(request);
      return readFinanceSummary(db, parsed.regionCode, parsed.year, threshold);
    },

    getDocument: (name) => readDocument(db, name),
  };
}
