// A bundle folder on a web server (nginx on the county server, object storage, a CDN). Every
// request has a timeout, 5xx responses and network errors are retried a few times with growing
// pauses, and a body is cut off as soon as it passes the size the caller allows.
// NOTE: an interrupted download starts over; resuming with Range requests fits into
// fetchOnce, which already receives the destination file.
import { createWriteStream } from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../log.js';
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
}

const DEFAULTS: Required<HttpSourceOptions> = { timeoutMs: 30_000, retries: 2, backoffMs: 500 };

type Sink = { kind: 'memory'; chunks: Buffer[] } | { kind: 'file'; file: string };

function isRetryable(error: unknown): boolean {
  return error instanceof SourceError && error.retryable;
}

/** One GET of url into sink; returns the number of body bytes. */
async function fetchOnce(url: string, sink: Sink, maxBytes: number, timeoutMs: number): Promise<number> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), timeoutMs);
  const restartTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), timeoutMs);
  };

  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      const reason = controller.signal.aborted ? `timed out after ${timeoutMs} ms` : (error as Error).message;
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

    let total = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        restartTimer();
        total += chunk.length;
        if (total > maxBytes) {
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
      const reason = controller.signal.aborted ? `no data for ${timeoutMs} ms` : (error as Error).message;
      throw new SourceError('network', `GET ${url} broke off after ${total} bytes: ${reason}`, {
        cause: error,
        retryable: true,
      });
    }
    return total;
  } finally {
    clearTimeout(timer);
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
        log.warn({ url, retry: retry + 1, pauseMs, err: error }, 'request failed; retrying');
        await sleep(pauseMs);
      }
    }
  }

  return {
    location: base,

    async readFile(name, maxBytes) {
      const url = new URL(encodeURIComponent(name), base).href;
      return withRetries(url, async () => {
        const sink: Sink = { kind: 'memory', chunks: [] };
        await fetchOnce(url, sink, maxBytes, settings.timeoutMs);
        return Buffer.concat(sink.chunks);
      });
    },

    async downloadFile(name, destinationFile, maxBytes) {
      const url = new URL(encodeURIComponent(name), base).href;
      return withRetries(url, () => fetchOnce(url, { kind: 'file', file: destinationFile }, maxBytes, settings.timeoutMs));
    },
  };
}
