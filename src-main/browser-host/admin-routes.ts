// The AdminApi over HTTP: one POST path per method in ADMIN_HTTP_PATHS, each taking its request
// as a JSON body parsed with the contract's schema. No body is logged, because the unlock body
// is the admin PIN and the others carry the session token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ADMIN_HTTP_PATHS,
  AdminActionRequestSchema,
  AdminTokenRequestSchema,
  AdminUnlockRequestSchema,
} from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { readJsonBody } from './json-body.js';
import { jsonRouteMaker } from './json-route.js';
import type { JsonRoute } from './json-route.js';
import { sendJson } from './http-responses.js';

// The largest body, an action with its token, is under 250 bytes; 1 KiB leaves room for whitespace.
export const MAX_ADMIN_BODY_BYTES = 1024;

const route = jsonRouteMaker<AdminApi>();

const ADMIN_ROUTES: Record<string, JsonRoute<AdminApi>> = {
  [ADMIN_HTTP_PATHS.adminUnlock]: route(AdminUnlockRequestSchema, '{"pin": "<the admin PIN>"}', (api, body) => api.adminUnlock(body)),
  [ADMIN_HTTP_PATHS.adminDiagnostics]: route(AdminTokenRequestSchema, '{"token": "<the session token>"}', (api, body) =>
    api.adminDiagnostics(body),
  ),
  [ADMIN_HTTP_PATHS.adminAction]: route(
    AdminActionRequestSchema,
    '{"token": "<the session token>", "action": "sync-now" | "network-check" | "test-print" | "import-usb" | "export-logs" | "exit-to-desktop"}',
    (api, body) => api.adminAction(body),
  ),
  [ADMIN_HTTP_PATHS.adminTouch]: route(AdminTokenRequestSchema, '{"token": "<the session token>"}', (api, body) => api.adminTouch(body)),
  [ADMIN_HTTP_PATHS.adminLock]: route(AdminTokenRequestSchema, '{"token": "<the session token>"}', (api, body) => api.adminLock(body)),
};

export function isAdminPath(pathname: string): boolean {
  return Object.hasOwn(ADMIN_ROUTES, pathname);
}

/**
 * Handles a POST to one of ADMIN_HTTP_PATHS; the caller has checked the path and method. A body
 * that fails the schema gets a 400. The lock returns nothing, so its response is a 204.
 */
export async function handleAdminCall(api: AdminApi, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  const adminRoute = ADMIN_ROUTES[pathname]!;
  const body = await readJsonBody(request, response, {
    schema: adminRoute.schema,
    maxBytes: MAX_ADMIN_BODY_BYTES,
    example: adminRoute.example,
    // Zod's issue messages name the path and the allowed form, never the PIN or token sent.
    describeIssues: true,
  });
  if (body === undefined) return;

  const result = await adminRoute.call(api, body as never);
  if (result === undefined) {
    response.writeHead(204, { 'Cache-Control': 'no-store' });
    response.end();
    return;
  }
  sendJson(response, 200, result);
}
