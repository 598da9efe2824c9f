// A bundle folder on a web server (nginx on the county server, object storage, a CDN). Every
// request has an idle timeout, 5xx responses and network errors are retried a few times with
// growing pauses, and a body is cut off as soon as it passes the size the caller allows. Each
// download also has an overall deadline, derived from its allowed length and a minimum average
// rate, so a server that drips bytes just often enough to dodge the idle timeout cannot hold a
// sync for hours.
// NOTE: an interrupted download starts over; resuming with Range requests fits into
// fetchOnce, which receives the Transfer (the bytes so far) and the sink.
import { createWriteStream } from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../log.js';
import { describeNetworkError, errorFields } from './network-error.js';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';

const log = createLogger('sync');

export interface HttpSourceOptions {
  /** Milliseconds to wait for the response headers, and then for each next chunk of the body. */
  timeoutMs?: number;
  /** Extra attempts after a 5xx status or a network error. */
  retries?: number;
  /** Pause before the first retry; each later retry waits twice as long. */
  backoffMs?: number;
  /** Time every download gets on top of what its length needs at minRateBytesPerSecond. */
  deadlineBaseMs?: number;
  /** Slowest average rate accepted; a download slower than this fails at its deadline. */
  minRateBytesPerSecond?: number;
}

const DEFAULTS: Required<HttpSourceOptions> = {
  timeoutMs: 30_000,
  retries: 2,
  backoffMs: 500,
  deadlineBaseMs: 60_000,
  minRateBytesPerSecond: 16 * 1024,
};

/**
 * One download of a URL across all its attempts. The deadline covers retries too, so retries
 * cannot stretch it; a resumed attempt will start from `received`.
 */
interface Transfer {
  url: string;
  maxBytes: number;
  /** Date.now() value after which the download fails. */
  deadline: number;
  deadlineMs: number;
  /** Body bytes the latest attempt received. */
  received: number;
}

function startTransfer(url: string, maxBytes: number, settings: Required<HttpSourceOptions>): Transfer {
  const deadlineMs = settings.deadlineBaseMs + Math.ceil((maxBytes * 1000) / settings.minRateBytesPerSecond);
  return { url, maxBytes, deadline: Date.now() + deadlineMs, deadlineMs, received: 0 };
}

function deadlineError(transfer: Transfer, cause?: unknown): SourceError {
  return new SourceError(
    'network',
    `GET ${transfer.url} timed out: ${transfer.received} bytes arrived within the ${transfer.deadlineMs} ms allowed for this download`,
    { cause },
  );
}

type Sink = { kind: 'memory'; chunks: Buffer[] } | { kind: 'file'; file: string };

function isRetryable(error: unknown): boolean {
  return error instanceof SourceError && error.retryable;
}

/** One GET of the transfer's URL into sink; returns the number of body bytes. */
async function fetchOnce(transfer: Transfer, sink: Sink, timeoutMs: number): Promise<number> {
  const { url, maxBytes } = transfer;
  const remainingMs = transfer.deadline - Date.now();
  if (remainingMs <= 0) throw deadlineError(transfer);

  // Either the idle timer or the download's deadline may abort; the first one names the reason.
  const controller = new AbortController();
  let stopReason: 'idle' | 'deadline' | null = null;
  const stop = (reason: 'idle' | 'deadline') => {
    stopReason ??= reason;
    controller.abort();
  };
  let idleTimer = setTimeout(() => stop('idle'), timeoutMs);
  const deadlineTimer = setTimeout(() => stop('deadline'), remainingMs);
  const restartIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop('idle'), timeoutMs);
  };

  transfer.received = 0;
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      if (stopReason === 'deadline') throw deadlineError(transfer, error);
      const reason = stopReason === 'idle' ? `timed out after ${timeoutMs} ms` : describeNetworkError(error);
      throw new SourceError('network', `GET ${url} failed: ${reason}`, { cause: error, retryable: true });
    }

    if (response.status === 404) {
      await response.body?.cancel();
      throw new SourceError('not-found', `GET ${url} returned 404 Not Found`);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      // 5xx is the server's trouble and may pass; other statuses will not change on a retry.
      throw new SourceError('network', `GET ${url} returned ${response.status} ${response.statusText}`, {
        retryable: response.status >= 500,
      });
    }

    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body.cancel();
      throw new SourceError('too-large', `GET ${url} declares ${declared} bytes, more than the allowed ${maxBytes}`);
    }

    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        restartIdleTimer();
        transfer.received += chunk.length;
        if (transfer.received > maxBytes) {
          callback(new SourceError('too-large', `GET ${url} sent more than the allowed ${maxBytes} bytes`));
          return;
        }
        callback(null, chunk);
      },
    });
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);

    try {
      if (sink.kind === 'file') {
        await pipeline(body, limiter, createWriteStream(sink.file));
      } else {
        const collector = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            sink.chunks.push(chunk);
            callback();
          },
        });
        await pipeline(body, limiter, collector);
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      if (stopReason === 'deadline') throw deadlineError(transfer, error);
      const reason = stopReason === 'idle' ? `no data for ${timeoutMs} ms` : describeNetworkError(error);
      throw new SourceError('network', `GET ${url} broke off after ${transfer.received} bytes: ${reason}`, {
        cause: error,
        retryable: true,
      });
    }
    return transfer.received;
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(deadlineTimer);
  }
}

export function createHttpSource(baseUrl: string, options: HttpSourceOptions = {}): BundleSource {
  const settings = { ...DEFAULTS, ...options };
  // A folder URL needs its trailing slash, or new URL() would replace its last segment.
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

  async function withRetries<T>(url: string, attempt: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!isRetryable(error) || retry >= settings.retries) throw error;

        const pauseMs = settings.backoffMs * 2 ** retry;
        // The technician's console shows warn lines, so these carry the cause but no stack.
        log.warn({ url, retry: retry + 1, pauseMs, error: errorFields(error) }, 'request failed; retrying');
        log.debug({ url, err: error }, 'request failure details');
        await sleep(pauseMs);
      }
    }
  }

  return {
    location: base,

    async readFile(name, maxBytes) {
      const transfer = startTransfer(new URL(encodeURIComponent(name), base).href, maxBytes, settings);
      return withRetries(transfer.url, async () => {
        const sink: Sink = { kind: 'memory', chunks: [] };
        await fetchOnce(transfer, sink, settings.timeoutMs);
        return Buffer.concat(sink.chunks);
      });
    },

    async downloadFile(name, destinationFile, maxBytes) {
      const transfer = startTransfer(new URL(encodeURIComponent(name), base).href, maxBytes, settings);
      return withRetries(transfer.url, () => fetchOnce(transfer, { kind: 'file', file: destinationFile }, settings.timeoutMs));
    },
  };
}
