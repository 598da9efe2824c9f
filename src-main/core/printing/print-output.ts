// Code shared by the hosts' printers: the time a print job may take, a failed result whose
// reason is cut to the length the API accepts, and a wrapper that logs every job and turns a
// throw into such a result. The Electron host prints to paper and the browser host to PDF files.
import type { PrintResult } from '../../../src-shared/reports-api.js';
import type { Logger } from '../log.js';
import type { PrintJob, PrintOutput } from './print-job.js';

// NOTE: an estimate. Debian's Chromium 156 prints these pages to PDF in about a second on two
// cores, and a printer driver spools one within seconds. A cold start on a slow disk, or a
// printer that is asleep or out of paper, takes longer or never responds.
export const DEFAULT_PRINT_TIMEOUT_MS = 60_000;

// PrintResultSchema caps the reason at 500 characters.
const MAX_REASON_LENGTH = 500;

/** Returns a failed print result with `reason` cut to the length PrintResultSchema takes. */
export function printFailed(reason: string): PrintResult {
  return { status: 'failed', reason: reason.slice(0, MAX_REASON_LENGTH) };
}

export interface LoggedPrinterOptions {
  log: Logger;
  /** Prints one job; a throw becomes a failed result. */
  printJob(job: PrintJob): Promise<PrintResult>;
  /** Builds the failure reason of a job whose printJob threw, from the thrown error's text `reason`. */
  describeThrow(job: PrintJob, reason: string): string;
  /** Fields added to each job's log line, such as the printer's name. */
  logFields?: (job: PrintJob, result: PrintResult) => Record<string, unknown>;
}

/** Creates a PrintOutput that never throws and logs each job: failures as errors, prints as info. */
export function createLoggedPrinter(options: LoggedPrinterOptions): PrintOutput {
  return {
    async print(job) {
      let result: PrintResult;
      try {
        result = await options.printJob(job);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        result = printFailed(options.describeThrow(job, reason));
      }

      const fields = { document: job.document, layout: job.layout, ...options.logFields?.(job, result) };
      if (result.status === 'failed') {
        options.log.error({ ...fields, reason: result.reason }, 'printing failed');
      } else {
        options.log.info(fields, 'printed');
      }
      return result;
    },
  };
}

/**
 * Settles with `work`, or with `onTimeout()` when `work` has not settled within `timeoutMs`.
 * The timer is cleared either way, so a finished job leaves no timer behind.
 */
export async function settleWithin<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
  });

  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
