// The KioskApi over HTTP: GET /api/settings, GET /api/snapshot, POST /api/lookup {idNumber}.
// The lookup body is read up to a small limit and parsed with the shared schema. It is never
// logged, because it contains an ID number.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KIOSK_HTTP_PATHS, LookupRequestSchema } from '../../src-shared/kiosk-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import type { Logger } from '../core/log.js';
import { sendJson, sendJsonError } from './http-responses.js';

// {"idNumber":"..."} is under 100 bytes; 1 KiB leaves room for whitespace and nothing more.
export const MAX_LOOKUP_BODY_BYTES = 1024;

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;

    request.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > limit) {
        rejected = true;
        reject(new BodyTooLargeError(`request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!rejected) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      if (!rejected) reject(error);
    });
  });
}

// Node's server sends no body for a HEAD request, so HEAD runs the GET handler and keeps its
// status and headers, including Content-Length.
function isGetOrHead(request: IncomingMessage): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  sendJsonError(response, 405, 'method-not-allowed', `Use ${allowed} for this path.`, { Allow: allowed });
}

async function handleLookup(api: KioskApi, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    sendJsonError(response, 415, 'unsupported-media-type', 'Send the body as application/json: {"idNumber": "..."}.');
    request.resume();
    return;
  }

  let text: string;
  try {
    text = await readBody(request, MAX_LOOKUP_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Close the connection instead of reading the rest of an oversized body.
    sendJsonError(response, 413, 'body-too-large', `The body must be at most ${MAX_LOOKUP_BODY_BYTES} bytes.`, {
      Connection: 'close',
    });
    return;
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    sendJsonError(response, 400, 'invalid-json', 'The body is not valid JSON; send {"idNumber": "..."}.');
    return;
  }

  const parsed = LookupRequestSchema.safeParse(json);
  if (!parsed.success) {
    sendJsonError(response, 400, 'invalid-request', 'The body must be {"idNumber": "<at most 64 characters>"}.');
    return;
  }

  sendJson(response, 200, await api.lookupHousehold(parsed.data.idNumber));
}

/** Handles a request under /api/; errors thrown by the KioskApi become a logged 500. */
export async function handleApi(
  api: KioskApi,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  log: Logger,
): Promise<void> {
  try {
    if (pathname === KIOSK_HTTP_PATHS.getSettings) {
      if (!isGetOrHead(request)) return methodNotAllowed(response, 'GET, HEAD');
      return sendJson(response, 200, await api.getSettings());
    }

    if (pathname === KIOSK_HTTP_PATHS.getSnapshotInfo) {
      if (!isGetOrHead(request)) return methodNotAllowed(response, 'GET, HEAD');
      return sendJson(response, 200, await api.getSnapshotInfo());
    }

    if (pathname === KIOSK_HTTP_PATHS.lookupHousehold) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return await handleLookup(api, request, response);
    }

    sendJsonError(response, 404, 'not-found', `No API at ${pathname}.`);
  } catch (error) {
    log.error({ err: error, path: pathname }, 'kiosk API call failed');
    if (!response.headersSent) sendJsonError(response, 500, 'internal', 'The kiosk service failed; see the host log.');
    else response.destroy();
  }
}
