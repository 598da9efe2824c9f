// Sends the entries of a durable queue to the county's receiver, one POST per entry as
// upload-protocol.ts describes: the report outbox's sealed reports and the fleet heartbeats. An
// entry is marked delivered only when the receiver responds with `stored` or `duplicate`
// (receiver-response.ts). A timeout, a network error and every other response count as a failed
// attempt, and the queue schedules the retry with backoff. Runs never overlap, so one entry is
// never in two requests at once. A 429 or 503 stops the run, and its Retry-After header pauses
// every upload until then.
import type { Logger } from '../log.js';
import { repeatAfterEach } from '../repeat-after.js';
import type { RepeatingTask } from '../repeat-after.js';
import { urlForLog } from './log-url.js';
import { AnswerTooLarge, MAX_ANSWER_BYTES, describeNetworkError, judgeResponse, readAnswerBody, sha256Hex, shorten } from './receiver-response.js';
import type { AttemptOutcome, ReceiverTarget } from './receiver-response.js';
import { MAX_RETRY_AFTER_MS, UPLOAD_HEADERS } from './upload-protocol.js';

/** Default time to wait for the receiver's whole response to one upload. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 30_000;
/** How often delivered entries past their retention are pruned. */
export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;
// Entries read from the queue per query; a run keeps reading until no untried entry is due.
const BATCH_SIZE = 50;

export interface QueuedUpload {
  idempotencyKey: string;
  attempts: number;
}

/** The queue operations an uploader needs; the report outbox and the heartbeat queue provide them. */
export interface UploadQueue<E extends QueuedUpload> {
  /** Lists up to `limit` entries due at `now`, in the order they are to be sent. */
  due(now: number, limit: number): E[];
  /** Counts a failed attempt and schedules the next one. Returns that time, or null when the entry is gone or delivered. */
  recordFailure(idempotencyKey: string, now: number, error: string): number | null;
  markDelivered(idempotencyKey: string, now: number): void;
  /** Deletes delivered entries past their retention. Returns how many were deleted. */
  prune(now: number): number;
  /**
   * Removes an entry that the receiver rejected in its JSON answer, because sending it again
   * cannot succeed. A queue without this method keeps such an entry and retries it with backoff.
   */
  discard?(idempotencyKey: string, now: number, reason: string): void;
}

export interface QueueUploaderOptions<E extends QueuedUpload> {
  /** The queue, or a function that opens it; a throw is logged and the next run calls it again. */
  queue: UploadQueue<E> | (() => UploadQueue<E>);
  url: string;
  /** Names the config field and receiver option in the remedies that the log gives. */
  target: ReceiverTarget;
  contentType: string;
  terminalId: string;
  bodyOf(entry: E): Uint8Array;
  /** Words of the log lines: what an entry is ("report") and where it waits ("outbox"). */
  words: { entry: string; queue: string };
  log: Logger;
  /**
   * Stops a run at the first failed attempt, so that no entry is delivered before an older one.
   * An entry discarded after the receiver rejected it does not stop the run.
   */
  stopOnFailure?: boolean;
  clock?: () => Date;
  fetch?: typeof globalThis.fetch;
  /** Time to wait for one whole response, in milliseconds. */
  timeoutMs?: number;
}

export interface UploadRunSummary {
  delivered: number;
  /** Failed attempts, including entries discarded after the receiver rejected them. */
  failed: number;
  /** True when the run stopped early because every other entry would fail the same way now. */
  stoppedEarly: boolean;
  /**
   * Time in milliseconds since the epoch, by the uploader's clock, before which no upload is sent
   * because the receiver responded with Retry-After. Null when uploads are not paused.
   */
  pausedUntil: number | null;
}

export interface QueueUploader {
  /** Sends every due entry in the queue's order, one at a time. A call during a run joins that run. */
  runOnce(): Promise<UploadRunSummary>;
  /** Runs at once and then every intervalMs, and prunes delivered entries once a day. */
  start(intervalMs: number): void;
  /** Requests a run soon, for an entry just queued; does nothing unless started. */
  nudge(): void;
  /** Stops the timer, aborts an upload in flight and resolves when no run is active. */
  stop(): Promise<void>;
}

export function createQueueUploader<E extends QueuedUpload>(options: QueueUploaderOptions<E>): QueueUploader {
  const { log, words } = options;
  const clock = options.clock ?? (() => new Date());
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;

  let activeRun: Promise<UploadRunSummary> | null = null;
  let runRequested = false;
  let repeating: RepeatingTask | null = null;
  let started = false;
  let stopped = false;
  let lastPruneAt: number | null = null;
  let pausedUntil: number | null = null;
  const inFlight = new Set<AbortController>();
  const openedQueue = typeof options.queue === 'function' ? options.queue : () => options.queue as UploadQueue<E>;

  async function attempt(entry: E): Promise<AttemptOutcome> {
    const controller = new AbortController();
    inFlight.add(controller);
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

    try {
      const body = options.bodyOf(entry);
      const response = await fetchFunction(options.url, {
        method: 'POST',
        headers: {
          'content-type': options.contentType,
          [UPLOAD_HEADERS.idempotencyKey]: entry.idempotencyKey,
          [UPLOAD_HEADERS.contentSha256]: sha256Hex(body),
          [UPLOAD_HEADERS.terminalId]: options.terminalId,
        },
        // A copy on its own ArrayBuffer, the body type fetch accepts.
        body: new Uint8Array(body),
        // A redirect of a POST may turn into a GET that drops the entry, so it counts as a failure.
        redirect: 'manual',
        signal: controller.signal,
      });
      const answer = await readAnswerBody(response);
      return judgeResponse(response, answer, clock().getTime(), options.target);
    } catch (error) {
      if (timedOut) return { kind: 'failed', reason: `no complete answer within ${timeoutMs} ms`, stopsRun: true, remedy: null };
      if (stopped) return { kind: 'aborted' };
      if (error instanceof AnswerTooLarge) {
        const reason = `HTTP answer body larger than ${MAX_ANSWER_BYTES} bytes, so it is not the receiver's answer`;
        return { kind: 'failed', reason, stopsRun: true, remedy: `check that ${options.target.urlSetting} names \`minsheng receive\`` };
      }
      return { kind: 'failed', reason: shorten(describeNetworkError(error)), stopsRun: true, remedy: null };
    } finally {
      clearTimeout(timeout);
      inFlight.delete(controller);
    }
  }

  function record(queue: UploadQueue<E>, entry: E, outcome: AttemptOutcome): void {
    const now = clock().getTime();
    const ids = { idempotencyKey: entry.idempotencyKey, attempts: entry.attempts + 1 };

    if (outcome.kind === 'delivered') {
      queue.markDelivered(entry.idempotencyKey, now);
      log.info({ ...ids, status: outcome.status }, `${words.entry} delivered`);
      return;
    }
    if (outcome.kind === 'aborted') return;

    if (outcome.rejected === true && queue.discard !== undefined) {
      queue.discard(entry.idempotencyKey, now, outcome.reason);
      log.error({ ...ids, reason: outcome.reason, url: urlForLog(options.url) }, `${words.entry} rejected by the receiver and discarded: ${outcome.remedy ?? ''}`);
      return;
    }

    const nextAttemptAt = queue.recordFailure(entry.idempotencyKey, now, outcome.reason);
    const fields = { ...ids, reason: outcome.reason, nextAttemptAt: nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString() };
    if (outcome.remedy !== null) {
      log.error({ ...fields, url: urlForLog(options.url) }, `${words.entry} upload failed and stays in the ${words.queue}: ${outcome.remedy}`);
    } else {
      log.warn(fields, `${words.entry} upload failed; it will be retried`);
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

  /** Returns whether the run ends after this outcome, because the next entries would fail alike or must wait their turn. */
  function endsRun(outcome: AttemptOutcome): boolean {
    if (outcome.kind !== 'failed') return false;
    if (outcome.stopsRun) return true;
    const discarded = outcome.rejected === true && openedQueue().discard !== undefined;
    return options.stopOnFailure === true && !discarded;
  }

  async function runAll(): Promise<UploadRunSummary> {
    const summary: UploadRunSummary = { delivered: 0, failed: 0, stoppedEarly: false, pausedUntil: currentPause(clock().getTime()) };
    if (summary.pausedUntil !== null) return summary;

    // A failure may be rescheduled at once (the jitter can be 0), so each entry is tried once per run.
    const tried = new Set<string>();
    const queue = openedQueue();

    for (;;) {
      const entries = queue.due(clock().getTime(), BATCH_SIZE + tried.size).filter((entry) => !tried.has(entry.idempotencyKey));
      if (entries.length === 0 || stopped) break;

      for (const entry of entries) {
        if (stopped) return summary;
        tried.add(entry.idempotencyKey);

        const outcome = await attempt(entry);
        record(queue, entry, outcome);
        if (outcome.kind === 'delivered') summary.delivered += 1;
        if (outcome.kind === 'failed') summary.failed += 1;

        if (endsRun(outcome)) {
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
    const pruned = openedQueue().prune(now);
    lastPruneAt = now;
    if (pruned > 0) log.info({ pruned }, `pruned delivered ${words.entry}s past their retention`);
  }

  function runOnce(): Promise<UploadRunSummary> {
    if (activeRun) {
      runRequested = true;
      return activeRun;
    }

    activeRun = runAll().finally(() => {
      activeRun = null;
      // An entry queued during the run may have been read too late; run again for it.
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
      log.error({ err: error }, `${words.entry} upload run failed; the next run retries`);
    }
  }

  return {
    runOnce,

    start(intervalMs) {
      if (started) return;
      started = true;
      log.info({ url: urlForLog(options.url), intervalMs }, `${words.entry} uploader started`);

      repeating = repeatAfterEach(runSafely, intervalMs);
    },

    nudge() {
      if (!started || stopped) return;
      void runSafely();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      repeating?.stop();
      for (const controller of inFlight) controller.abort();
      await activeRun?.catch(() => undefined);
      if (started) log.info(`${words.entry} uploader stopped`);
    },
  };
}
