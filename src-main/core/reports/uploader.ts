// Sends the sealed reports in the outbox to the county's receiver, one POST per report as
// upload-protocol.ts describes. A report is marked delivered only on 201 or 200 whose whole body
// is the receiver's answer `stored` or `duplicate`. Every other response (a captive portal's
// page, a cut body), a timeout or a network error counts as a failed attempt, and the outbox
// schedules the retry with backoff. Runs never overlap, so one report is never in two requests
// at once. A 429 or 503 stops the run, and its Retry-After header pauses every upload until then.
import { createHash } from 'node:crypto';
import { createLogger } from '../log.js';
import { redactUrls, urlForLog } from './log-url.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import { MAX_RETRY_AFTER_MS, UPLOAD_CONTENT_TYPE, UPLOAD_HEADERS, UPLOAD_STATUS_CODES, UploadAnswerSchema, parseRetryAfterMs } from './upload-protocol.js';
import type { UploadAnswer } from './upload-protocol.js';

const log = createLogger('report-uploader');

/** Default time to wait for the receiver's whole response to one upload. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 30_000;
/** How often delivered entries past their retention are pruned. */
export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Largest response body read; the receiver's JSON response is under 1 KiB. */
export const MAX_ANSWER_BYTES = 64 * 1024;
// Entries read from the outbox per query; a run keeps reading until no untried entry is due.
const BATCH_SIZE = 50;
// Maximum length of a failure reason stored in the outbox and logged.
const MAX_REASON_LENGTH = 300;

// Retrying does not change these receiver responses, so a person has to check the receiver.
const RECEIVER_NEEDS_A_PERSON = new Set([
  UPLOAD_STATUS_CODES.malformed,
  UPLOAD_STATUS_CODES.conflict,
  UPLOAD_STATUS_CODES['too-large'],
]);

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

export interface UploadRunSummary {
  delivered: number;
  failed: number;
  /** True when the run stopped early because every other report would fail the same way now. */
  stoppedEarly: boolean;
  /**
   * Time (milliseconds since the epoch, by the uploader's clock) before which no upload is sent,
   * because the receiver responded with Retry-After; null when uploads are not paused.
   */
  pausedUntil: number | null;
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
  | {
      kind: 'failed';
      reason: string;
      // True when the other reports would fail the same way now (receiver down, wrong address).
      stopsRun: boolean;
      // The action a person must take, logged at error level; null when retrying alone can succeed.
      remedy: string | null;
      // The receiver's Retry-After in milliseconds, when it sent one with 429 or 503.
      retryAfterMs?: number;
    }
  | { kind: 'aborted' };

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function shorten(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

class AnswerTooLarge extends Error {}

/** Reads the whole response body, at most MAX_ANSWER_BYTES; a timeout's abort rejects the read. */
async function readAnswerBody(response: Response): Promise<Buffer> {
  if (response.body === null) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);

    total += value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new AnswerTooLarge();
    }
    chunks.push(Buffer.from(value));
  }
}

/** Parses the receiver's JSON answer, or returns null for any other body. */
function parseAnswer(body: Buffer): UploadAnswer | null {
  try {
    const answer = UploadAnswerSchema.safeParse(JSON.parse(body.toString('utf8')));
    return answer.success ? answer.data : null;
  } catch {
    return null;
  }
}

function describeAnswer(status: number, answer: UploadAnswer | null): string {
  if (answer === null) return `HTTP ${status}`;
  const detail = answer.reason === undefined ? answer.status : `${answer.status}: ${answer.reason}`;
  return `HTTP ${status} ${detail}`;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  // Node names the URL in some fetch errors, and a URL may carry a password or a query.
  return redactUrls(`${(error as Error).message}${code}`);
}

/** Judges a complete response: delivered only on the answer the protocol gives for that status. */
function judgeResponse(response: Response, body: Buffer, now: number): AttemptOutcome {
  const status = response.status;
  const answer = parseAnswer(body);
  const reason = shorten(describeAnswer(status, answer));

  if (status === UPLOAD_STATUS_CODES.stored && answer?.status === 'stored') return { kind: 'delivered', status };
  if (status === UPLOAD_STATUS_CODES.duplicate && answer?.status === 'duplicate') return { kind: 'delivered', status };

  if (status >= 200 && status < 300) {
    const remedy =
      'the response is not the receiver\'s answer, so a proxy or captive portal may answer in its place; ' +
      'check the network and that reporting.uploadUrl names `minsheng receive`';
    return { kind: 'failed', reason: shorten(`${reason} with a body that is not the receiver's answer`), stopsRun: true, remedy };
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    const target = location === null ? 'no Location header' : urlForLog(URL.parse(location, response.url)?.href ?? location);
    const remedy = 'reporting.uploadUrl redirects, and a redirected POST may lose the report; set it to the address the redirect names';
    return { kind: 'failed', reason: shorten(`${reason} redirect to ${target}`), stopsRun: true, remedy };
  }
  if (status === 404 || status === 405) {
    const remedy = 'reporting.uploadUrl does not name the receiver\'s upload path; check the path that `minsheng receive --path` serves';
    return { kind: 'failed', reason, stopsRun: true, remedy };
  }
  if (status === UPLOAD_STATUS_CODES['wrong-recipient']) {
    const remedy =
      'the receiver does not hold the key this report was sealed for, and the terminal cannot seal it again; ' +
      'start `minsheng receive` with the previous commission public key as another --commission-key after the current one';
    return { kind: 'failed', reason, stopsRun: false, remedy };
  }
  if (RECEIVER_NEEDS_A_PERSON.has(status)) {
    return { kind: 'failed', reason, stopsRun: false, remedy: 'check the receiver\'s log for this idempotency key' };
  }
  if (status === UPLOAD_STATUS_CODES['rate-limited'] || status === UPLOAD_STATUS_CODES.unavailable) {
    // Every other report would get the same response, so the run stops. A Retry-After that is
    // missing or unreadable leaves the wait to the outbox's backoff alone.
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now);
    return { kind: 'failed', reason, stopsRun: true, remedy: null, ...(retryAfterMs === null ? {} : { retryAfterMs }) };
  }
  // Other 5xx and any other code: the receiver may recover by itself.
  return { kind: 'failed', reason, stopsRun: status >= 500, remedy: null };
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
  let pausedUntil: number | null = null;
  const inFlight = new Set<AbortController>();
  const openedOutbox = typeof options.outbox === 'function' ? options.outbox : () => options.outbox as Outbox;

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
      const body = await readAnswerBody(response);
      return judgeResponse(response, body, clock().getTime());
    } catch (error) {
      if (timedOut) return { kind: 'failed', reason: `no complete answer within ${timeoutMs} ms`, stopsRun: true, remedy: null };
      if (stopped) return { kind: 'aborted' };
      if (error instanceof AnswerTooLarge) {
        const reason = `HTTP answer body larger than ${MAX_ANSWER_BYTES} bytes, so it is not the receiver's answer`;
        return { kind: 'failed', reason, stopsRun: true, remedy: 'check that reporting.uploadUrl names `minsheng receive`' };
      }
      return { kind: 'failed', reason: shorten(describeNetworkError(error)), stopsRun: true, remedy: null };
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
  }

  function record(outbox: Outbox, entry: OutboxEntry, outcome: AttemptOutcome): void {
    const now = clock().getTime();
    const ids = { idempotencyKey: entry.idempotencyKey, attempts: entry.attempts + 1 };

    if (outcome.kind === 'delivered') {
      outbox.markDelivered(entry.idempotencyKey, now);
      log.info({ ...ids, status: outcome.status }, 'report delivered');
      return;
    }
    if (outcome.kind === 'aborted') return;

    const nextAttemptAt = outbox.recordFailure(entry.idempotencyKey, now, outcome.reason);
    const fields = { ...ids, reason: outcome.reason, nextAttemptAt: nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString() };
    if (outcome.remedy !== null) {
      log.error({ ...fields, uploadUrl: urlForLog(options.uploadUrl) }, `report upload failed and stays in the outbox: ${outcome.remedy}`);
    } else {
      log.warn(fields, 'report upload failed; it will be retried');
    }
  }

  /** Ends a pause that is over, or that lies further ahead than any Retry-After because the clock was set back. */
  function currentPause(now: number): number | null {
    if (pausedUntil !== null && (now >= pausedUntil || pausedUntil - now > MAX_RETRY_AFTER_MS)) pausedUntil = null;
    return pausedUntil;
  }

  function pauseFor(outcome: AttemptOutcome): void {
    if (outcome.kind !== 'failed' || outcome.retryAfterMs === undefined || outcome.retryAfterMs === 0) return;

    pausedUntil = clock().getTime() + outcome.retryAfterMs;
    log.warn({ retryAfterMs: outcome.retryAfterMs, pausedUntil: new Date(pausedUntil).toISOString() }, 'receiver sent Retry-After; uploads paused');
  }

  async function runAll(): Promise<UploadRunSummary> {
    const summary: UploadRunSummary = { delivered: 0, failed: 0, stoppedEarly: false, pausedUntil: currentPause(clock().getTime()) };
    if (summary.pausedUntil !== null) return summary;

    // A failure may be rescheduled at once (the jitter can be 0), so each entry is tried once per run.
    const tried = new Set<string>();
    const outbox = openedOutbox();

    for (;;) {
      const entries = outbox.due(clock().getTime(), BATCH_SIZE + tried.size).filter((entry) => !tried.has(entry.idempotencyKey));
      if (entries.length === 0 || stopped) break;

      for (const entry of entries) {
        if (stopped) return summary;
        tried.add(entry.idempotencyKey);

        const outcome = await attempt(entry);
        record(outbox, entry, outcome);
        if (outcome.kind === 'delivered') summary.delivered += 1;
        if (outcome.kind === 'failed') summary.failed += 1;

        if (outcome.kind === 'failed' && outcome.stopsRun) {
          pauseFor(outcome);
          summary.stoppedEarly = true;
          summary.pausedUntil = pausedUntil;
          return summary;
        }
      }
    }
    return summary;
  }

  function pruneWhenDue(): void {
    const now = clock().getTime();
    if (lastPruneAt !== null && now - lastPruneAt < PRUNE_INTERVAL_MS) return;
    const pruned = openedOutbox().prune(now);
    lastPruneAt = now;
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
      log.info({ uploadUrl: urlForLog(options.uploadUrl), intervalMs }, 'report uploader started');

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
