// The reporting and printing part of the kiosk service: filing a report into the outbox, the
// uploader that empties it, following a case in the installed snapshot, and printing. The kiosk
// service gives it read access to the open snapshot and serves its three methods.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseCaseNumber } from '../../../src-shared/case-number.js';
import { CaseStatusRequestSchema, PrintRequestSchema } from '../../../src-shared/reports-api.js';
import type { CaseStatus, PrintResult, ReportsApi } from '../../../src-shared/reports-api.js';
import type { KioskSettings } from '../../../src-shared/kiosk-api.js';
import { outboxPath } from '../data-folder/layout.js';
import { createLogger } from '../log.js';
import type { PrintOutput } from '../printing/print-job.js';
import { renderPrintJob } from '../printing/render.js';
import type { SqliteDatabase } from '../store.js';
import { readCaseStatus } from './case-status.js';
import type { ReportingKeys } from './commission-key.js';
import { createReportFiler } from './file-report.js';
import { openOutbox } from './outbox.js';
import type { Outbox, OutboxOptions } from './outbox.js';
import { createReportUploader } from './uploader.js';
import type { ReportUploader } from './uploader.js';

const log = createLogger('reports-service');

/** Default pause between upload runs; a filing also starts a run at once. */
export const DEFAULT_UPLOAD_INTERVAL_MS = 5 * 60 * 1000;

export interface UploadSettings {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Pause between runs; 0 leaves the uploader stopped, so a test drives it with runOnce(). */
  intervalMs?: number;
  /** Backoff and retention of the outbox. */
  outbox?: OutboxOptions;
}

/** The open snapshot as the reports part reads it. */
export interface SnapshotAccess {
  /** Runs `read` on the open snapshot, or returns `empty` when none is installed. */
  read<T>(read: (db: SqliteDatabase, info: { version: number; dataAsOf: string }) => T, empty: T): T;
}

export interface ReportsServiceOptions {
  dataDir: string;
  settings: KioskSettings;
  reporting: ReportingKeys | null;
  upload: UploadSettings;
  printOutput: PrintOutput | null;
  snapshot: SnapshotAccess;
  clock: () => Date;
}

export type ReportsService = ReportsApi & {
  /** The uploader, or null until the outbox opened (and always when reporting is off). */
  uploader(): ReportUploader | null;
  /** Stops the uploader and closes the outbox. */
  close(): Promise<void>;
};

// PrintResultSchema caps the reason at 500 characters.
const MAX_PRINT_REASON_LENGTH = 500;

export function createReportsService(options: ReportsServiceOptions): ReportsService {
  const { settings, reporting, clock } = options;
  let outbox: Outbox | null = null;
  let uploader: ReportUploader | null = null;
  let closed = false;

  /** Opens the outbox on first use, and again after a failed open, such as a full disk at start. */
  function openedOutbox(): Outbox {
    if (closed) throw new Error('the kiosk service is closed');
    if (outbox) return outbox;

    const file = outboxPath(options.dataDir);
    mkdirSync(path.dirname(file), { recursive: true });
    outbox = openOutbox(file, options.upload.outbox);
    log.info({ file, ...outbox.counts() }, 'report outbox opened');

    if (reporting) {
      uploader = createReportUploader({
        outbox,
        uploadUrl: reporting.uploadUrl,
        terminalId: settings.terminalId,
        clock,
        fetch: options.upload.fetch,
        timeoutMs: options.upload.timeoutMs,
      });
      const intervalMs = options.upload.intervalMs ?? DEFAULT_UPLOAD_INTERVAL_MS;
      if (intervalMs > 0) uploader.start(intervalMs);
    }
    return outbox;
  }

  if (reporting) {
    try {
      openedOutbox();
    } catch (error) {
      log.error({ err: error, dataDir: options.dataDir }, 'report outbox cannot be opened; filing retries it');
    }
  }

  const filer = createReportFiler({
    commissionKey: reporting?.commissionKey ?? null,
    outbox: openedOutbox,
    terminalId: settings.terminalId,
    terminalName: settings.terminalName,
    trackUrl: settings.reporting?.trackUrl ?? null,
    snapshotVersion: () => options.snapshot.read((_db, info) => info.version, null),
    clock,
    onFiled: () => uploader?.nudge(),
  });

  return {
    async fileReport(draft) {
      return filer.fileReport(draft);
    },

    async getCaseStatus(request): Promise<CaseStatus> {
      const parsed = parseCaseNumber(CaseStatusRequestSchema.parse(request).caseNumber);
      if (!parsed.ok) return { status: 'invalid', problem: parsed.problem };

      const caseNumber = parsed.caseNumber;
      return options.snapshot.read<CaseStatus>(
        (db, info) => {
          const found = readCaseStatus(db, caseNumber);
          if (found === null) return { status: 'not-yet', caseNumber, dataAsOf: info.dataAsOf };
          return { status: 'found', caseNumber, ...found, dataAsOf: info.dataAsOf };
        },
        { status: 'not-yet', caseNumber, dataAsOf: null },
      );
    },

    async print(input): Promise<PrintResult> {
      const request = PrintRequestSchema.parse(input);
      if (!settings.printing.enabled || options.printOutput === null) return { status: 'not-configured' };

      try {
        const job = renderPrintJob(
          request,
          {
            terminalId: settings.terminalId,
            terminalName: settings.terminalName,
            reportUrl: settings.reporting?.reportUrl ?? null,
            trackUrl: settings.reporting?.trackUrl ?? null,
            dataAsOf: options.snapshot.read((_db, info) => info.dataAsOf, null),
            printedAt: clock(),
          },
          { layout: request.layout ?? settings.printing.layout },
        );
        // A PrintOutput logs its own failures, so only a throw is logged here.
        return await options.printOutput.print(job);
      } catch (error) {
        log.error({ err: error, document: request.document }, 'printing failed');
        return { status: 'failed', reason: String((error as Error).message ?? error).slice(0, MAX_PRINT_REASON_LENGTH) };
      }
    },

    uploader: () => uploader,

    async close() {
      closed = true;
      await uploader?.stop();
      outbox?.close();
      outbox = null;
    },
  };
}
