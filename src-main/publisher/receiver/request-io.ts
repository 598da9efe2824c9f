// The HTTP plumbing of `minsheng receive` shared by its two paths, sealed reports and fleet
// heartbeats: reading a bounded body, the 413 response, the client address, header values made
// safe for the log, and the checked-then-stored flow of one POST.
import type { IncomingMessage } from 'node:http';
import { createLogger } from '../../core/log.js';
import { UPLOAD_HEADERS, UPLOAD_STATUS_CODES } from '../../core/reports/upload-protocol.js';
import type { UploadAnswer } from '../../core/reports/upload-protocol.js';
import type { RejectedUpload } from './check-upload.js';
import type { StoreOutcome } from './store.js';

const log = createLogger('receiver');

// Header values logged are cut to this many characters. Keys are UUIDs and terminal IDs short codes.
const MAX_LOGGED_HEADER_LENGTH = 80;
// UploadAnswerSchema's maximum reason length. A kiosk treats a response with a longer reason as not the receiver's.
const MAX_REASON_LENGTH = 500;

export type Respond = (httpStatus: number, body: UploadAnswer, extraHeaders?: Record<string, string>, extraFields?: Record<string, unknown>) => void;

/** Reads the body up to `maxBytes`. A longer body gets a 413 response and is never stored. */
export function readBody(request: IncomingMessage, respond: Respond, maxBytes: number, onBody: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let tooLarge = false;

  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length > maxBytes) {
      tooLarge = true;
      request.off('data', onData);
      request.off('end', onEnd);
      respondTooLarge(request, respond, `body longer than ${maxBytes} bytes`, maxBytes);
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

/**
 * Responds 413 and reads on, discarding, so that a client still sending gets the response
 * instead of a reset connection. Past 4 × `maxBytes` discarded the connection is cut.
 */
export function respondTooLarge(request: IncomingMessage, respond: Respond, description: string, maxBytes: number): void {
  respond(UPLOAD_STATUS_CODES['too-large'], { status: 'too-large', reason: `${description} exceeds the maximum of ${maxBytes} bytes` }, { connection: 'close' });

  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > 4 * maxBytes) request.socket.destroy();
  });
  request.resume();
}

export function headerText(request: IncomingMessage, name: string): string | undefined {
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

export function loggedHeader(request: IncomingMessage, name: string): string | undefined {
  const text = headerText(request, name);
  return text === undefined ? undefined : safeLogText(text);
}

export function remoteAddressOf(request: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    // Stored in the database and used as the rate-limit key, so it is cut like a logged value.
    const realIp = headerText(request, 'x-real-ip');
    if (realIp !== undefined) return realIp.slice(0, 64);
  }
  return request.socket.remoteAddress ?? null;
}

/** One POST path of the receiver: its body limit, its checks and where it stores. */
export interface BodyRoute<C extends { idempotencyKey: string; sha256: string }> {
  maxBytes: number;
  /** Checks the headers that can be judged before the body is read. */
  checkHeaders(headers: IncomingMessage['headers']): RejectedUpload | null;
  checkBody(headers: IncomingMessage['headers'], body: Buffer): ({ ok: true } & C) | RejectedUpload;
  /** Stores a checked body. A throw gets a 503 response, so the client retries. */
  store(checked: C, body: Buffer): StoreOutcome;
}

/**
 * Checks the headers, reads the body up to the route's limit, checks it and stores it, then
 * responds: 201 stored, 200 duplicate, 409 for a known key with another body, 4xx for a
 * rejected request and 503 when the store fails.
 */
export function receiveBody<C extends { idempotencyKey: string; sha256: string }>(request: IncomingMessage, respond: Respond, route: BodyRoute<C>): void {
  const headerProblem = route.checkHeaders(request.headers);
  if (headerProblem !== null) {
    respond(UPLOAD_STATUS_CODES[headerProblem.status], { status: headerProblem.status, reason: headerProblem.reason.slice(0, MAX_REASON_LENGTH) });
    request.resume();
    return;
  }

  const declaredLength = Number(request.headers['content-length'] ?? Number.NaN);
  if (declaredLength > route.maxBytes) {
    respondTooLarge(request, respond, `declared length ${declaredLength} bytes`, route.maxBytes);
    return;
  }

  readBody(request, respond, route.maxBytes, (body) => {
    const checked = route.checkBody(request.headers, body);
    if (!checked.ok) {
      respond(UPLOAD_STATUS_CODES[checked.status], { status: checked.status, reason: checked.reason.slice(0, MAX_REASON_LENGTH) });
      return;
    }

    let outcome;
    try {
      outcome = route.store(checked, body);
    } catch (error) {
      const reason = 'the receiver cannot store uploads now; retry later';
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
