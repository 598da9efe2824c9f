// Checks of one fleet heartbeat POST before it is stored: the headers as for a report upload
// (content type, idempotency key, body digest, terminal ID), then the body against
// FleetHeartbeatSchema, and the headers against the body.
import type { IncomingHttpHeaders } from 'node:http';
import { FleetHeartbeatSchema, HEARTBEAT_CONTENT_TYPE } from '../../../src-shared/fleet-api.js';
import type { FleetHeartbeat } from '../../../src-shared/fleet-api.js';
import { UPLOAD_HEADERS } from '../../core/reports/upload-protocol.js';
import { checkBodyDigest, checkUploadHeaders, rejected, singleHeader } from './check-upload.js';
import type { RejectedUpload } from './check-upload.js';

export type CheckedHeartbeat = { ok: true; heartbeat: FleetHeartbeat; idempotencyKey: string; sha256: string } | RejectedUpload;

// Schema problems named in a rejection; the rest are counted.
const MAX_LISTED_ISSUES = 3;

/** Checks the headers that can be judged before the body is read. */
export function checkHeartbeatHeaders(headers: IncomingHttpHeaders): RejectedUpload | null {
  return checkUploadHeaders(headers, HEARTBEAT_CONTENT_TYPE);
}

/** Checks a complete heartbeat body against the schema and the headers. */
export function checkHeartbeatBody(headers: IncomingHttpHeaders, body: Buffer): CheckedHeartbeat {
  const headerProblem = checkHeartbeatHeaders(headers);
  if (headerProblem !== null) return headerProblem;

  const digest = checkBodyDigest(headers, body);
  if (!digest.ok) return digest;

  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return rejected('malformed', `the body is not JSON: ${(error as Error).message}`);
  }
  const parsed = FleetHeartbeatSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    const more = issues.length > MAX_LISTED_ISSUES ? ` and ${issues.length - MAX_LISTED_ISSUES} more` : '';
    return rejected('malformed', `the body is not a fleet heartbeat: ${issues.slice(0, MAX_LISTED_ISSUES).join('; ')}${more}`);
  }
  const heartbeat = parsed.data;

  const idempotencyKey = singleHeader(headers, UPLOAD_HEADERS.idempotencyKey);
  if (idempotencyKey !== heartbeat.id) {
    return rejected('malformed', `the ${UPLOAD_HEADERS.idempotencyKey} header differs from the heartbeat's id ${heartbeat.id}; send the id`);
  }
  const terminalId = singleHeader(headers, UPLOAD_HEADERS.terminalId);
  if (terminalId !== undefined && terminalId !== heartbeat.terminalId) {
    return rejected('malformed', `the ${UPLOAD_HEADERS.terminalId} header differs from the heartbeat's terminalId ${heartbeat.terminalId}`);
  }
  return { ok: true, heartbeat, idempotencyKey: heartbeat.id, sha256: digest.sha256 };
}
