// The report uploader against a loopback HTTP server that responds as the county receiver's
// protocol specifies. Reports are delivered on 201 and 200, and retried with backoff after 5xx,
// timeouts, refused connections and a connection dropped after the receiver stored the report.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOutbox } from '../../src-main/core/reports/outbox.js';
import type { Outbox } from '../../src-main/core/reports/outbox.js';
import { generateRecipientKeyPair, parseRecipientKeyPem, readIdempotencyKey, sealReport } from '../../src-main/core/reports/seal.js';
import { UPLOAD_CONTENT_TYPE, UPLOAD_HEADERS, UPLOAD_STATUS_CODES } from '../../src-main/core/reports/upload-protocol.js';
import { createReportUploader } from '../../src-main/core/reports/uploader.js';
import type { ReportUploaderOptions } from '../../src-main/core/reports/uploader.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

const TERMINAL = 'jinhe-01';
const recipient = parseRecipientKeyPem(generateRecipientKeyPair('x25519').publicKeyPem);

interface ReceivedUpload {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Answer = (upload: ReceivedUpload, response: ServerResponse, request: IncomingMessage) => void;

/** A loopback receiver whose response each test sets. It stores bodies by idempotency key. */
interface TestReceiver {
  url: string;
  uploads: ReceivedUpload[];
  stored: Map<string, Buffer>;
  /** Maximum number of requests it had open at one time. */
  maxConcurrent: number;
  answer: Answer;
  close(): Promise<void>;
}

function sendAnswer(
  response: ServerResponse,
  status: keyof typeof UPLOAD_STATUS_CODES,
  reason?: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(UPLOAD_STATUS_CODES[status], { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ status, receivedAt: '2026-05-12T09:06:00.000Z', ...(reason ? { reason } : {}) }));
}

/** Stores a new key with 201 and responds 200 to a known one, as the real receiver does. */
const storeAnswer: Answer = (upload, response) => {
  const key = String(upload.headers[UPLOAD_HEADERS.idempotencyKey]);
  if (receiver.stored.has(key)) return sendAnswer(response, 'duplicate');
  receiver.stored.set(key, upload.body);
  sendAnswer(response, 'stored');
};

async function startReceiver(): Promise<TestReceiver> {
  let open = 0;
  const state = { uploads: [] as ReceivedUpload[], stored: new Map<string, Buffer>(), maxConcurrent: 0, answer: storeAnswer };

  const server: Server = createServer((request, response) => {
    open += 1;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    response.on('close', () => (open -= 1));

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const upload = { headers: request.headers, body: Buffer.concat(chunks) };
      state.uploads.push(upload);
      state.answer(upload, response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/reports`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

let temp: ReturnType<typeof makeTempDir>;
let receiver: TestReceiver;
let outbox: Outbox;
let now: number;
let stopUploader: (() => Promise<void>) | null;

beforeEach(async () => {
  temp = makeTempDir('minsheng-uploader-');
  receiver = await startReceiver();
  // random 0 makes every retry due at once, so a second run retries without waiting.
  outbox = openOutbox(path.join(temp.dir, 'outbox.sqlite'), { random: () => 0 });
  now = Date.parse('2026-05-12T09:05:00Z');
  stopUploader = null;
});

afterEach(async () => {
  await stopUploader?.();
  await receiver.close();
  outbox.close();
  temp.remove();
});

function uploader(options: Partial<ReportUploaderOptions> = {}) {
  const created = createReportUploader({
    outbox,
    uploadUrl: receiver.url,
    terminalId: TERMINAL,
    clock: () => new Date(now),
    timeoutMs: 5_000,
    ...options,
  });
  stopUploader = () => created.stop();
  return created;
}

/** Seals a made-up report and enqueues it; returns its idempotency key. */
function enqueueReport(index: number): string {
  const key = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  const sealed = sealReport(Buffer.from(JSON.stringify({ text: `测试举报 ${index}` }), 'utf8'), recipient, key);
  outbox.enqueue({ idempotencyKey: key, sealed, createdAt: now - 1000 + index });
  return key;
}

describe('uploader deliveries', () => {
  it('delivers a report on 201 with the protocol headers', async () => {
    const key = enqueueReport(1);

    const summary = await uploader().runOnce();

    expect(summary).toEqual({ delivered: 1, failed: 0, stoppedEarly: false, pausedUntil: null });
    expect(receiver.uploads).toHaveLength(1);
    const upload = receiver.uploads[0]!;
    expect(upload.body.equals(Buffer.from(outbox.get(key)!.sealed))).toBe(true);
    expect(readIdempotencyKey(upload.body)).toBe(key);
    expect(upload.headers[UPLOAD_HEADERS.idempotencyKey]).toBe(key);
    expect(upload.headers[UPLOAD_HEADERS.contentSha256]).toBe(createHash('sha256').update(upload.body).digest('hex'));
    expect(upload.headers[UPLOAD_HEADERS.terminalId]).toBe(TERMINAL);
    expect(upload.headers['content-type']).toBe(UPLOAD_CONTENT_TYPE);
    expect(outbox.get(key)!.deliveredAt).toBe(now);
  });

  it('marks a 200 duplicate delivered', async () => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => sendAnswer(response, 'duplicate');

    await uploader().runOnce();

    expect(outbox.get(key)!.deliveredAt).toBe(now);
  });

  it('sends reports oldest first, one at a time', async () => {
    const keys = [enqueueReport(3), enqueueReport(1), enqueueReport(2)];

    await uploader().runOnce();

    expect(receiver.uploads.map((upload) => upload.headers[UPLOAD_HEADERS.idempotencyKey])).toEqual([keys[1], keys[2], keys[0]]);
    expect(receiver.maxConcurrent).toBe(1);
  });

  it('joins a run already going', async () => {
    for (let index = 1; index <= 5; index += 1) enqueueReport(index);
    const instance = uploader();

    const [first, second] = await Promise.all([instance.runOnce(), instance.runOnce()]);

    expect(first).toBe(second);
    expect(receiver.uploads).toHaveLength(5);
    expect(receiver.maxConcurrent).toBe(1);
  });

  it('sends nothing when the outbox is empty', async () => {
    expect(await uploader().runOnce()).toEqual({ delivered: 0, failed: 0, stoppedEarly: false, pausedUntil: null });
    expect(receiver.uploads).toEqual([]);
  });
});

describe('uploader retries', () => {
  it.each([
    ['500', 500],
    ['503', UPLOAD_STATUS_CODES.unavailable],
  ])('retries after a %s answer', async (_case, status) => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'unavailable', reason: 'disk full' }));
    };
    const instance = uploader();

    const summary = await instance.runOnce();

    expect(summary).toEqual({ delivered: 0, failed: 1, stoppedEarly: true, pausedUntil: null });
    const failed = outbox.get(key)!;
    expect(failed.deliveredAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain(`HTTP ${status}`);

    receiver.answer = storeAnswer;
    now += 60_000;
    await instance.runOnce();

    expect(outbox.get(key)!.deliveredAt).toBe(now);
  });

  it('stops a run at an unavailable receiver', async () => {
    const keys = [enqueueReport(1), enqueueReport(2), enqueueReport(3)];
    receiver.answer = (_upload, response) => sendAnswer(response, 'unavailable');

    await uploader().runOnce();

    expect(receiver.uploads).toHaveLength(1);
    expect(keys.map((key) => outbox.get(key)!.attempts)).toEqual([1, 0, 0]);
  });

  it.each([
    ['409 conflict', 'conflict'],
    ['422 wrong recipient', 'wrong-recipient'],
    ['400 malformed', 'malformed'],
  ] as const)('keeps a report after a %s and sends the next', async (_case, status) => {
    const keys = [enqueueReport(1), enqueueReport(2)];
    receiver.answer = (upload, response) => {
      if (upload.headers[UPLOAD_HEADERS.idempotencyKey] === keys[0]) return sendAnswer(response, status, 'test reason');
      storeAnswer(upload, response, undefined as never);
    };

    const summary = await uploader().runOnce();

    expect(summary).toEqual({ delivered: 1, failed: 1, stoppedEarly: false, pausedUntil: null });
    expect(outbox.get(keys[0]!)!.deliveredAt).toBeNull();
    expect(outbox.get(keys[0]!)!.lastError).toBe(`HTTP ${UPLOAD_STATUS_CODES[status]} ${status}: test reason`);
    expect(outbox.get(keys[1]!)!.deliveredAt).toBe(now);
  });

  it('retries after a timeout', async () => {
    const key = enqueueReport(1);
    // Never responds, so the uploader gives up after its timeout.
    receiver.answer = () => undefined;

    await uploader({ timeoutMs: 200 }).runOnce();

    expect(outbox.get(key)!.attempts).toBe(1);
    expect(outbox.get(key)!.lastError).toBe('no complete answer within 200 ms');
    expect(outbox.get(key)!.deliveredAt).toBeNull();
  });

  it('retries after a refused connection', async () => {
    const key = enqueueReport(1);
    const closedPort = await freePort();

    const summary = await uploader({ uploadUrl: `http://127.0.0.1:${closedPort}/reports` }).runOnce();

    expect(summary.stoppedEarly).toBe(true);
    expect(outbox.get(key)!.attempts).toBe(1);
    expect(outbox.get(key)!.lastError).toContain('ECONNREFUSED');
  });

  it('delivers once when the response to a stored report was lost', async () => {
    const key = enqueueReport(1);
    receiver.answer = (upload, response, request) => {
      receiver.stored.set(String(upload.headers[UPLOAD_HEADERS.idempotencyKey]), upload.body);
      // Stored, then the connection drops before any response, as a cut cable would.
      request.socket.destroy();
      response.destroy();
    };
    const instance = uploader();

    await instance.runOnce();
    expect(outbox.get(key)!.deliveredAt).toBeNull();
    expect(outbox.get(key)!.attempts).toBe(1);

    receiver.answer = storeAnswer;
    await instance.runOnce();

    expect(receiver.uploads).toHaveLength(2);
    expect(receiver.stored.size).toBe(1);
    expect(receiver.uploads[1]!.body.equals(receiver.uploads[0]!.body)).toBe(true);
    expect(outbox.get(key)!.deliveredAt).toBe(now);
    expect(outbox.counts()).toEqual({ waiting: 0, retrying: 0, delivered: 1 });
  });

  it('waits for the backoff before retrying', async () => {
    const backoffOutbox = openOutbox(path.join(temp.dir, 'backoff.sqlite'), { random: () => 0.5, baseDelayMs: 30_000 });
    try {
      const sealed = sealReport(Buffer.from('{}'), recipient, 'backoff-key');
      backoffOutbox.enqueue({ idempotencyKey: 'backoff-key', sealed, createdAt: now });
      receiver.answer = (_upload, response) => sendAnswer(response, 'unavailable');
      const instance = uploader({ outbox: backoffOutbox });

      await instance.runOnce();
      await instance.runOnce();
      expect(receiver.uploads).toHaveLength(1);

      now += 15_000;
      await instance.runOnce();
      expect(receiver.uploads).toHaveLength(2);
    } finally {
      await stopUploader?.();
      stopUploader = null;
      backoffOutbox.close();
    }
  });
});

describe('uploader Retry-After', () => {
  /** Responds to the first upload with `status` and `retryAfter` (no header when null), then stores. */
  function rejectFirstUpload(status: 'rate-limited' | 'unavailable', retryAfter: string | null): void {
    receiver.answer = (upload, response, request) => {
      if (receiver.uploads.length > 1) return storeAnswer(upload, response, request);
      const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': retryAfter };
      sendAnswer(response, status, 'too many uploads from this address in the last minute', headers);
    };
  }

  it('pauses every upload for the seconds of a 429', async () => {
    const keys = [enqueueReport(1), enqueueReport(2), enqueueReport(3)];
    rejectFirstUpload('rate-limited', '120');
    const instance = uploader();
    const pausedUntil = now + 120_000;

    expect(await instance.runOnce()).toEqual({ delivered: 0, failed: 1, stoppedEarly: true, pausedUntil });
    expect(receiver.uploads).toHaveLength(1);

    // The outbox's backoff (random 0) makes the first report due again at once, so only the pause keeps it waiting.
    now += 119_999;
    expect(await instance.runOnce()).toEqual({ delivered: 0, failed: 0, stoppedEarly: false, pausedUntil });
    expect(receiver.uploads).toHaveLength(1);

    now += 1;
    expect(await instance.runOnce()).toEqual({ delivered: 3, failed: 0, stoppedEarly: false, pausedUntil: null });
    expect(receiver.uploads).toHaveLength(4);
    expect(keys.map((key) => outbox.get(key)!.deliveredAt)).toEqual([now, now, now]);
  });

  it('pauses until the HTTP-date of a 429', async () => {
    enqueueReport(1);
    rejectFirstUpload('rate-limited', new Date(now + 300_000).toUTCString());
    const instance = uploader();

    expect((await instance.runOnce()).pausedUntil).toBe(now + 300_000);

    now += 299_000;
    await instance.runOnce();
    expect(receiver.uploads).toHaveLength(1);
  });

  it.each([
    ['a day in seconds, cut to an hour', 'rate-limited', '86400', 3_600_000],
    ['a date next year, cut to an hour', 'rate-limited', 'Sat, 01 Jan 2028 00:00:00 GMT', 3_600_000],
    ['seconds on a 503', 'unavailable', '30', 30_000],
    ['0 seconds', 'rate-limited', '0', null],
    ['a date already past', 'rate-limited', 'Tue, 12 May 2026 09:00:00 GMT', null],
    ['garbage', 'rate-limited', 'soon', null],
    ['fractional seconds', 'rate-limited', '1.5', null],
    ['negative seconds', 'rate-limited', '-30', null],
    ['no header', 'rate-limited', null, null],
  ] as const)('reads Retry-After of %s', async (_case, status, retryAfter, pauseMs) => {
    enqueueReport(1);
    enqueueReport(2);
    rejectFirstUpload(status, retryAfter);

    const summary = await uploader().runOnce();

    expect(receiver.uploads).toHaveLength(1);
    expect(summary.stoppedEarly).toBe(true);
    expect(summary.pausedUntil).toBe(pauseMs === null ? null : now + pauseMs);
  });

  it('ends a pause when the clock is set back', async () => {
    enqueueReport(1);
    rejectFirstUpload('rate-limited', '600');
    const instance = uploader();
    await instance.runOnce();

    // A clock corrected by a day makes the pause look 24 h long, longer than any Retry-After.
    now -= 24 * 60 * 60 * 1000;
    const summary = await instance.runOnce();

    expect(summary.pausedUntil).toBeNull();
    expect(receiver.uploads).toHaveLength(2);
  });

  it('sends nothing on a nudge while paused', async () => {
    const first = enqueueReport(1);
    rejectFirstUpload('rate-limited', '120');
    const instance = uploader();
    instance.start(60 * 60 * 1000);
    await vi.waitFor(() => expect(outbox.get(first)!.attempts).toBe(1));

    const second = enqueueReport(2);
    instance.nudge();
    // runOnce joins the run the nudge started, or runs after it, so both have finished here.
    expect((await instance.runOnce()).pausedUntil).toBe(now + 120_000);

    expect(receiver.uploads).toHaveLength(1);
    expect(outbox.get(second)!.attempts).toBe(0);
  });
});

describe('uploader timer', () => {
  it('delivers a report on a nudge', async () => {
    const instance = uploader();
    instance.start(60 * 60 * 1000);
    await instance.runOnce();

    const key = enqueueReport(1);
    instance.nudge();

    // The hour-long timer cannot fire during the test, so only the nudge can deliver it.
    await vi.waitFor(() => expect(outbox.get(key)!.deliveredAt).toBe(now));
    expect(receiver.uploads).toHaveLength(1);
  });

  it('aborts an upload in flight on stop', async () => {
    const key = enqueueReport(1);
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    receiver.answer = () => arrived();
    const instance = uploader();

    const run = instance.runOnce();
    await requestArrived;
    await instance.stop();

    expect((await run).delivered).toBe(0);
    expect(outbox.get(key)!.attempts).toBe(0);
  });
});

describe('uploader responses not from the receiver', () => {
  it.each([
    ['200 HTML page', 200, 'text/html', '<html>Welcome to the hotel wifi portal</html>'],
    ['201 saying malformed', 201, 'application/json', JSON.stringify({ status: 'malformed' })],
    ['201 saying duplicate', 201, 'application/json', JSON.stringify({ status: 'duplicate' })],
    ['200 empty body', 200, 'application/json', ''],
  ])('keeps a report after a %s', async (_case, status, contentType, body) => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(body);
    };

    const summary = await uploader().runOnce();

    expect(summary).toEqual({ delivered: 0, failed: 1, stoppedEarly: true, pausedUntil: null });
    expect(outbox.get(key)!.deliveredAt).toBeNull();
    expect(outbox.get(key)!.attempts).toBe(1);
    expect(outbox.get(key)!.lastError).toContain(`HTTP ${status}`);
  });

  it('keeps a report whose 201 body is cut', async () => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'content-length': '1000' });
      // Half a response body, then the connection drops.
      response.write('{"status":"stor');
      response.socket?.destroy();
    };

    await uploader().runOnce();

    expect(outbox.get(key)!.deliveredAt).toBeNull();
    expect(outbox.get(key)!.attempts).toBe(1);
  });

  it('keeps a report whose 201 body never ends', async () => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.write('{');
    };

    await uploader({ timeoutMs: 300 }).runOnce();

    expect(outbox.get(key)!.deliveredAt).toBeNull();
    expect(outbox.get(key)!.lastError).toBe('no complete answer within 300 ms');
  });

  it('keeps a report after an oversized 200 body', async () => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"status":"duplicate","reason":"${'x'.repeat(100_000)}"}`);
    };

    await uploader().runOnce();

    expect(outbox.get(key)!.deliveredAt).toBeNull();
    expect(outbox.get(key)!.lastError).toContain('larger than');
  });

  it('names a redirect target without its query', async () => {
    const key = enqueueReport(1);
    receiver.answer = (_upload, response) => {
      response.writeHead(301, { location: 'https://user:secret@county.example/reports?token=abc' });
      response.end();
    };

    await uploader().runOnce();

    const lastError = outbox.get(key)!.lastError!;
    expect(lastError).toContain('https://county.example/reports');
    expect(lastError).not.toContain('token');
    expect(lastError).not.toContain('secret');
  });

  it('keeps credentials of the upload URL out of the stored error', async () => {
    const key = enqueueReport(1);
    const url = new URL(receiver.url);
    url.username = 'countyuser';
    url.password = 'S3cretPass';

    await uploader({ uploadUrl: url.href }).runOnce();

    expect(outbox.get(key)!.attempts).toBe(1);
    expect(outbox.get(key)!.lastError).not.toContain('S3cretPass');
  });
});
