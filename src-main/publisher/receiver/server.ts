// `minsheng receive` as a library: an HTTP server (node:http) that takes sealed reports from
// kiosks per core/reports/upload-protocol.ts and stores them in the receiver's SQLite file.
// In production it listens on loopback behind the county's nginx, which terminates TLS.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createLogger } from '../../core/log.js';
import { makeFolder } from '../../core/make-folder.js';
import type { RecipientKey } from '../../core/reports/seal-keys.js';
import { MAX_UPLOAD_BYTES, UPLOAD_HEADERS, UPLOAD_STATUS_CODES } from '../../core/reports/upload-protocol.js';
import type { UploadAnswer } from '../../core/reports/upload-protocol.js';
import { checkUploadBody, checkUploadHeaders } from './check-upload.js';
import { createRateLimiter } from './rate-limit.js';
import type { RateLimiter } from './rate-limit.js';
import { openReceiverStore } from './store.js';
import type { ReceiverStore } from './store.js';

const log = createLogger('receiver');

export const DEFAULT_RECEIVER_PORT = 8766;
export const DEFAULT_RECEIVER_PATH = '/reports';
export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_UPLOADS_PER_MINUTE = 120;

// A kiosk sends its headers in one packet and a report of a few KB right after, so these bounds
// only cut clients that stall. Node's defaults (60 s for headers, 300 s per request) let each
// stalled upload hold up to 1 MiB of buffered body for minutes.
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
// A connection that sends nothing for this long is closed, even in the middle of a body.
const DEFAULT_IDLE_TIMEOUT_MS = 20_000;
// close() waits this long for uploads in progress, then cuts every connection that is left.
const DEFAULT_CLOSE_GRACE_MS = 5_000;
// Header values logged are cut to this many characters. Keys are UUIDs and terminal IDs short codes.
const MAX_LOGGED_HEADER_LENGTH = 80;

// After a 413 the receiver reads and discards this much more of the body, so that a client still
// sending gets the response instead of a reset connection. Beyond it the connection is cut.
const MAX_DISCARDED_BYTES = 4 * MAX_UPLOAD_BYTES;

export interface ReceiverOptions {
  /** SQLite file of stored reports; created with its missing folders when absent. */
  dbFile: string;
  /** The commission's public key. The receiver responds 422 to uploads sealed for any other key. */
  commissionKey: RecipientKey;
  /** Previous commission public keys, still accepted for reports sealed before a key change. */
  previousCommissionKeys?: RecipientKey[];
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** TCP port; 0 picks a free one. Default 8766. */
  port?: number;
  /** URL path that takes uploads. Default /reports. */
  path?: string;
  /** Take the client address from nginx's X-Real-IP header instead of the socket. */
  trustProxy?: boolean;
  /** Milliseconds a write waits for a lock held by another connection before the receiver responds 503. */
  busyTimeoutMs?: number;
  /** Connections open at once; further ones are closed at once. Default 256. */
  maxConnections?: number;
  /** Uploads a minute from one client address before the receiver responds 429. Default 120. */
  uploadsPerMinute?: number;
  /** Milliseconds to receive a request's headers. Default 10 s. */
  headersTimeoutMs?: number;
  /** Milliseconds to receive a whole request. Default 60 s. */
  requestTimeoutMs?: number;
  /** Milliseconds a connection may send nothing, also mid-body, before it is closed. Default 20 s. */
  idleTimeoutMs?: number;
  /** Milliseconds close() waits for uploads in progress before it cuts their connections. Default 5 s. */
  closeGraceMs?: number;
  /** Clock of the rate limit, in milliseconds. Default Date.now. */
  now?: () => number;
}

export interface RunningReceiver {
  /** Address of the upload path, such as http://127.0.0.1:8766/reports. */
  url: string;
  /**
   * Stops taking connections, gives requests in progress closeGraceMs to finish, cuts the
   * connections still open, then closes the database.
   */
  close(): Promise<void>;
}

/** Opens the store, starts listening, and resolves once the receiver takes uploads. */
export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const uploadPath = options.path ?? DEFAULT_RECEIVER_PATH;
  const host = options.host ?? '127.0.0.1';
  await makeFolder(path.dirname(options.dbFile));
  const store = openReceiverStore(options.dbFile, { busyTimeoutMs: options.busyTimeoutMs });
  const rateLimiter = createRateLimiter(options.uploadsPerMinute ?? DEFAULT_UPLOADS_PER_MINUTE, options.now ?? Date.now);

  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout),
      // How often Node checks the two timeouts above; its default of 30 s would let them overrun.
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
    (request, response) => {
      handleRequest(request, response, { ...options, path: uploadPath }, store, rateLimiter);
    },
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  server.setTimeout(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, (socket) => socket.destroy());
  let refusedConnections = 0;
  server.on('drop', () => {
    refusedConnections += 1;
    // One line for the first refusal and one per further 100, so a flood does not flood the log.
    if (refusedConnections % 100 === 1) log.warn({ maxConnections: server.maxConnections, refusedConnections }, 'connection refused: too many open connections');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_RECEIVER_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}${uploadPath}`;
  log.info({ url, dbFile: options.dbFile, keyId: options.commissionKey.keyId.toString('hex'), previousKeyIds: (options.previousCommissionKeys ?? []).map((key) => key.keyId.toString('hex')), stored: store.count() }, 'receiver started');

  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Node stops enforcing requestTimeout once the server is closed, so a client that stalls
        // mid-body would hold close() open for ever without this cut.
        const cut = setTimeout(() => {
          log.warn({ url }, 'cutting connections still open after the grace period');
          server.closeAllConnections();
        }, options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(cut);
          store.close();
          log.info({ url }, 'receiver stopped');
          resolve();
        });
        // Keep-alive connections without a request in progress would hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

interface RequestContext {
  path: string;
  commissionKey: RecipientKey;
  previousCommissionKeys?: RecipientKey[];
  trustProxy?: boolean;
}

function handleRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext, store: ReceiverStore, rateLimiter: RateLimiter): void {
  const started = { key: loggedHeader(request, UPLOAD_HEADERS.idempotencyKey), terminal: loggedHeader(request, UPLOAD_HEADERS.terminalId) };
  const remoteAddress = remoteAddressOf(request, context.trustProxy ?? false);
  const requestPath = (request.url ?? '').split('?')[0] ?? '';

  const respond = (httpStatus: number, body: UploadAnswer, extraHeaders: Record<string, string> = {}, extraFields: Record<string, unknown> = {}) => {
    if (response.headersSent) return;
    const fields = {
      method: safeLogText(String(request.method)),
      path: safeLogText(requestPath),
      httpStatus,
      status: body.status,
      key: started.key,
      terminal: started.terminal,
      remoteAddress: remoteAddress === null ? null : safeLogText(remoteAddress),
      ...extraFields,
    };
    if (httpStatus >= 500) log.error({ ...fields, reason: body.reason }, 'upload not stored');
    else if (httpStatus >= 400) log.warn({ ...fields, reason: body.reason }, 'upload rejected');
    else log.info(fields, 'upload accepted');

    const text = JSON.stringify(body);
    response.writeHead(httpStatus, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...extraHeaders,
    });
    response.end(text);
  };

  if (requestPath !== context.path) {
    respond(404, { status: 'malformed', reason: `no uploads are taken at ${JSON.stringify(requestPath.slice(0, 100))}; send them to ${context.path}` });
    request.resume();
    return;
  }
  if (request.method !== 'POST') {
    respond(405, { status: 'malformed', reason: `method ${String(request.method)} is not allowed; send uploads with POST` }, { allow: 'POST' });
    request.resume();
    return;
  }

  const retryAfterSeconds = rateLimiter.take(remoteAddress ?? 'unknown');
  if (retryAfterSeconds > 0) {
    const reason = `too many uploads from this address in the last minute; retry in ${retryAfterSeconds} s`;
    respond(UPLOAD_STATUS_CODES['rate-limited'], { status: 'rate-limited', reason }, { 'retry-after': String(retryAfterSeconds), connection: 'close' });
    request.resume();
    return;
  }

  const headerProblem = checkUploadHeaders(request.headers);
  if (headerProblem !== null) {
    respond(UPLOAD_STATUS_CODES[headerProblem.status], { status: headerProblem.status, reason: headerProblem.reason });
    request.resume();
    return;
  }

  const declaredLength = Number(request.headers['content-length'] ?? Number.NaN);
  if (declaredLength > MAX_UPLOAD_BYTES) {
    respondTooLarge(request, respond, `declared length ${declaredLength} bytes`);
    return;
  }

  readBody(request, respond, (body) => {
    const checked = checkUploadBody(request.headers, body, [context.commissionKey, ...(context.previousCommissionKeys ?? [])]);
    if (!checked.ok) {
      respond(UPLOAD_STATUS_CODES[checked.status], { status: checked.status, reason: checked.reason });
      return;
    }

    let outcome;
    try {
      outcome = store.store({
        idempotencyKey: checked.idempotencyKey,
        envelope: body,
        sha256: checked.sha256,
        terminalId: checked.terminalId,
        remoteAddress,
        receivedAt: new Date().toISOString(),
      });
    } catch (error) {
      const reason = 'the receiver cannot store reports now; retry later';
      respond(UPLOAD_STATUS_CODES.unavailable, { status: 'unavailable', reason }, {}, { err: error });
      return;
    }

    if (outcome.status === 'conflict') {
      const reason = `key ${checked.idempotencyKey} was stored at ${outcome.receivedAt} with another body (SHA-256 ${outcome.storedSha256}); the new body is not stored`;
      respond(UPLOAD_STATUS_CODES.conflict, { status: 'conflict', reason }, {}, { storedSha256: outcome.storedSha256, uploadedSha256: checked.sha256 });
      return;
    }
    respond(UPLOAD_STATUS_CODES[outcome.status], { status: outcome.status, receivedAt: outcome.receivedAt });
  });
}

type Respond = (httpStatus: number, body: UploadAnswer, extraHeaders?: Record<string, string>) => void;

/** Reads the body up to MAX_UPLOAD_BYTES. A longer body gets a 413 response and is never stored. */
function readBody(request: IncomingMessage, respond: Respond, onBody: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let tooLarge = false;

  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length > MAX_UPLOAD_BYTES) {
      tooLarge = true;
      request.off('data', onData);
      request.off('end', onEnd);
      respondTooLarge(request, respond, `body longer than ${MAX_UPLOAD_BYTES} bytes`);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (!tooLarge) onBody(Buffer.concat(chunks, length));
  };

  request.on('data', onData);
  request.on('end', onEnd);
  // A client that disconnects mid-body gets no response and nothing is stored, so it retries.
  // Node emits 'aborted' and then an 'error' for the same cut, so one line covers both.
  let logged = false;
  const logCut = (error?: Error) => {
    if (logged || tooLarge) return;
    logged = true;
    const fields = { key: loggedHeader(request, UPLOAD_HEADERS.idempotencyKey), receivedBytes: length, reason: error?.message ?? 'connection closed' };
    log.warn(fields, 'upload cut off before its end');
  };
  request.on('aborted', () => logCut());
  request.on('error', logCut);
}

function respondTooLarge(request: IncomingMessage, respond: Respond, description: string): void {
  respond(UPLOAD_STATUS_CODES['too-large'], { status: 'too-large', reason: `${description} exceeds the maximum of ${MAX_UPLOAD_BYTES} bytes` }, { connection: 'close' });

  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) request.socket.destroy();
  });
  request.resume();
}

function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Makes client-controlled text safe for one log line: cut to MAX_LOGGED_HEADER_LENGTH, and every
 * character outside a plain set (letters, digits and . _ : - / + @) escaped as \xNN or \uNNNN,
 * so a value can neither break the line nor imitate a "key=value" field of the text log format.
 */
export function safeLogText(text: string): string {
  const cut = text.length > MAX_LOGGED_HEADER_LENGTH ? `${text.slice(0, MAX_LOGGED_HEADER_LENGTH)}…` : text;
  return cut.replace(/[^A-Za-z0-9._:\-/+@…]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function loggedHeader(request: IncomingMessage, name: string): string | undefined {
  const text = headerText(request, name);
  return text === undefined ? undefined : safeLogText(text);
}

function remoteAddressOf(request: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    // Stored in the database and used as the rate-limit key, so it is cut like a logged value.
    const realIp = headerText(request, 'x-real-ip');
    if (realIp !== undefined) return realIp.slice(0, 64);
  }
  return request.socket.remoteAddress ?? null;
}
