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
import { openReceiverStore } from './store.js';
import type { ReceiverStore } from './store.js';

const log = createLogger('receiver');

export const DEFAULT_RECEIVER_PORT = 8766;
export const DEFAULT_RECEIVER_PATH = '/reports';

// After a 413 the receiver reads and discards this much more of the body, so that a client still
// sending gets the response instead of a reset connection. Beyond it the connection is cut.
const MAX_DISCARDED_BYTES = 4 * MAX_UPLOAD_BYTES;

export interface ReceiverOptions {
  /** SQLite file of stored reports; created with its missing folders when absent. */
  dbFile: string;
  /** The commission's public key. The receiver responds 422 to uploads sealed for any other key. */
  commissionKey: RecipientKey;
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
}

export interface RunningReceiver {
  /** Address of the upload path, such as http://127.0.0.1:8766/reports. */
  url: string;
  /** Stops taking connections, lets requests in progress finish, then closes the database. */
  close(): Promise<void>;
}

/** Opens the store, starts listening, and resolves once the receiver takes uploads. */
export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const uploadPath = options.path ?? DEFAULT_RECEIVER_PATH;
  const host = options.host ?? '127.0.0.1';
  await makeFolder(path.dirname(options.dbFile));
  const store = openReceiverStore(options.dbFile, { busyTimeoutMs: options.busyTimeoutMs });

  const server = createServer((request, response) => {
    handleRequest(request, response, { ...options, path: uploadPath }, store);
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
  log.info({ url, dbFile: options.dbFile, keyId: options.commissionKey.keyId.toString('hex'), stored: store.count() }, 'receiver started');

  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
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
  trustProxy?: boolean;
}

function handleRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext, store: ReceiverStore): void {
  const started = { key: headerText(request, UPLOAD_HEADERS.idempotencyKey), terminal: headerText(request, UPLOAD_HEADERS.terminalId) };
  const remoteAddress = remoteAddressOf(request, context.trustProxy ?? false);
  const requestPath = (request.url ?? '').split('?')[0];

  const respond = (httpStatus: number, body: UploadAnswer, extraHeaders: Record<string, string> = {}) => {
    const fields = { method: request.method, path: requestPath, httpStatus, status: body.status, key: started.key, terminal: started.terminal, remoteAddress };
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
    respond(404, { status: 'malformed', reason: `no uploads are taken at ${JSON.stringify(requestPath)}; send them to ${context.path}` });
    request.resume();
    return;
  }
  if (request.method !== 'POST') {
    respond(405, { status: 'malformed', reason: `method ${String(request.method)} is not allowed; send uploads with POST` }, { allow: 'POST' });
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
    const checked = checkUploadBody(request.headers, body, context.commissionKey);
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
      log.error({ err: error, key: checked.idempotencyKey }, 'storing an upload failed');
      respond(UPLOAD_STATUS_CODES.unavailable, { status: 'unavailable', reason: 'the receiver cannot store reports now; retry later' });
      return;
    }

    if (outcome.status === 'conflict') {
      log.warn({ key: checked.idempotencyKey, storedSha256: outcome.storedSha256, uploadedSha256: checked.sha256 }, 'idempotency key reused with another body');
      const reason = `key ${checked.idempotencyKey} was stored at ${outcome.receivedAt} with another body (SHA-256 ${outcome.storedSha256}); the new body is not stored`;
      respond(UPLOAD_STATUS_CODES.conflict, { status: 'conflict', reason });
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
  request.on('aborted', () => log.warn({ key: headerText(request, UPLOAD_HEADERS.idempotencyKey), receivedBytes: length }, 'upload cut off before its end'));
  request.on('error', (error) => log.warn({ err: error, key: headerText(request, UPLOAD_HEADERS.idempotencyKey) }, 'reading an upload failed'));
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
  const text = Array.isArray(value) ? value.join(',') : value;
  return text?.slice(0, 256);
}

function remoteAddressOf(request: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const realIp = headerText(request, 'x-real-ip');
    if (realIp !== undefined) return realIp;
  }
  return request.socket.remoteAddress ?? null;
}
