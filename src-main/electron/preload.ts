// The sandboxed preload: exposes exactly the KioskApi as window.kioskApi, over the named IPC
// channels, and parses every value main returns with the contract's schemas.
// A sandboxed preload may require only 'electron' and a few built-ins, not our other files or
// zod, so vite.preload.config.ts bundles this file and its imports into dist/preload/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import type { z } from 'zod';
import {
  BOARDS_CHANNELS,
  DocumentSchema,
  FacetsSchema,
  FinanceSummarySchema,
  ListPageSchema,
  RecordDetailSchema,
  RegionSchema,
  SearchResultSchema,
  SuggestResultSchema,
} from '../../src-shared/boards-api.js';
import {
  KIOSK_CHANNELS,
  KioskSettingsSchema,
  LookupResultSchema,
  SnapshotInfoSchema,
} from '../../src-shared/kiosk-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';

const NullableSnapshotInfoSchema = SnapshotInfoSchema.nullable();
const RegionListSchema = RegionSchema.array();
const NullableRecordSchema = RecordDetailSchema.nullable();
const NullableDocumentSchema = DocumentSchema.nullable();

async function invokeAndParse<T>(schema: z.ZodType<T>, channel: string, ...args: unknown[]): Promise<T> {
  const value: unknown = await ipcRenderer.invoke(channel, ...args);
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.code}`);
  throw new Error(`${channel}: main returned a malformed value (${issues.join('; ')})`);
}

const kioskApi: KioskApi = {
  getSettings: () => invokeAndParse(KioskSettingsSchema, KIOSK_CHANNELS.getSettings),
  getSnapshotInfo: () => invokeAndParse(NullableSnapshotInfoSchema, KIOSK_CHANNELS.getSnapshotInfo),
  lookupHousehold: (idNumber: string) =>
    invokeAndParse(LookupResultSchema, KIOSK_CHANNELS.lookupHousehold, { idNumber }),
  getRegions: () => invokeAndParse(RegionListSchema, BOARDS_CHANNELS.getRegions),
  listRecords: (request) => invokeAndParse(ListPageSchema, BOARDS_CHANNELS.listRecords, request),
  getFacets: (request) => invokeAndParse(FacetsSchema, BOARDS_CHANNELS.getFacets, request),
  getRecord: (request) => invokeAndParse(NullableRecordSchema, BOARDS_CHANNELS.getRecord, request),
  getFinanceSummary: (request) => invokeAndParse(FinanceSummarySchema, BOARDS_CHANNELS.getFinanceSummary, request),
  search: (request) => invokeAndParse(SearchResultSchema, BOARDS_CHANNELS.search, request),
  suggestTerms: (request) => invokeAndParse(SuggestResultSchema, BOARDS_CHANNELS.suggestTerms, request),
  getDocument: (name: string) => invokeAndParse(NullableDocumentSchema, BOARDS_CHANNELS.getDocument, { name }),
};

contextBridge.exposeInMainWorld('kioskApi', kioskApi);
