// The renderer's one way to reach its host: the Electron preload's window.kioskApi when present,
// else HTTP to the browser host on the same origin. Every value is parsed with the shared zod
// schemas whichever host returned it. Any failure becomes ServiceUnavailableError, which the
// screens turn into a "please ask staff" message. A request the host rejects as invalid becomes
// its subclass RequestRejectedError, so a screen can tell the villager to check the input.
import { BOARDS_HTTP_PATHS } from '../../src-shared/boards-api.js';
import type {
  Facets,
  FinanceSummary,
  KioskDocument,
  ListPage,
  RecordDetail,
  Region,
  SearchResult,
  SuggestResult,
} from '../../src-shared/boards-api.js';
import type { EmergencyNoticeSet } from '../../src-shared/emergency-notices.js';
import { KIOSK_HTTP_PATHS } from '../../src-shared/kiosk-api.js';
import type { KioskApi, KioskSettings, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { KIOSK_RESULT_SCHEMAS as RESULTS } from '../../src-shared/kiosk-api-results.js';
import { REPORTS_HTTP_PATHS } from '../../src-shared/reports-api.js';
import type { CaseStatus, FileReportResult, PrintResult } from '../../src-shared/reports-api.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    kioskApi?: KioskApi;
  }
}

export class ServiceUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`kiosk service call ${operation} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'ServiceUnavailableError';
  }
}

/** A call whose request the host rejected as invalid, such as a report draft for a foreign region. */
export class RequestRejectedError extends ServiceUnavailableError {
  constructor(operation: string, cause: unknown) {
    super(operation, cause);
    this.name = 'RequestRejectedError';
  }
}

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    path: string,
  ) {
    super(`HTTP ${status} from ${path}`);
  }
}

// Electron rejects ipcRenderer.invoke with "Error invoking remote method '<channel>': " and the
// main-side error's toString(). Main throws IpcRejection for arguments that fail the contract's
// schemas and core's InvalidDraftError for a draft it does not accept.
const IPC_REJECTION = /Error invoking remote method '[^']*': (IpcRejection|InvalidDraftError): /;

/** Returns true for the browser host's 400 and for main's IpcRejection or InvalidDraftError over IPC. */
function isRejection(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status === 400;
  return error instanceof Error && IPC_REJECTION.test(error.message);
}

async function fetchJson(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(path, { ...init, cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new HttpStatusError(response.status, path);
  return response.json();
}

/** POSTs a request as JSON, as the browser host takes every board and reporting call. */
function postJson(path: string, body: unknown): Promise<unknown> {
  return fetchJson(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** KioskApi over HTTP against the browser host serving this page; checkedKioskApi parses the values. */
export function createHttpKioskApi(): KioskApi {
  return {
    getSettings: () => fetchJson(KIOSK_HTTP_PATHS.getSettings) as Promise<KioskSettings>,
    getSnapshotInfo: () => fetchJson(KIOSK_HTTP_PATHS.getSnapshotInfo) as Promise<SnapshotInfo | null>,
    lookupHousehold: (idNumber: string) =>
      fetchJson(KIOSK_HTTP_PATHS.lookupHousehold, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ idNumber }),
      }) as Promise<LookupResult>,
    getRegions: () => postJson(BOARDS_HTTP_PATHS.getRegions, {}) as Promise<Region[]>,
    listRecords: (request) => postJson(BOARDS_HTTP_PATHS.listRecords, request) as Promise<ListPage>,
    getFacets: (request) => postJson(BOARDS_HTTP_PATHS.getFacets, request) as Promise<Facets>,
    getRecord: (request) => postJson(BOARDS_HTTP_PATHS.getRecord, request) as Promise<RecordDetail | null>,
    getFinanceSummary: (request) => postJson(BOARDS_HTTP_PATHS.getFinanceSummary, request) as Promise<FinanceSummary>,
    search: (request) => postJson(BOARDS_HTTP_PATHS.search, request) as Promise<SearchResult>,
    suggestTerms: (request) => postJson(BOARDS_HTTP_PATHS.suggestTerms, request) as Promise<SuggestResult>,
    getDocument: (name) => postJson(BOARDS_HTTP_PATHS.getDocument, { name }) as Promise<KioskDocument | null>,
    fileReport: (draft) => postJson(REPORTS_HTTP_PATHS.fileReport, draft) as Promise<FileReportResult>,
    getCaseStatus: (request) => postJson(REPORTS_HTTP_PATHS.getCaseStatus, request) as Promise<CaseStatus>,
    print: (request) => postJson(REPORTS_HTTP_PATHS.print, request) as Promise<PrintResult>,
    getEmergencyNotices: () => fetchJson(KIOSK_HTTP_PATHS.getEmergencyNotices) as Promise<EmergencyNoticeSet>,
  };
}

async function parsedCall<T>(operation: string, call: () => Promise<unknown>, schema: { parse(value: unknown): T }): Promise<T> {
  try {
    return schema.parse(await call());
  } catch (error) {
    if (isRejection(error)) throw new RequestRejectedError(operation, error);
    throw new ServiceUnavailableError(operation, error);
  }
}

/** Wraps any KioskApi so that every result is schema-checked and every failure is typed. */
export function checkedKioskApi(source: KioskApi): KioskApi {
  return {
    getSettings: () => parsedCall('getSettings', () => source.getSettings(), RESULTS.getSettings),
    getSnapshotInfo: () => parsedCall('getSnapshotInfo', () => source.getSnapshotInfo(), RESULTS.getSnapshotInfo),
    lookupHousehold: (idNumber: string) => parsedCall('lookupHousehold', () => source.lookupHousehold(idNumber), RESULTS.lookupHousehold),
    getRegions: () => parsedCall('getRegions', () => source.getRegions(), RESULTS.getRegions),
    listRecords: (request) => parsedCall('listRecords', () => source.listRecords(request), RESULTS.listRecords),
    getFacets: (request) => parsedCall('getFacets', () => source.getFacets(request), RESULTS.getFacets),
    getRecord: (request) => parsedCall('getRecord', () => source.getRecord(request), RESULTS.getRecord),
    getFinanceSummary: (request) => parsedCall('getFinanceSummary', () => source.getFinanceSummary(request), RESULTS.getFinanceSummary),
    search: (request) => parsedCall('search', () => source.search(request), RESULTS.search),
    suggestTerms: (request) => parsedCall('suggestTerms', () => source.suggestTerms(request), RESULTS.suggestTerms),
    getDocument: (name) => parsedCall('getDocument', () => source.getDocument(name), RESULTS.getDocument),
    fileReport: (draft) => parsedCall('fileReport', () => source.fileReport(draft), RESULTS.fileReport),
    getCaseStatus: (request) => parsedCall('getCaseStatus', () => source.getCaseStatus(request), RESULTS.getCaseStatus),
    print: (request) => parsedCall('print', () => source.print(request), RESULTS.print),
    getEmergencyNotices: () => parsedCall('getEmergencyNotices', () => source.getEmergencyNotices(), RESULTS.getEmergencyNotices),
  };
}

/** Picks the preload's API inside Electron, HTTP otherwise. */
export function selectKioskApi(host: Pick<Window, 'kioskApi'> = window): KioskApi {
  return checkedKioskApi(host.kioskApi ?? createHttpKioskApi());
}
