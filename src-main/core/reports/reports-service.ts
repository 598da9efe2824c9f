// The reporting and printing part of the kiosk service: filing a report into the outbox, the
// uploader that empties it, following a case in the installed snapshot, and printing. The kiosk
// service gives it read access to the open snapshot and serves its three methods.
import { parseCaseNumber } from '../../../src-shared/case-number.js';
import { CaseStatusRequestSchema, PrintRequestSchema, ReportDraftSchema } from '../../../src-shared/reports-api.js';
import type { CaseStatus, PrintRequest, PrintResult, ReportsApi } from '../../../src-shared/reports-api.js';
import type { KioskSettings } from '../../../src-shared/kiosk-api.js';
import { outboxPath } from '../data-folder/layout.js';
import { createLogger } from '../log.js';
import { createFiledReceipts } from '../printing/filed-receipts.js';
import type { PrintOutput } from '../printing/print-job.js';
import { createPrintQueue } from '../printing/print-queue.js';
import { renderPrintJob } from '../printing/render.js';
import type { PrintDocument } from '../printing/render.js';
import { readStatementHousehold } from '../printing/statement-household.js';
import type { SqliteDatabase } from '../store.js';
import { readCaseStatus } from './case-status.js';
import type { ReportingKeys } from './commission-key.js';
import { createReportFiler } from './file-report.js';
import type { OutboxOptions } from './outbox.js';
import { createOutboxKeeper } from './outbox-keeper.js';
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
  /** The uploader, or null when reporting is off. */
  uploader(): ReportUploader | null;
  /** Stops the uploader and closes the outbox. */
  close(): Promise<void>;
};

// PrintResultSchema caps the reason at 500 characters.
const MAX_PRINT_REASON_LENGTH = 500;

export function createReportsService(options: ReportsServiceOptions): ReportsService {
  const { settings, reporting, clock } = options;
  const outboxes = createOutboxKeeper(outboxPath(options.dataDir), options.upload.outbox, clock);
  // The uploader exists whenever reporting is on, so its timer also retries opening an outbox
  // that could not be opened at start (a read-only or full disk) without waiting for a filing.
  const uploader: ReportUploader | null =
    reporting === null
      ? null
      : createReportUploader({
          outbox: () => outboxes.current(),
          uploadUrl: reporting.uploadUrl,
          terminalId: settings.terminalId,
          clock,
          fetch: options.upload.fetch,
          timeoutMs: options.upload.timeoutMs,
        });

  if (uploader !== null) {
    try {
      outboxes.current();
    } catch (error) {
      log.error({ err: error, dataDir: options.dataDir }, 'report outbox cannot be opened; the uploader retries opening it on each run');
    }
    const intervalMs = options.upload.intervalMs ?? DEFAULT_UPLOAD_INTERVAL_MS;
    if (intervalMs > 0) uploader.start(intervalMs);
  }

  // Every print goes through one queue, whichever host's printer is behind it.
  const printOutput = options.printOutput === null ? null : createPrintQueue(options.printOutput);
  const filedReceipts = createFiledReceipts(clock);

  /** Finds the trusted data of a print request, or the reason it cannot be printed. */
  function printDocumentOf(request: PrintRequest): { ok: true; document: PrintDocument } | { ok: false; reason: string } {
    switch (request.document) {
      case 'test':
        return { ok: true, document: { document: 'test' } };

      case 'receipt': {
        const receipt = filedReceipts.find(request.caseNumber);
        if (receipt === null) {
          const reason = `no report with case number ${request.caseNumber} was filed on this terminal in the last hour, so its receipt cannot be printed`;
          return { ok: false, reason };
        }
        return { ok: true, document: { document: 'receipt', receipt } };
      }

      case 'statement': {
        const paymentIds = request.household.payments.map((payment) => payment.paymentId);
        const found = options.snapshot.read((db) => readStatementHousehold(db, paymentIds), {
          ok: false as const,
          reason: 'no snapshot is installed, so there is no household to print; sync data first',
        });
        if (!found.ok) return found;
        return { ok: true, document: { document: 'statement', household: found.household } };
      }
    }
  }

  const filer = createReportFiler({
    commissionKey: reporting?.commissionKey ?? null,
    outbox: () => outboxes.current(),
    terminalId: settings.terminalId,
    // The home region lies in the config's county, whose code is its first 6 digits.
    countyCode: settings.homeRegionCode.slice(0, 6),
    regionKnown: (code) => options.snapshot.read((db) => db.prepare('SELECT 1 FROM regions WHERE code = ?').get(code) !== undefined, null),
    terminalName: settings.terminalName,
    trackUrl: settings.reporting?.trackUrl ?? null,
    snapshotVersion: () => options.snapshot.read((_db, info) => info.version, null),
    clock,
    onFiled: () => uploader?.nudge(),
  });

  return {
    async fileReport(draft) {
      const result = filer.fileReport(draft);
      // The filer accepted the draft, so it parses; only the receipt's fields are kept.
      if (result.status === 'filed') filedReceipts.remember(result.receipt, ReportDraftSchema.parse(draft));
      return result;
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
      if (!settings.printing.enabled || printOutput === null) return { status: 'not-configured' };

      try {
        const document = printDocumentOf(request);
        if (!document.ok) {
          log.warn({ document: request.document, reason: document.reason }, 'print request rejected');
          return { status: 'failed', reason: document.reason.slice(0, MAX_PRINT_REASON_LENGTH) };
        }

        const job = renderPrintJob(
          document.document,
          {
            terminalId: settings.terminalId,
            terminalName: settings.terminalName,
            reportUrl: settings.reporting?.reportUrl ?? null,
            trackUrl: settings.reporting?.trackUrl ?? null,
            dataAsOf: options.snapshot.read((_db, info) => info.dataAsOf, null),
            printedAt: clock(),
          },
          { language: request.language, layout: request.layout ?? settings.printing.layout },
        );
        // A PrintOutput logs its own failures, so only a throw is logged here.
        return await printOutput.print(job);
      } catch (error) {
        log.error({ err: error, document: request.document }, 'printing failed');
        return { status: 'failed', reason: String((error as Error).message ?? error).slice(0, MAX_PRINT_REASON_LENGTH) };
      }
    },

    uploader: () => uploader,

    async close() {
      await uploader?.stop();
      outboxes.close();
    },
  };
}
