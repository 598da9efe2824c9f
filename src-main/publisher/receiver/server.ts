// `minsheng receive` as a library: an HTTP server (node:http) that takes sealed reports and fleet
// heartbeats from kiosks per core/reports/upload-protocol.ts and src-shared/fleet-api.ts, and
// stores them in the receiver's SQLite file. Both paths share the limits on body size, request
// rate and connections. In production it listens on loopback behind the county's nginx, which
// terminates TLS.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createLogger } from '../../core/log.js';
import { makeFolder } from '../../core/make-folder.js';
import { MAX_HEARTBEAT_BYTES } from '../../../src-shared/fleet-api.js';
import type { RecipientKey } from '../../core/reports/seal-keys.js';
import { MAX_UPLOAD_BYTES, UPLOAD_HEADERS, UPLOAD_STATUS_CODES } from '../../core/reports/upload-protocol.js';
import { checkHeartbeatBody, checkHeartbeatHeaders } from './check-heartbeat.js';
import { checkUploadBody, checkUploadHeaders } from './check-upload.js';
import { HEARTBEAT_RETENTION_DAYS } from './heartbeat-store.js';
import { createRateLimiter } from './rate-limit.js';
import type { RateLimiter } from './rate-limit.js';
import { loggedHeader, receiveBody, remoteAddressOf, safeLogText } from './request-io.js';
import type { Respond } from './request-io.js';
import { openReceiverStore } from './store.js';
import type { ReceiverStore } from './store.js';

export { safeLogText } from './request-io.js';

const log = createLogger('receiver');

export const DEFAULT_RECEIVER_PORT = 8766;
export const DEFAULT_RECEIVER_PATH = '/reports';
export const DEFAULT_HEARTBEAT_PATH = '/heartbeats';
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
// Old heartbeats are pruned at start and then this often.
const HEARTBEAT_PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface ReceiverOptions {
  /** SQLite file of stored reports; created with its missing folders when absent. */
  dbFile: string;
  /**
   * The commission's public key. The receiver responds 422 to uploads sealed for any other key.
   * Without it the receiver takes heartbeats only and responds 404 on the upload path.
   */
  commissionKey?: RecipientKey;
  /** Previous commission public keys, still accepted for reports sealed before a key change. */
  previousCommissionKeys?: RecipientKey[];
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** TCP port; 0 picks a free one. Default 8766. */
  port?: number;
  /** URL path that takes uploads. Default /reports. */
  path?: string;
  /** URL path that takes fleet heartbeats. Default /heartbeats. */
  heartbeatPath?: string;
  /** Take the client address from nginx's X-Real-IP header instead of the socket. */
  trustProxy?: boolean;
  /** Milliseconds a write waits for a lock held by another connection before the receiver responds 503. */
  busyTimeoutMs?: number;
  /** Connections open at once; further ones are closed at once. Default 256. */
  maxConnections?: number;
  /** Uploads a minute from one client address to each path before the receiver responds 429. Default 120. */
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
  /** Address of the heartbeat path, such as http://127.0.0.1:8766/heartbeats. */
  heartbeatUrl: string;
  /**
   * Stops taking connections, gives requests in progress closeGraceMs to finish, cuts the
   * connections still open, then closes the database.
   */
  close(): Promise<void>;
}

/** Opens the store, starts listening, and resolves once the receiver takes uploads. */
export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const uploadPath = options.path ?? DEFAULT_RECEIVER_PATH;
  const heartbeatPath = options.heartbeatPath ?? DEFAULT_HEARTBEAT_PATH;
  if (heartbeatPath === uploadPath) throw new RangeError(`the heartbeat path ${heartbeatPath} must differ from the upload path`);
  const host = options.host ?? '127.0.0.1';
  await makeFolder(path.dirname(options.dbFile));
  const store = openReceiverStore(options.dbFile, { busyTimeoutMs: options.busyTimeoutMs });
  const perMinute = options.uploadsPerMinute ?? DEFAULT_UPLOADS_PER_MINUTE;
  const now = options.now ?? Date.now;
  const context: RequestContext = {
    path: uploadPath,
    heartbeatPath,
    commissionKeys: options.commissionKey === undefined ? null : [options.commissionKey, ...(options.previousCommissionKeys ?? [])],
    trustProxy: options.trustProxy ?? false,
    store,
    rateLimiters: { reports: createRateLimiter(perMinute, now), heartbeats: createRateLimiter(perMinute, now) },
  };

  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout),
      // How often Node checks the two timeouts above; its default of 30 s would let them overrun.
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
    (request, response) => {
      handleRequest(request, response, context);
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
  const heartbeatUrl = `http://${urlHost}:${port}${heartbeatPath}`;
  pruneOldHeartbeats(store);
  const pruneTimer = setInterval(() => pruneOldHeartbeats(store), HEARTBEAT_PRUNE_INTERVAL_MS);
  pruneTimer.unref();
  const keyIds = context.commissionKeys?.map((key) => key.keyId.toString('hex')) ?? [];
  log.info({ url, heartbeatUrl, dbFile: options.dbFile, takesReports: keyIds.length > 0, keyId: keyIds[0] ?? null, previousKeyIds: keyIds.slice(1), stored: store.count() }, 'receiver started');

  let closing: Promise<void> | null = null;
  return {
    url,
    heartbeatUrl,
    close() {
      clearInterval(pruneTimer);
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

/** Deletes heartbeats past their retention; a failure is logged, and the next prune tries again. */
function pruneOldHeartbeats(store: ReceiverStore): void {
  try {
    const before = new Date(Date.now() - HEARTBEAT_RETENTION_DAYS * 24 * 60 * 60 * 1000).toISOString();
    const pruned = store.pruneHeartbeats(before);
    if (pruned > 0) log.info({ pruned, before }, 'pruned old heartbeats');
  } catch (error) {
    log.error({ err: error }, 'pruning old heartbeats failed');
  }
}

interface RequestContext {
  path: string;
  heartbeatPath: string;
  /** Current key first; null when the receiver was started for heartbeats only. */
  commissionKeys: readonly [RecipientKey, ...RecipientKey[]] | null;
  trustProxy: boolean;
  store: ReceiverStore;
  /** One limit for each path, so a flood of heartbeats cannot hold back reports. */
  rateLimiters: { reports: RateLimiter; heartbeats: RateLimiter };
}

function handleRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext): void {
  const started = { key: loggedHeader(request, UPLOAD_HEADERS.idempotencyKey), terminal: loggedHeader(request, UPLOAD_HEADERS.terminalId) };
  const remoteAddress = remoteAddressOf(request, context.trustProxy);
  const requestPath = (request.url ?? '').split('?')[0] ?? '';

  const respond: Respond = (httpStatus, body, extraHeaders = {}, extraFields = {}) => {
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

  const isReports = requestPath === context.path;
  if (!isReports && requestPath !== context.heartbeatPath) {
    const reason = `no uploads are taken at ${JSON.stringify(requestPath.slice(0, 100))}; send reports to ${context.path} and heartbeats to ${context.heartbeatPath}`;
    respond(404, { status: 'malformed', reason });
    request.resume();
    return;
  }
  if (isReports && context.commissionKeys === null) {
    // 404, not 503, because retrying cannot help: a kiosk keeps the report and logs that its
    // reporting.uploadUrl needs a person.
    const reason = `this receiver takes heartbeats only, because it was started without --commission-key; send reports to a receiver started with the commission's public key`;
    respond(404, { status: 'malformed', reason });
    request.resume();
    return;
  }
  if (request.method !== 'POST') {
    respond(405, { status: 'malformed', reason: `method ${String(request.method)} is not allowed; send uploads with POST` }, { allow: 'POST' });
    request.resume();
    return;
  }

  const rateLimiter = isReports ? context.rateLimiters.reports : context.rateLimiters.heartbeats;
  const retryAfterSeconds = rateLimiter.take(remoteAddress ?? 'unknown');
  if (retryAfterSeconds > 0) {
    const reason = `too many uploads from this address in the last minute; retry in ${retryAfterSeconds} s`;
    respond(UPLOAD_STATUS_CODES['rate-limited'], { status: 'rate-limited', reason }, { 'retry-after': String(retryAfterSeconds), connection: 'close' });
    request.resume();
    return;
  }

  const receivedAt = new Date().toISOString();
  const commissionKeys = context.commissionKeys;
  if (isReports && commissionKeys !== null) {
    receiveBody(request, respond, {
      maxBytes: MAX_UPLOAD_BYTES,
      checkHeaders: (headers) => checkUploadHeaders(headers),
      checkBody: (headers, body) => checkUploadBody(headers, body, commissionKeys),
      store: (checked, body) => context.store.store({ ...checked, envelope: body, remoteAddress, receivedAt }),
    });
  } else {
    receiveBody(request, respond, {
      maxBytes: MAX_HEARTBEAT_BYTES,
      checkHeaders: checkHeartbeatHeaders,
      checkBody: checkHeartbeatBody,
      store: (checked) => context.store.storeHeartbeat({ heartbeat: checked.heartbeat, sha256: checked.sha256, remoteAddress, receivedAt }),
    });
  }
}
