// Sends the sealed reports in the outbox to the county's receiver, one POST per report as
// upload-protocol.ts describes. A report is marked delivered only on 200 or 201. Every other
// response, a timeout or a network error counts as a failed attempt, and the outbox schedules the
// retry with backoff. Runs never overlap, so one report is never in two requests at once.
import { createHash } from 'node:crypto';
import { createLogger } from '../log.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { UPLOAD_CONTENT_TYPE, UPLOAD_HEADERS, UPLOAD_STATUS_CODES, UploadAnswerSchema } from './upload-protocol.js';

const log = createLogger('report-uploader');

/** Default time to wait for the receiver's response to one upload. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 30_000;
/** How often delivered entries past their retention are pruned. */
export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;
// Entries read from the outbox per query; a run keeps reading until no untried entry is due.
const BATCH_SIZE = 50;
// Maximum length of a failure reason stored in the outbox and logged.
const MAX_REASON_LENGTH = 300;

// Retrying does not change these responses, so a person has to check the receiver or the key.
const NEEDS_A_PERSON = new Set([
  UPLOAD_STATUS_CODES.malformed,
  UPLOAD_STATUS_CODES.conflict,
  UPLOAD_STATUS_CODES['too-large'],
  UPLOAD_STATUS_CODES['wrong-recipient'],
]);

export interface ReportUploaderOptions {
  outbox: Outbox;
  /** config reporting.uploadUrl. */
  uploadUrl: string;
  terminalId: string;
  clock?: () => Date;
  fetch?: typeof globalThis.fetch;
  /** Time to wait for one response, in milliseconds. */
  timeoutMs?: number;
}

export interface UploadRunSummary {
  delivered: number;
  failed: number;
  /** True when the run stopped early because the receiver was unreachable or unavailable. */
  stoppedEarly: boolean;
}

export interface ReportUploader {
  /** Sends every due report, oldest first, one at a time. A call during a run joins that run. */
  runOnce(): Promise<UploadRunSummary>;
  /** Runs at once and then every intervalMs, and prunes delivered entries once a day. */
  start(intervalMs: number): void;
  /** Requests a run soon, for a report just filed; does nothing unless started. */
  nudge(): void;
  /** Stops the timer, aborts an upload in flight and resolves when no run is active. */
  stop(): Promise<void>;
}

type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'rejected'; status: number; reason: string }
  // The receiver is down or unreachable, so the other reports would fail the same way now.
  | { kind: 'unreachable'; reason: string }
  | { kind: 'aborted' };

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function shorten(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

/** Reads the receiver's reason from its JSON response body, when it sent one. */
async function answerReason(response: Response): Promise<string> {
  try {
    const answer = UploadAnswerSchema.safeParse(await response.json());
    if (!answer.success) return '';
    return answer.data.reason === undefined ? answer.data.status : `${answer.data.status}: ${answer.data.reason}`;
  } catch {
    return '';
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `${(error as Error).message}${code}`;
}

export function createReportUploader(options: ReportUploaderOptions): ReportUploader {
  const clock = options.clock ?? (() => new Date());
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;

  let activeRun: Promise<UploadRunSummary> | null = null;
  let runRequested = false;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let stopped = false;
  let lastPruneAt: number | null = null;
  const inFlight = new Set<AbortController>();

  async function attempt(entry: OutboxEntry): Promise<AttemptOutcome> {
    const controller = new AbortController();
    inFlight.add(controller);
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

    try {
      const response = await fetchFunction(options.uploadUrl, {
        method: 'POST',
        headers: {
          'content-type': UPLOAD_CONTENT_TYPE,
          [UPLOAD_HEADERS.idempotencyKey]: entry.idempotencyKey,
          [UPLOAD_HEADERS.contentSha256]: sha256Hex(entry.sealed),
          [UPLOAD_HEADERS.terminalId]: options.terminalId,
        },
        // A copy on its own ArrayBuffer, the body type fetch accepts.
        body: new Uint8Array(entry.sealed),
        // A redirect of a POST may turn into a GET that drops the report, so it counts as a failure.
        redirect: 'manual',
        signal: controller.signal,
      });
      const reason = await answerReason(response);

      if (response.status === UPLOAD_STATUS_CODES.stored || response.status === UPLOAD_STATUS_CODES.duplicate) {
        return { kind: 'delivered', status: response.status };
      }
      if (response.status === UPLOAD_STATUS_CODES.unavailable || response.status >= 500) {
        return { kind: 'unreachable', reason: shorten(`HTTP ${response.status} ${reason}`.trim()) };
      }
      return { kind: 'rejected', status: response.status, reason: shorten(`HTTP ${response.status} ${reason}`.trim()) };
    } catch (error) {
      if (timedOut) return { kind: 'unreachable', reason: `no answer within ${timeoutMs} ms` };
      if (stopped) return { kind: 'aborted' };
      return { kind: 'unreachable', reason: shorten(describeNetworkError(error)) };
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
  }

  function record(entry: OutboxEntry, outcome: AttemptOutcome): void {
    const now = clock().getTime();
    const ids = { idempotencyKey: entry.idempotencyKey, attempts: entry.attempts + 1 };

    if (outcome.kind === 'delivered') {
      options.outbox.markDelivered(entry.idempotencyKey, now);
      log.info({ ...ids, status: outcome.status }, 'report delivered');
      return;
    }
    if (outcome.kind === 'aborted') return;

    const nextAttemptAt = options.outbox.recordFailure(entry.idempotencyKey, now, outcome.reason);
    const fields = { ...ids, reason: outcome.reason, nextAttemptAt: nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString() };
    if (outcome.kind === 'rejected' && NEEDS_A_PERSON.has(outcome.status)) {
      log.error(fields, 'the receiver rejected a report; it stays in the outbox, so check the receiver and the commission key');
    } else {
      log.warn(fields, 'report upload failed; it will be retried');
    }
  }

  async function runAll(): Promise<UploadRunSummary> {
    const summary: UploadRunSummary = { delivered: 0, failed: 0, stoppedEarly: false };
    // A failure may be rescheduled at once (the jitter can be 0), so each entry is tried once per run.
    const tried = new Set<string>();

    for (;;) {
      const entries = options.outbox.due(clock().getTime(), BATCH_SIZE + tried.size).filter((entry) => !tried.has(entry.idempotencyKey));
      if (entries.length === 0 || stopped) break;

      for (const entry of entries) {
        if (stopped) return summary;
        tried.add(entry.idempotencyKey);

        const outcome = await attempt(entry);
        record(entry, outcome);
        if (outcome.kind === 'delivered') summary.delivered += 1;
        if (outcome.kind === 'rejected' || outcome.kind === 'unreachable') summary.failed += 1;

        if (outcome.kind === 'unreachable') {
          summary.stoppedEarly = true;
          return summary;
        }
      }
    }
    return summary;
  }

  function pruneWhenDue(): void {
    const now = clock().getTime();
    if (lastPruneAt !== null && now - lastPruneAt < PRUNE_INTERVAL_MS) return;
    lastPruneAt = now;
    const pruned = options.outbox.prune(now);
    if (pruned > 0) log.info({ pruned }, 'pruned delivered reports past their retention');
  }

  function runOnce(): Promise<UploadRunSummary> {
    if (activeRun) {
      runRequested = true;
      return activeRun;
    }

    activeRun = runAll().finally(() => {
      activeRun = null;
      // A report filed during the run may have been read too late; run again for it.
      if (runRequested && started && !stopped) {
        runRequested = false;
        void runSafely();
      }
    });
    return activeRun;
  }

  /** Runs from the timer or a nudge. No caller awaits the result, so errors are logged here. */
  async function runSafely(): Promise<void> {
    try {
      pruneWhenDue();
      await runOnce();
    } catch (error) {
      log.error({ err: error }, 'report upload run failed; the next run retries');
    }
  }

  return {
    runOnce,

    start(intervalMs) {
      if (started) return;
      started = true;
      log.info({ uploadUrl: options.uploadUrl, intervalMs }, 'report uploader started');

      const tick = (): void => {
        void runSafely().finally(() => {
          if (stopped) return;
          timer = setTimeout(tick, intervalMs);
          // The uploader alone must not keep a host process alive.
          timer.unref();
        });
      };
      tick();
    },

    nudge() {
      if (!started || stopped) return;
      void runSafely();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const controller of inFlight) controller.abort();
      await activeRun?.catch(() => undefined);
      if (started) log.info('report uploader stopped');
    },
  };
}
