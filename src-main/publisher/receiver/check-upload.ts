// Checks of one upload's headers and body against the upload protocol, before anything is
// stored. The receiver has only the commission's public keys, so it checks the envelope's
// structure and recipient but never decrypts it.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeEnvelope } from '../../core/reports/seal-envelope.js';
import { SealError } from '../../core/reports/seal-error.js';
import type { RecipientKey } from '../../core/reports/seal-keys.js';
import { UPLOAD_CONTENT_TYPE, UPLOAD_HEADERS } from '../../core/reports/upload-protocol.js';
import type { UploadAnswer } from '../../core/reports/upload-protocol.js';

/** Maximum length of the terminal ID header. Terminal IDs in configs are short codes. */
export const MAX_TERMINAL_ID_LENGTH = 128;

const SHA256_HEX = /^[0-9a-f]{64}$/;
// Visible ASCII only, so a header cannot smuggle control characters into the CSV or the log.
const TERMINAL_ID = /^[\x21-\x7e]+$/;

export interface RejectedUpload {
  ok: false;
  status: UploadAnswer['status'];
  reason: string;
}

export type CheckedUpload = { ok: true; idempotencyKey: string; sha256: string; terminalId: string | null } | RejectedUpload;

export function rejected(status: UploadAnswer['status'], reason: string): RejectedUpload {
  return { ok: false, status, reason };
}

export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Returns the media type of a Content-Type header without parameters, in lower case. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Checks the headers that can be judged before the body is read. `expectedType` is the content
 * type of the path: a sealed report by default, or a fleet heartbeat.
 */
export function checkUploadHeaders(headers: IncomingHttpHeaders, expectedType: string = UPLOAD_CONTENT_TYPE): RejectedUpload | null {
  const contentType = mediaType(headers['content-type']);
  if (contentType !== expectedType) {
    return rejected('malformed', `content type ${JSON.stringify(contentType)} is not accepted; send ${expectedType}`);
  }

  if (singleHeader(headers, UPLOAD_HEADERS.idempotencyKey) === undefined) {
    return rejected('malformed', `the ${UPLOAD_HEADERS.idempotencyKey} header is missing; send the body's idempotency key`);
  }

  const sha256 = singleHeader(headers, UPLOAD_HEADERS.contentSha256);
  if (sha256 === undefined || !SHA256_HEX.test(sha256)) {
    const description = sha256 === undefined ? 'missing' : `invalid (${JSON.stringify(sha256.slice(0, 80))})`;
    return rejected('malformed', `the ${UPLOAD_HEADERS.contentSha256} header is ${description}; send 64 lower-case hex digits of the body's SHA-256`);
  }

  const terminalId = singleHeader(headers, UPLOAD_HEADERS.terminalId);
  if (terminalId !== undefined && (terminalId.length > MAX_TERMINAL_ID_LENGTH || !TERMINAL_ID.test(terminalId))) {
    const reason =
      `the ${UPLOAD_HEADERS.terminalId} header ${JSON.stringify(terminalId.slice(0, 40))} is invalid; ` +
      `send 1 to ${MAX_TERMINAL_ID_LENGTH} visible ASCII characters`;
    return rejected('malformed', reason);
  }
  return null;
}

/** Compares the body's SHA-256 with the header, which checkUploadHeaders found well formed. */
export function checkBodyDigest(headers: IncomingHttpHeaders, body: Buffer): { ok: true; sha256: string } | RejectedUpload {
  const declaredSha256 = singleHeader(headers, UPLOAD_HEADERS.contentSha256)!;
  const sha256 = createHash('sha256').update(body).digest('hex');
  if (sha256 !== declaredSha256) {
    return rejected('malformed', `the body's SHA-256 is ${sha256}, but the header says ${declaredSha256}; the body was cut or changed in transit, so send it again`);
  }
  return { ok: true, sha256 };
}

/**
 * Checks a complete body against the headers and the commission's public keys: the current one
 * first, then previous ones still accepted for reports that waited in kiosk outboxes across a
 * key change.
 */
export function checkUploadBody(headers: IncomingHttpHeaders, body: Buffer, commissionKeys: readonly [RecipientKey, ...RecipientKey[]]): CheckedUpload {
  const headerProblem = checkUploadHeaders(headers);
  if (headerProblem !== null) return headerProblem;

  const digest = checkBodyDigest(headers, body);
  if (!digest.ok) return digest;
  const { sha256 } = digest;

  let envelope;
  try {
    envelope = decodeEnvelope(body);
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    return rejected('malformed', `the body is not a sealed report (${error.code}): ${error.message}`);
  }

  const idempotencyKey = singleHeader(headers, UPLOAD_HEADERS.idempotencyKey)!;
  if (idempotencyKey !== envelope.idempotencyKey) {
    return rejected('malformed', `the ${UPLOAD_HEADERS.idempotencyKey} header differs from the envelope's key ${JSON.stringify(envelope.idempotencyKey)}; send the envelope's key`);
  }

  const accepted = commissionKeys.some((key) => envelope.algorithm === key.algorithm && envelope.recipientKeyId.equals(key.keyId));
  if (!accepted) {
    const current = commissionKeys[0];
    const reason =
      `the report is sealed for ${envelope.algorithm} key ${envelope.recipientKeyId.toString('hex')}, ` +
      `but the receiver accepts ${commissionKeys.length === 1 ? 'only' : 'the current'} ${current.algorithm} key ${current.keyId.toString('hex')}` +
      `${commissionKeys.length === 1 ? '' : ` and ${commissionKeys.length - 1} previous keys`}; ` +
      `a kiosk cannot seal a stored report again, so start the receiver with that key as another --commission-key`;
    return rejected('wrong-recipient', reason);
  }

  const terminalId = singleHeader(headers, UPLOAD_HEADERS.terminalId) ?? null;
  return { ok: true, idempotencyKey, sha256, terminalId };
}
