// Sends the sealed reports in the outbox to the county's receiver, one POST per report, oldest
// first (queue-uploader.ts does the sending). A report the receiver rejects stays in the outbox
// and is retried with backoff, because the terminal cannot seal it again and must not lose it.
import { createLogger } from '../log.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { createQueueUploader } from './queue-uploader.js';
import type { QueueUploader } from './queue-uploader.js';
import { UPLOAD_CONTENT_TYPE } from './upload-protocol.js';

const log = createLogger('report-uploader');

export interface ReportUploaderOptions {
  /** The outbox, or a function that opens it; a throw is logged and the next run calls it again. */
  outbox: Outbox | (() => Outbox);
  /** config reporting.uploadUrl. */
  uploadUrl: string;
  terminalId: string;
  clock?: () => Date;
  fetch?: typeof globalThis.fetch;
  /** Time to wait for one whole response, in milliseconds. */
  timeoutMs?: number;
}

export type ReportUploader = QueueUploader;

export function createReportUploader(options: ReportUploaderOptions): ReportUploader {
  return createQueueUploader<OutboxEntry>({
    queue: options.outbox,
    url: options.uploadUrl,
    target: { urlSetting: 'reporting.uploadUrl', pathOption: 'minsheng receive --path' },
    contentType: UPLOAD_CONTENT_TYPE,
    terminalId: options.terminalId,
    bodyOf: (entry) => entry.sealed,
    words: { entry: 'report', queue: 'outbox' },
    log,
    clock: options.clock,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
}
