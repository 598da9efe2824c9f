// The boards' part of the KioskApi over HTTP: one POST path per method in BOARDS_HTTP_PATHS,
// each taking its request as a JSON body parsed with the contract's schema.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  BOARDS_HTTP_PATHS,
  DocumentRequestSchema,
  FacetsRequestSchema,
  FinanceSummaryRequestSchema,
  ListRequestSchema,
  RecordRequestSchema,
  SearchRequestSchema,
  SuggestRequestSchema,
} from '../../src-shared/boards-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { BoardRequestError } from '../core/boards/request-error.js';
import { readJsonBody } from './json-body.js';
import { jsonRouteMaker } from './json-route.js';
import type { JsonRoute } from './json-route.js';
import { sendJson, sendJsonError } from './http-responses.js';

// The largest request, a list with every filter, is about 300 bytes; 4 KiB leaves room for
// whitespace and nothing more.
export const MAX_BOARD_BODY_BYTES = 4096;

const route = jsonRouteMaker<KioskApi>();

const BOARD_ROUTES: Record<string, JsonRoute<KioskApi>> = {
  [BOARDS_HTTP_PATHS.getRegions]: route(z.object({}).strict(), '{}', (api) => api.getRegions()),
  [BOARDS_HTTP_PATHS.listRecords]: route(
    ListRequestSchema,
    'a ListRequest: {"kind", "regionCode", "filters", "offset", "limit"}',
    (api, body) => api.listRecords(body),
  ),
  [BOARDS_HTTP_PATHS.getFacets]: route(FacetsRequestSchema, 'a FacetsRequest: {"kind", "regionCode"}', (api, body) => api.getFacets(body)),
  [BOARDS_HTTP_PATHS.getRecord]: route(RecordRequestSchema, 'a RecordRequest: {"kind", "id"}', (api, body) => api.getRecord(body)),
  [BOARDS_HTTP_PATHS.getFinanceSummary]: route(
    FinanceSummaryRequestSchema,
    'a FinanceSummaryRequest: {"regionCode", "year"}',
    (api, body) => api.getFinanceSummary(body),
  ),
  [BOARDS_HTTP_PATHS.search]: route(SearchRequestSchema, 'a SearchRequest: {"query", "regionCode"}', (api, body) => api.search(body)),
  [BOARDS_HTTP_PATHS.suggestTerms]: route(
    SuggestRequestSchema,
    'a SuggestRequest: {"pinyin": "<lower-case letters>", "regionCode"}',
    (api, body) => api.suggestTerms(body),
  ),
  [BOARDS_HTTP_PATHS.getDocument]: route(DocumentRequestSchema, '{"name": "<file name>"}', (api, body) => api.getDocument(body.name)),
};

export function isBoardPath(pathname: string): boolean {
  return Object.hasOwn(BOARD_ROUTES, pathname);
}

/**
 * Handles a POST to one of BOARDS_HTTP_PATHS; the caller has checked the path and method. A
 * request that does not fit the installed snapshot, such as a region code it does not have,
 * gets a 400 with the BoardRequestError's message.
 */
export async function handleBoardCall(api: KioskApi, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  const boardRoute = BOARD_ROUTES[pathname]!;
  const body = await readJsonBody(request, response, {
    schema: boardRoute.schema,
    maxBytes: MAX_BOARD_BODY_BYTES,
    example: boardRoute.example,
    describeIssues: true,
  });
  if (body === undefined) return;

  let result: unknown;
  try {
    result = await boardRoute.call(api, body as never);
  } catch (error) {
    if (!(error instanceof BoardRequestError)) throw error;
    sendJsonError(response, 400, error.problem, error.message);
    return;
  }
  sendJson(response, 200, result);
}
