// IPC handlers for the KioskApi: one ipcMain.handle per channel in KIOSK_CHANNELS,
// BOARDS_CHANNELS and REPORTS_CHANNELS, and for the AdminApi in ADMIN_CHANNELS. Each call
// is checked twice before it reaches core: the sender must be our own page in the top frame,
// and the arguments must parse with the contract's schemas. A rejected call throws, so the
// renderer's promise rejects and core never receives the value.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import {
  BOARDS_CHANNELS,
  DocumentRequestSchema,
  FacetsRequestSchema,
  FinanceSummaryRequestSchema,
  ListRequestSchema,
  RecordRequestSchema,
  SearchRequestSchema,
  SuggestRequestSchema,
} from '../../src-shared/boards-api.js';
import { ADMIN_CHANNELS, AdminActionRequestSchema, AdminTokenRequestSchema, AdminUnlockRequestSchema } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { KIOSK_CHANNELS, LookupRequestSchema } from '../../src-shared/kiosk-api.js';
import { CaseStatusRequestSchema, PrintRequestSchema, REPORTS_CHANNELS, ReportDraftSchema } from '../../src-shared/reports-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { createLogger } from '../core/log.js';
import { isOwnPage } from './lockdown.js';

const log = createLogger('electron-ipc');

const NoArguments = z.tuple([]);
const LookupArguments = z.tuple([LookupRequestSchema]);

interface Handler<Api> {
  args: z.ZodType<unknown[]>;
  call(api: Api, args: never): Promise<unknown>;
}

/** Returns a maker of handlers that call a method of Api with arguments parsed by a tuple schema. */
function handlerMaker<Api>() {
  return <A extends unknown[]>(args: z.ZodType<A>, call: (api: Api, args: A) => Promise<unknown>): Handler<Api> => ({
    args,
    call: call as Handler<Api>['call'],
  });
}

const boardHandler = handlerMaker<KioskApi>();
const adminHandler = handlerMaker<AdminApi>();

// Each board and reporting method takes one request object, like the lookup, or nothing.
const BOARD_HANDLERS: Record<string, Handler<KioskApi>> = {
  [BOARDS_CHANNELS.getRegions]: boardHandler(NoArguments, (api) => api.getRegions()),
  [BOARDS_CHANNELS.listRecords]: boardHandler(z.tuple([ListRequestSchema]), (api, [request]) => api.listRecords(request)),
  [BOARDS_CHANNELS.getFacets]: boardHandler(z.tuple([FacetsRequestSchema]), (api, [request]) => api.getFacets(request)),
  [BOARDS_CHANNELS.getRecord]: boardHandler(z.tuple([RecordRequestSchema]), (api, [request]) => api.getRecord(request)),
  [BOARDS_CHANNELS.getFinanceSummary]: boardHandler(z.tuple([FinanceSummaryRequestSchema]), (api, [request]) =>
    api.getFinanceSummary(request),
  ),
  [BOARDS_CHANNELS.search]: boardHandler(z.tuple([SearchRequestSchema]), (api, [request]) => api.search(request)),
  [BOARDS_CHANNELS.suggestTerms]: boardHandler(z.tuple([SuggestRequestSchema]), (api, [request]) => api.suggestTerms(request)),
  [BOARDS_CHANNELS.getDocument]: boardHandler(z.tuple([DocumentRequestSchema]), (api, [request]) => api.getDocument(request.name)),
  [REPORTS_CHANNELS.fileReport]: boardHandler(z.tuple([ReportDraftSchema]), (api, [draft]) => api.fileReport(draft)),
  [REPORTS_CHANNELS.getCaseStatus]: boardHandler(z.tuple([CaseStatusRequestSchema]), (api, [request]) => api.getCaseStatus(request)),
  [REPORTS_CHANNELS.print]: boardHandler(z.tuple([PrintRequestSchema]), (api, [request]) => api.print(request)),
};

/** Raised for a call from a foreign frame or with arguments that fail the schema. */
export class IpcRejection extends Error {
  override name = 'IpcRejection';
}

function checkSender(event: IpcMainInvokeEvent, channel: string, pageUrl: string): void {
  const frame = event.senderFrame;
  if (frame && frame.parent === null && isOwnPage(frame.url, pageUrl)) return;

  log.warn({ channel, frameUrl: frame?.url ?? null }, 'rejected an IPC call from a foreign frame');
  throw new IpcRejection(`${channel}: the sender is not the kiosk page`);
}

// The issue list names paths and codes only: the rejected input may be an ID number.
function parseArguments<T>(schema: z.ZodType<T>, args: unknown[], channel: string): T {
  const result = schema.safeParse(args);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.code}`);
  log.warn({ channel, issues }, 'rejected IPC arguments');
  throw new IpcRejection(`${channel}: invalid arguments (${issues.join('; ')})`);
}

/** Registers every KioskApi channel; returns a function that removes them again. */
export function registerKioskIpc(ipcMain: IpcMain, api: KioskApi, pageUrl: string): () => void {
  ipcMain.handle(KIOSK_CHANNELS.getSettings, (event, ...args: unknown[]) => {
    checkSender(event, KIOSK_CHANNELS.getSettings, pageUrl);
    parseArguments(NoArguments, args, KIOSK_CHANNELS.getSettings);
    return api.getSettings();
  });

  ipcMain.handle(KIOSK_CHANNELS.getSnapshotInfo, (event, ...args: unknown[]) => {
    checkSender(event, KIOSK_CHANNELS.getSnapshotInfo, pageUrl);
    parseArguments(NoArguments, args, KIOSK_CHANNELS.getSnapshotInfo);
    return api.getSnapshotInfo();
  });

  ipcMain.handle(KIOSK_CHANNELS.getEmergencyNotices, (event, ...args: unknown[]) => {
    checkSender(event, KIOSK_CHANNELS.getEmergencyNotices, pageUrl);
    parseArguments(NoArguments, args, KIOSK_CHANNELS.getEmergencyNotices);
    return api.getEmergencyNotices();
  });

  ipcMain.handle(KIOSK_CHANNELS.lookupHousehold, (event, ...args: unknown[]) => {
    checkSender(event, KIOSK_CHANNELS.lookupHousehold, pageUrl);
    const [request] = parseArguments(LookupArguments, args, KIOSK_CHANNELS.lookupHousehold);
    return api.lookupHousehold(request.idNumber);
  });

  for (const [channel, handler] of Object.entries(BOARD_HANDLERS)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      checkSender(event, channel, pageUrl);
      return handler.call(api, parseArguments(handler.args, args, channel) as never);
    });
  }

  return () => {
    for (const channel of [...Object.values(KIOSK_CHANNELS), ...Object.values(BOARDS_CHANNELS), ...Object.values(REPORTS_CHANNELS)]) {
      ipcMain.removeHandler(channel);
    }
  };
}

// Each AdminApi method takes one request object. The unlock's request is the PIN, so neither it
// nor a token may reach a log line: parseArguments logs paths and codes only.
const ADMIN_HANDLERS: Record<string, Handler<AdminApi>> = {
  [ADMIN_CHANNELS.adminUnlock]: adminHandler(z.tuple([AdminUnlockRequestSchema]), (api, [request]) => api.adminUnlock(request)),
  [ADMIN_CHANNELS.adminDiagnostics]: adminHandler(z.tuple([AdminTokenRequestSchema]), (api, [request]) => api.adminDiagnostics(request)),
  [ADMIN_CHANNELS.adminAction]: adminHandler(z.tuple([AdminActionRequestSchema]), (api, [request]) => api.adminAction(request)),
  [ADMIN_CHANNELS.adminTouch]: adminHandler(z.tuple([AdminTokenRequestSchema]), (api, [request]) => api.adminTouch(request)),
  [ADMIN_CHANNELS.adminLock]: adminHandler(z.tuple([AdminTokenRequestSchema]), (api, [request]) => api.adminLock(request)),
};

/** Registers every AdminApi channel, checked like the KioskApi's; returns a function that removes them again. */
export function registerAdminIpc(ipcMain: IpcMain, api: AdminApi, pageUrl: string): () => void {
  for (const [channel, handler] of Object.entries(ADMIN_HANDLERS)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      checkSender(event, channel, pageUrl);
      return handler.call(api, parseArguments(handler.args, args, channel) as never);
    });
  }

  return () => {
    for (const channel of Object.values(ADMIN_CHANNELS)) ipcMain.removeHandler(channel);
  };
}
