// The KioskApi over HTTP: GET /api/settings, GET /api/snapshot, GET /api/emergency-notices,
// POST /api/lookup {idNumber}, and a POST per board method (board-routes.ts) and per reporting
// method (reports-routes.ts).
// The AdminApi has a POST per method under /api/admin/ (admin-routes.ts).
// Each body is read up to a small limit and parsed with the shared schema. No body is logged,
// because a lookup body contains an ID number.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KIOSK_HTTP_PATHS, LookupRequestSchema } from '../../src-shared/kiosk-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { UNCONFIGURED_ADMIN_API } from '../core/admin/admin-service.js';
import type { Logger } from '../core/log.js';
import { handleAdminCall, isAdminPath } from './admin-routes.js';
import { handleBoardCall, isBoardPath } from './board-routes.js';
import { sendJson, sendJsonError } from './http-responses.js';
import { ClientAbortError, readJsonBody } from './json-body.js';
import { handleReportsCall, isReportsPath } from './reports-routes.js';

// {"idNumber":"..."} is under 100 bytes; 1 KiB leaves room for whitespace and nothing more.
export const MAX_LOOKUP_BODY_BYTES = 1024;

// Node's server sends no body for a HEAD request, so HEAD runs the GET handler and keeps its
// status and headers, including Content-Length.
function isGetOrHead(request: IncomingMessage): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

function methodNotAllowed(response: ServerResponse, allowed: string): void {
  sendJsonError(response, 405, 'method-not-allowed', `Use ${allowed} for this path.`, { Allow: allowed });
}

async function handleLookup(api: KioskApi, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJsonBody(request, response, {
    schema: LookupRequestSchema,
    maxBytes: MAX_LOOKUP_BODY_BYTES,
    example: '{"idNumber": "<at most 64 characters>"}',
  });
  if (body === undefined) return;

  sendJson(response, 200, await api.lookupHousehold(body.idNumber));
}

/**
 * Handles a request under /api/; errors thrown by the KioskApi or AdminApi become a logged 500. A
 * client that closes its request early is logged as one info line without a stack. Without an
 * AdminApi, the admin paths respond as for a terminal with no admin screen.
 */
export async function handleApi(
  api: KioskApi,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  log: Logger,
  adminApi: AdminApi = UNCONFIGURED_ADMIN_API,
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

    if (pathname === KIOSK_HTTP_PATHS.getEmergencyNotices) {
      if (!isGetOrHead(request)) return methodNotAllowed(response, 'GET, HEAD');
      return sendJson(response, 200, await api.getEmergencyNotices());
    }

    if (pathname === KIOSK_HTTP_PATHS.lookupHousehold) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return await handleLookup(api, request, response);
    }

    if (isBoardPath(pathname)) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return await handleBoardCall(api, request, response, pathname);
    }

    if (isReportsPath(pathname)) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return await handleReportsCall(api, request, response, pathname);
    }

    if (isAdminPath(pathname)) {
      if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
      return await handleAdminCall(adminApi, request, response, pathname);
    }

    sendJsonError(response, 404, 'not-found', `No API at ${pathname}.`);
  } catch (error) {
    if (error instanceof ClientAbortError) {
      log.info({ path: pathname }, 'client closed the connection before sending the whole request body');
      response.destroy();
      return;
    }

    log.error({ err: error, path: pathname }, 'kiosk API call failed');
    if (!response.headersSent) sendJsonError(response, 500, 'internal', 'The kiosk service failed; see the host log.');
    else response.destroy();
  }
}
