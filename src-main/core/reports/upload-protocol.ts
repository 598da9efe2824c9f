// How a kiosk hands a sealed report to the county's receiver (`minsheng receive`). One POST to
// the configured reporting.uploadUrl per report; the body is the sealed envelope (seal.ts)
// byte for byte, so the receiver stores what the kiosk stored. The idempotency key makes a
// retry harmless: the receiver stores a key once and answers a repeat as a duplicate, so a
// kiosk that lost the answer to a crash or a cut cable simply sends again.
import { z } from 'zod';

export const UPLOAD_HEADERS = {
  /** The envelope's idempotency key again; the receiver rejects a body whose own key differs. */
  idempotencyKey: 'idempotency-key',
  /** Lower-case hex SHA-256 of the body, so a body cut or changed in transit is rejected. */
  contentSha256: 'x-content-sha256',
  /** The terminal's ID from its config, for the case handlers' records. */
  terminalId: 'x-minsheng-terminal',
} as const;

export const UPLOAD_CONTENT_TYPE = 'application/vnd.minsheng.sealed-report';

/** Largest body the receiver reads: the sealed form of a report of the largest plaintext. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 + 4096;

/**
 * Answers of the receiver, by HTTP status:
 * - 201 stored: a new report;
 * - 200 duplicate: this key was stored before with the same body;
 * - 400 malformed: not an envelope, or the headers disagree with it;
 * - 409 conflict: this key was stored before with a different body;
 * - 413 too large;
 * - 422 wrong-recipient: sealed for a key other than the commission's current one;
 * - 429 rate-limited: this client address sent more uploads in the last minute than the
 *   receiver takes; the Retry-After header gives the seconds to wait;
 * - 503 unavailable: the receiver cannot store now (disk full, database locked).
 * A kiosk marks a report delivered on 200 or 201 only. It retries every other answer with
 * backoff and keeps the report meanwhile, because it cannot re-seal one and must not lose one.
 */
export const UploadAnswerSchema = z.object({
  status: z.enum(['stored', 'duplicate', 'malformed', 'conflict', 'too-large', 'wrong-recipient', 'unavailable', 'rate-limited']),
  // ISO date-time the receiver first stored the key; present for stored and duplicate.
  receivedAt: z.string().optional(),
  // A plain English reason for logs; never a report's content.
  reason: z.string().max(500).optional(),
});
export type UploadAnswer = z.infer<typeof UploadAnswerSchema>;

export const UPLOAD_STATUS_CODES: Record<UploadAnswer['status'], number> = {
  stored: 201,
  duplicate: 200,
  malformed: 400,
  conflict: 409,
  'too-large': 413,
  'wrong-recipient': 422,
  unavailable: 503,
  'rate-limited': 429,
};
