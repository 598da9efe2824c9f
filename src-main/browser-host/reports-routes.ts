// The reporting and printing part of the KioskApi over HTTP: one POST path per method in
// REPORTS_HTTP_PATHS, each taking its request as a JSON body parsed with the contract's schema.
// No body is logged, because a report's body contains the villager's text and phone number.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { CaseStatusRequestSchema, PrintRequestSchema, REPORTS_HTTP_PATHS, ReportDraftSchema } from '../../src-shared/reports-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { readJsonBody } from './json-body.js';
import { InvalidDraftError } from '../core/reports/file-report.js';
import { sendJson, sendJsonError } from './http-responses.js';

// A draft is at most 2,000 characters of text plus a 200-character label: under 16 KiB as UTF-8
// even when every character is \u-escaped. 32 KiB leaves room for whitespace.
export const MAX_REPORT_BODY_BYTES = 32 * 1024;
// A statement request carries the whole household with its payments. As JSON, a payment of the
// shape the lookup returns takes about 250 to 330 bytes (measured on generated demo households,
// the longer ones with a long policy basis), so about 1,600 to 2,100 payments fit in 512 KiB.
export const MAX_PRINT_BODY_BYTES = 512 * 1024;
// {"caseNumber": "..."} with at most 64 characters.
export const MAX_CASE_STATUS_BODY_BYTES = 1024;

interface ReportsRoute {
  schema: z.ZodType;
  maxBytes: number;
  example: string;
  call(api: KioskApi, body: never): Promise<unknown>;
}

function route<S extends z.ZodType>(
  schema: S,
  maxBytes: number,
  example: string,
  call: (api: KioskApi, body: z.output<S>) => Promise<unknown>,
): ReportsRoute {
  return { schema, maxBytes, example, call: call as ReportsRoute['call'] };
}

const REPORTS_ROUTES: Record<string, ReportsRoute> = {
  [REPORTS_HTTP_PATHS.fileReport]: route(
    ReportDraftSchema,
    MAX_REPORT_BODY_BYTES,
    'a ReportDraft: {"category", "record", "regionCode", "text", "phone", "consent": true, "language"}',
    (api, body) => api.fileReport(body),
  ),
  [REPORTS_HTTP_PATHS.getCaseStatus]: route(
    CaseStatusRequestSchema,
    MAX_CASE_STATUS_BODY_BYTES,
    '{"caseNumber": "<the 14 digits on the receipt>"}',
    (api, body) => api.getCaseStatus(body),
  ),
  [REPORTS_HTTP_PATHS.print]: route(
    PrintRequestSchema,
    MAX_PRINT_BODY_BYTES,
    'a PrintRequest: {"document": "statement" | "receipt" | "test", "language", ...}',
    (api, body) => api.print(body),
  ),
};

export function isReportsPath(pathname: string): boolean {
  return Object.hasOwn(REPORTS_ROUTES, pathname);
}

/** Handles a POST to one of REPORTS_HTTP_PATHS; the caller has checked the path and method. */
export async function handleReportsCall(api: KioskApi, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  const reportsRoute = REPORTS_ROUTES[pathname]!;
  const body = await readJsonBody(request, response, {
    schema: reportsRoute.schema,
    maxBytes: reportsRoute.maxBytes,
    example: reportsRoute.example,
    // Zod's issue messages name the path and the allowed form, never the villager's text.
    describeIssues: true,
  });
  if (body === undefined) return;

  let result: unknown;
  try {
    result = await reportsRoute.call(api, body as never);
  } catch (error) {
    // A draft that passes the schema can still name a foreign region or contain no visible text.
    if (!(error instanceof InvalidDraftError)) throw error;
    sendJsonError(response, 400, 'invalid-request', error.message);
    return;
  }
  sendJson(response, 200, result);
}
