// The schema each KioskApi method's result must pass. The Electron preload, the renderer's HTTP
// client and their tests all parse results against this one table.
import type { z } from 'zod';
import {
  DocumentSchema,
  FacetsSchema,
  FinanceSummarySchema,
  ListPageSchema,
  RecordDetailSchema,
  RegionSchema,
  SearchResultSchema,
  SuggestResultSchema,
} from './boards-api.js';
import { EmergencyNoticeSetSchema } from './emergency-notices.js';
import { CaseStatusSchema, FileReportResultSchema, PrintResultSchema } from './reports-api.js';
import { KioskSettingsSchema, LookupResultSchema, SnapshotInfoSchema } from './kiosk-api.js';
import type { KioskApi } from './kiosk-api.js';

/** The value a KioskApi method resolves to. */
export type KioskApiResult<M extends keyof KioskApi> = Awaited<ReturnType<KioskApi[M]>>;

export const KIOSK_RESULT_SCHEMAS: { readonly [M in keyof KioskApi]: z.ZodType<KioskApiResult<M>> } = {
  getSettings: KioskSettingsSchema,
  getSnapshotInfo: SnapshotInfoSchema.nullable(),
  lookupHousehold: LookupResultSchema,
  getRegions: RegionSchema.array(),
  listRecords: ListPageSchema,
  getFacets: FacetsSchema,
  getRecord: RecordDetailSchema.nullable(),
  getFinanceSummary: FinanceSummarySchema,
  search: SearchResultSchema,
  suggestTerms: SuggestResultSchema,
  getDocument: DocumentSchema.nullable(),
  fileReport: FileReportResultSchema,
  getCaseStatus: CaseStatusSchema,
  print: PrintResultSchema,
  getEmergencyNotices: EmergencyNoticeSetSchema,
};
