// One printer prints one job at a time. A headless Chromium print takes about 160 MB (80 at once
// used about 13 GB on a two-core test machine), so a double tap or a looping client must not
// start many. Jobs wait in a short queue, and a job that finds the queue full fails at once as busy.
import type { PrintResult } from '../../../src-shared/reports-api.js';
import { createLogger } from '../log.js';
import type { PrintJob, PrintOutput } from './print-job.js';

// PrintResultSchema caps the reason at 500 characters.
const MAX_REASON_LENGTH = 500;

const log = createLogger('print-queue');

/** Jobs that may wait behind the one printing; a statement, its reprint and a receipt fit. */
export const DEFAULT_MAX_WAITING_JOBS = 3;

/** Wraps a PrintOutput so it prints one job at a time with at most `maxWaiting` jobs waiting. */
export function createPrintQueue(output: PrintOutput, options: { maxWaiting?: number } = {}): PrintOutput {
  const maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING_JOBS;
  // Jobs accepted and not finished: the one printing and those waiting behind it.
  let pending = 0;
  let tail: Promise<unknown> = Promise.resolve();

  async function printNow(job: PrintJob): Promise<PrintResult> {
    try {
      return await output.print(job);
    } catch (error) {
      // A PrintOutput should not throw; a throw still frees the printer for the next job.
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'failed', reason: reason.slice(0, MAX_REASON_LENGTH) };
    } finally {
      pending -= 1;
    }
  }

  return {
    print(job) {
      if (pending > maxWaiting) {
        const waiting = pending - 1;
        log.warn({ document: job.document, layout: job.layout, waiting }, 'print queue full; job rejected as busy');
        const reason = `printer busy: one job printing and ${waiting} waiting (at most ${maxWaiting}); try again when they are done`;
        return Promise.resolve({ status: 'failed', reason });
      }

      pending += 1;
      const run = tail.then(() => printNow(job));
      tail = run;
      return run;
    },
  };
}
