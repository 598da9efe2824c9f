// A bundle folder on a web server (nginx on the county server, object storage, a CDN). Every
// request has an idle timeout, 5xx responses and network errors are retried with exponential
// backoff and full jitter, and a body is cut off as soon as it passes the size the caller allows.
// Each download also has an overall deadline, derived from its allowed length and a minimum
// average rate, so a server that drips bytes just often enough to dodge the idle timeout cannot
// hold a sync for hours. A download to a file continues with `Range: bytes=N-` after a dropped
// connection, and across calls when the caller asks to resume.
import { open, stat, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../log.js';
import { describeNetworkError, errorFields } from './network-error.js';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';

const log = createLogger('sync');

export interface HttpSourceOptions {
  /** Milliseconds to wait for the response headers, and then for each next chunk of the body. */
  timeoutMs?: number;
  /**
   * Extra attempts after a 5xx status or a network error. An attempt that made the destination
   * file longer than any attempt before does not count, because the next one continues from there.
   */
  retries?: number;
  /** Upper bound in ms of the first pause; the bound doubles for each later retry. */
  backoffMs?: number;
  /** Largest upper bound in ms of any pause between attempts. */
  backoffCapMs?: number;
  /** Time every download gets on top of what its length needs at minRateBytesPerSecond. */
  deadlineBaseMs?: number;
  /** Slowest average rate accepted; a download slower than this fails at its deadline. */
  minRateBytesPerSecond?: number;
  /** Random numbers in [0, 1) for the jitter; tests pass their own. */
  random?: () => number;
}

const DEFAULTS: Required<HttpSourceOptions> = {
  timeoutMs: 30_000,
  retries: 5,
  backoffMs: 500,
  backoffCapMs: 30_000,
  deadlineBaseMs: 60_000,
  minRateBytesPerSecond: 16 * 1024,
  random: Math.random,
};

/**
 * Returns the pause in ms before retry number `retry` (0 for the first): a random value in
 * [0, min(capMs, baseMs * 2^retry)], the "full jitter" backoff, so that many terminals retrying
 * after one outage do not hit the server in step.
 */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const bound = Math.min(capMs, baseMs * 2 ** retry);
  return Math.round(random() * bound);
}

/**
 * One download of a URL across all its attempts. The deadline covers retries too, so retries
 * cannot stretch it.
 */
interface Transfer {
  url: string;
  maxBytes: number;
  /** Date.now() value after which the download fails. */
  deadline: number;
  deadlineMs: number;
  /** Body bytes the latest attempt received. */
  received: number;
  /** Bytes of the file held so far, counting those kept from earlier attempts or calls. */
  length: number;
  /** Largest `length` reached by any attempt of this download. */
  longest: number;
}

function startTransfer(url: string, maxBytes: number, settings: Required<HttpSourceOptions>): Transfer {
  const deadlineMs = settings.deadlineBaseMs + Math.ceil((maxBytes * 1000) / settings.minRateBytesPerSecond);
  return { url, maxBytes, deadline: Date.now() + deadlineMs, deadlineMs, received: 0, length: 0, longest: 0 };
}

function deadlineError(transfer: Transfer, cause?: unknown): SourceError {
  return new SourceError(
    'network',
    `GET ${transfer.url} timed out: ${transfer.length} bytes arrived within the ${transfer.deadlineMs} ms allowed for this download`,
    { cause },
  );
}

type Sink = { kind: 'memory'; chunks: Buffer[] } | { kind: 'file'; file: string };

/** Returned by an attempt whose kept bytes turned out unusable; the next one starts from 0. */
const RESTART = Symbol('restart');

function isRetryable(error: unknown): boolean {
  return error instanceof SourceError && error.retryable;
}

async function fileLength(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new SourceError('io', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function truncateFile(file: string, length: number): Promise<void> {
  try {
    await truncate(file, length);
  } catch (error) {
    throw new SourceError('io', `cannot truncate ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function writeTo(handle: FileHandle, file: string, data: Uint8Array): Promise<void> {
  try {
    await handle.write(data);
  } catch (error) {
    throw new SourceError('io', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Parses `Content-Range: bytes START-END/TOTAL` (TOTAL may be `*`) or the `bytes * /TOTAL` form
 * of a 416 response; null when the header is missing or malformed.
 */
function parseContentRange(header: string | null): { start: number | null; total: number | null } | null {
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(header?.trim() ?? '');
  if (!match) return null;
  const start = match[1] === undefined ? null : Number(match[1]);
  const total = match[3] === '*' ? null : Number(match[3]);
  return { start, total };
}

/**
 * Runs one GET of the transfer's URL into sink, continuing after the bytes a file sink already
 * contains. Returns the file's length when done, or RESTART after truncating a file whose kept
 * bytes the server's response shows to be unusable.
 */
async function fetchOnce(transfer: Transfer, sink: Sink, timeoutMs: number): Promise<number | typeof RESTART> {
  const { url, maxBytes } = transfer;
  const remainingMs = transfer.deadline - Date.now();
  if (remainingMs <= 0) throw deadlineError(transfer);

  let offset = sink.kind === 'file' ? await fileLength(sink.file) : 0;
  transfer.length = offset;
  transfer.received = 0;

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

  let handle: FileHandle | null = null;
  try {
    // Offsets and the signed length count the stored bytes, so no content coding may change them.
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (offset > 0) headers.range = `bytes=${offset}-`;

    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow', headers });
    } catch (error) {
      if (stopReason === 'deadline') throw deadlineError(transfer, error);
      const reason = stopReason === 'idle' ? `timed out after ${timeoutMs} ms` : describeNetworkError(error);
      throw new SourceError('network', `GET ${url} failed: ${reason}`, { cause: error, retryable: true });
    }

    if (response.status === 404) {
      await response.body?.cancel();
      throw new SourceError('not-found', `GET ${url} returned 404 Not Found`);
    }

    if (response.status === 416 && sink.kind === 'file' && offset > 0) {
      await response.body?.cancel();
      const range = parseContentRange(response.headers.get('content-range'));

      // The server's file is exactly as long as the kept bytes: nothing is missing.
      if (offset < maxBytes && range?.total === offset) return offset;

      log.info({ url, offset }, 'server cannot continue the partial download; starting from the beginning');
      await truncateFile(sink.file, 0);
      return RESTART;
    }

    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      const fits = range !== null && range.start === offset && (range.total === null || range.total <= maxBytes);
      if (!fits) {
        await response.body?.cancel();
        const contentRange = response.headers.get('content-range') ?? 'none';
        if (sink.kind === 'memory' || offset === 0) {
          throw new SourceError('network', `GET ${url} returned 206 with Content-Range ${contentRange} to a request for the whole file`);
        }
        log.info({ url, offset, contentRange }, 'server sent a range other than requested; starting from the beginning');
        await truncateFile(sink.file, 0);
        return RESTART;
      }
    } else if (!response.ok) {
      await response.body?.cancel();
      // 5xx is the server's trouble and may pass; other statuses will not change on a retry.
      throw new SourceError('network', `GET ${url} returned ${response.status} ${response.statusText}`, {
        retryable: response.status >= 500,
      });
    } else if (offset > 0 && sink.kind === 'file') {
      // A 200 response to a Range request carries the whole file.
      log.info({ url, offset }, 'server ignored the Range request; downloading from the beginning');
      await truncateFile(sink.file, 0);
      offset = 0;
      transfer.length = 0;
    }

    if (!response.body) {
      throw new SourceError('network', `GET ${url} returned ${response.status} without a body`, { retryable: true });
    }

    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes - offset) {
      await response.body.cancel();
      throw new SourceError('too-large', `GET ${url} declares ${offset + declared} bytes, more than the allowed ${maxBytes}`);
    }

    if (sink.kind === 'file') {
      try {
        handle = await open(sink.file, offset === 0 ? 'w' : 'a');
      } catch (error) {
        await response.body.cancel();
        throw new SourceError('io', `cannot write ${sink.file}: ${(error as Error).message}`, { cause: error });
      }
    }

    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        restartIdleTimer();

        // Keep the part that fits, so the file ends at exactly maxBytes and never past it.
        const room = maxBytes - offset - transfer.received;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (sink.kind === 'memory') {
          sink.chunks.push(Buffer.from(part));
        } else if (handle) {
          await writeTo(handle, sink.file, part);
        }
        transfer.received += part.length;
        transfer.length = offset + transfer.received;

        if (part.length < chunk.length) {
          throw new SourceError('too-large', `GET ${url} sent more than the allowed ${maxBytes} bytes`);
        }
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
    return transfer.length;
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(deadlineTimer);
    await handle?.close();
  }
}

export function createHttpSource(baseUrl: string, options: HttpSourceOptions = {}): BundleSource {
  const settings = { ...DEFAULTS, ...options };
  // A folder URL needs its trailing slash, or new URL() would replace its last segment.
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

  /** Runs attempts until one succeeds, a failure is final, the retries are used up or time runs out. */
  async function withRetries<T>(transfer: Transfer, keepsBytes: boolean, attempt: () => Promise<T | typeof RESTART>): Promise<T> {
    let retriesUsed = 0;
    for (;;) {
      try {
        const result = await attempt();
        if (result !== RESTART) return result;
        continue;
      } catch (error) {
        if (!isRetryable(error)) throw error;

        // An attempt that made the kept file longer than ever before shortens the next one, so
        // it costs no retry. A server that ignores Range and breaks off at the same place makes
        // no such progress, and the deadline bounds one that always breaks off a little later.
        const progressed = keepsBytes && transfer.length > transfer.longest;
        transfer.longest = Math.max(transfer.longest, transfer.length);
        if (!progressed) {
          if (retriesUsed >= settings.retries) throw error;
          retriesUsed += 1;
        }

        const pauseMs = backoffDelayMs(progressed ? 0 : retriesUsed - 1, settings.backoffMs, settings.backoffCapMs, settings.random);
        if (Date.now() + pauseMs >= transfer.deadline) throw deadlineError(transfer, error);

        // The technician's console shows warn lines, so these carry the cause but no stack.
        log.warn(
          { url: transfer.url, retry: retriesUsed, progressed, bytes: transfer.length, pauseMs, error: errorFields(error) },
          'request failed; retrying',
        );
        log.debug({ url: transfer.url, err: error }, 'request failure details');
        await sleep(pauseMs);
      }
    }
  }

  return {
    location: base,

    async readFile(name, maxBytes) {
      const transfer = startTransfer(new URL(encodeURIComponent(name), base).href, maxBytes, settings);
      return withRetries(transfer, false, async () => {
        const sink: Sink = { kind: 'memory', chunks: [] };
        await fetchOnce(transfer, sink, settings.timeoutMs);
        return Buffer.concat(sink.chunks);
      });
    },

    async downloadFile(name, destinationFile, maxBytes, downloadOptions = {}) {
      const transfer = startTransfer(new URL(encodeURIComponent(name), base).href, maxBytes, settings);

      // A partial longer than maxBytes cannot be a prefix of the file.
      const keptLength = downloadOptions.resume ? await fileLength(destinationFile) : 0;
      if (!downloadOptions.resume || keptLength > maxBytes) {
        const handle = await open(destinationFile, 'w').catch((error: unknown) => {
          throw new SourceError('io', `cannot write ${destinationFile}: ${(error as Error).message}`, { cause: error });
        });
        await handle.close();
      } else if (keptLength > 0) {
        transfer.longest = keptLength;
        log.info({ url: transfer.url, offset: keptLength }, 'resuming a partial download');
      }

      const sink: Sink = { kind: 'file', file: destinationFile };
      return withRetries(transfer, true, () => fetchOnce(transfer, sink, settings.timeoutMs));
    },
  };
}
