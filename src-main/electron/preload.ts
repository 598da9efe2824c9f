// The sandboxed preload: exposes exactly the KioskApi as window.kioskApi and the AdminApi as
// window.adminApi, over the named IPC channels, and parses every value main returns with the
// contract's schemas.
// A sandboxed preload may require only 'electron' and a few built-ins, not our other files or
// zod, so vite.preload.config.ts bundles this file and its imports into dist/preload/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import type { z } from 'zod';
import { ADMIN_CHANNELS, ADMIN_RESULT_SCHEMAS } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { BOARDS_CHANNELS } from '../../src-shared/boards-api.js';
import { KIOSK_CHANNELS } from '../../src-shared/kiosk-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { KIOSK_RESULT_SCHEMAS as RESULTS } from '../../src-shared/kiosk-api-results.js';
import { REPORTS_CHANNELS } from '../../src-shared/reports-api.js';

async function invokeAndParse<T>(schema: z.ZodType<T>, channel: string, ...args: unknown[]): Promise<T> {
  const value: unknown = await ipcRenderer.invoke(channel, ...args);
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.code}`);
  throw new Error(`${channel}: main returned a malformed value (${issues.join('; ')})`);
}

const kioskApi: KioskApi = {
  getSettings: () => invokeAndParse(RESULTS.getSettings, KIOSK_CHANNELS.getSettings),
  getSnapshotInfo: () => invokeAndParse(RESULTS.getSnapshotInfo, KIOSK_CHANNELS.getSnapshotInfo),
  lookupHousehold: (idNumber: string) => invokeAndParse(RESULTS.lookupHousehold, KIOSK_CHANNELS.lookupHousehold, { idNumber }),
  getRegions: () => invokeAndParse(RESULTS.getRegions, BOARDS_CHANNELS.getRegions),
  listRecords: (request) => invokeAndParse(RESULTS.listRecords, BOARDS_CHANNELS.listRecords, request),
  getFacets: (request) => invokeAndParse(RESULTS.getFacets, BOARDS_CHANNELS.getFacets, request),
  getRecord: (request) => invokeAndParse(RESULTS.getRecord, BOARDS_CHANNELS.getRecord, request),
  getFinanceSummary: (request) => invokeAndParse(RESULTS.getFinanceSummary, BOARDS_CHANNELS.getFinanceSummary, request),
  search: (request) => invokeAndParse(RESULTS.search, BOARDS_CHANNELS.search, request),
  suggestTerms: (request) => invokeAndParse(RESULTS.suggestTerms, BOARDS_CHANNELS.suggestTerms, request),
  getDocument: (name: string) => invokeAndParse(RESULTS.getDocument, BOARDS_CHANNELS.getDocument, { name }),
  fileReport: (draft) => invokeAndParse(RESULTS.fileReport, REPORTS_CHANNELS.fileReport, draft),
  getCaseStatus: (request) => invokeAndParse(RESULTS.getCaseStatus, REPORTS_CHANNELS.getCaseStatus, request),
  print: (request) => invokeAndParse(RESULTS.print, REPORTS_CHANNELS.print, request),
  getEmergencyNotices: () => invokeAndParse(RESULTS.getEmergencyNotices, KIOSK_CHANNELS.getEmergencyNotices),
};

// The PIN check, lockout and token live in main; the page only relays them.
const adminApi: AdminApi = {
  adminUnlock: (request) => invokeAndParse(ADMIN_RESULT_SCHEMAS.adminUnlock, ADMIN_CHANNELS.adminUnlock, request),
  adminDiagnostics: (request) => invokeAndParse(ADMIN_RESULT_SCHEMAS.adminDiagnostics, ADMIN_CHANNELS.adminDiagnostics, request),
  adminAction: (request) => invokeAndParse(ADMIN_RESULT_SCHEMAS.adminAction, ADMIN_CHANNELS.adminAction, request),
  adminTouch: (request) => invokeAndParse(ADMIN_RESULT_SCHEMAS.adminTouch, ADMIN_CHANNELS.adminTouch, request),
  adminLock: (request) => invokeAndParse(ADMIN_RESULT_SCHEMAS.adminLock, ADMIN_CHANNELS.adminLock, request),
};

contextBridge.exposeInMainWorld('kioskApi', kioskApi);
contextBridge.exposeInMainWorld('adminApi', adminApi);
