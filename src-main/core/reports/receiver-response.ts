// Classifies the county receiver's response to one POST (upload-protocol.ts), for sealed reports
// and fleet heartbeats alike. An entry counts as delivered only on 201 or 200 whose whole body is
// the receiver's JSON answer `stored` or `duplicate`. Every other response (a captive portal's
// page, a cut body) is a failed attempt. Its outcome states whether the other entries in the
// queue would fail the same way now, and what a person must do about it.
import { createHash } from 'node:crypto';
import { redactUrls, urlForLog } from './log-url.js';
import { UPLOAD_STATUS_CODES, UploadAnswerSchema, parseRetryAfterMs } from './upload-protocol.js';
import type { UploadAnswer } from './upload-protocol.js';

/** Maximum response body size read, in bytes. The receiver's JSON answer is under 1 KiB. */
export const MAX_ANSWER_BYTES = 64 * 1024;
// Maximum length of a failure reason stored in a queue and logged.
const MAX_REASON_LENGTH = 300;

// Retrying does not change these receiver responses, so a person has to check the receiver.
const RECEIVER_NEEDS_A_PERSON = new Set([
  UPLOAD_STATUS_CODES.malformed,
  UPLOAD_STATUS_CODES.conflict,
  UPLOAD_STATUS_CODES['too-large'],
]);

/** The config field that sets the receiver's address, and the receiver option that sets its path. */
export interface ReceiverTarget {
  /** Such as `reporting.uploadUrl`. */
  urlSetting: string;
  /** Such as `minsheng receive --path`. */
  pathOption: string;
}

export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | {
      kind: 'failed';
      reason: string;
      // True when the other entries would fail the same way now (receiver down, wrong address).
      stopsRun: boolean;
      // The action a person must take, logged at error level, or null when retrying alone can succeed.
      remedy: string | null;
      // The receiver's Retry-After in milliseconds, when it sent one with 429 or 503.
      retryAfterMs?: number;
      // True when the receiver's JSON answer rejects this entry (malformed, conflict, too large),
      // so sending the same bytes again cannot succeed.
      rejected?: boolean;
    }
  | { kind: 'aborted' };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function shorten(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

export class AnswerTooLarge extends Error {}

/** Reads the whole response body, at most MAX_ANSWER_BYTES. A timeout's abort rejects the read. */
export async function readAnswerBody(response: Response): Promise<Buffer> {
  if (response.body === null) return Buffer.alloc(0);

  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);

    total += value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new AnswerTooLarge();
    }
    chunks.push(Buffer.from(value));
  }
}

/** Parses the receiver's JSON answer, or returns null for any other body. */
function parseAnswer(body: Buffer): UploadAnswer | null {
  try {
    const answer = UploadAnswerSchema.safeParse(JSON.parse(body.toString('utf8')));
    return answer.success ? answer.data : null;
  } catch {
    return null;
  }
}

function describeAnswer(status: number, answer: UploadAnswer | null): string {
  if (answer === null) return `HTTP ${status}`;
  const detail = answer.reason === undefined ? answer.status : `${answer.status}: ${answer.reason}`;
  return `HTTP ${status} ${detail}`;
}

export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  // Node names the URL in some fetch errors, and a URL may carry a password or a query.
  return redactUrls(`${(error as Error).message}${code}`);
}

/** Classifies a complete response. It is delivered only when the body is the protocol's answer for that status. */
export function judgeResponse(response: Response, body: Buffer, now: number, target: ReceiverTarget): AttemptOutcome {
  const status = response.status;
  const answer = parseAnswer(body);
  const reason = shorten(describeAnswer(status, answer));

  if (status === UPLOAD_STATUS_CODES.stored && answer?.status === 'stored') return { kind: 'delivered', status };
  if (status === UPLOAD_STATUS_CODES.duplicate && answer?.status === 'duplicate') return { kind: 'delivered', status };

  if (status >= 200 && status < 300) {
    const remedy =
      'the response body is not the receiver\'s answer, so a proxy or captive portal may have responded in its place; ' +
      `check the network and that ${target.urlSetting} names \`minsheng receive\``;
    return { kind: 'failed', reason: shorten(`${reason} with a body that is not the receiver's answer`), stopsRun: true, remedy };
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    const redirectTarget = location === null ? 'no Location header' : urlForLog(URL.parse(location, response.url)?.href ?? location);
    const remedy = `${target.urlSetting} redirects, and a redirected POST may lose the entry; set it to the address the redirect names`;
    return { kind: 'failed', reason: shorten(`${reason} redirect to ${redirectTarget}`), stopsRun: true, remedy };
  }
  if (status === 404 || status === 405) {
    const remedy = `${target.urlSetting} does not name the receiver's path; check the path that \`${target.pathOption}\` serves`;
    return { kind: 'failed', reason, stopsRun: true, remedy };
  }
  if (status === UPLOAD_STATUS_CODES['wrong-recipient']) {
    const remedy =
      'the receiver does not have the private key this report was sealed for, and the terminal cannot seal it again; ' +
      'start `minsheng receive` with the previous commission public key as another --commission-key after the current one';
    return { kind: 'failed', reason, stopsRun: false, remedy };
  }
  if (RECEIVER_NEEDS_A_PERSON.has(status)) {
    const rejected = answer !== null && UPLOAD_STATUS_CODES[answer.status] === status;
    return { kind: 'failed', reason, stopsRun: false, remedy: 'check the receiver\'s log for this idempotency key', rejected };
  }
  if (status === UPLOAD_STATUS_CODES['rate-limited'] || status === UPLOAD_STATUS_CODES.unavailable) {
    // Every other entry would get the same response, so the run stops. A Retry-After that is
    // missing or unreadable leaves the wait to the queue's backoff alone.
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now);
    return { kind: 'failed', reason, stopsRun: true, remedy: null, ...(retryAfterMs === null ? {} : { retryAfterMs }) };
  }
  // Other 5xx and any other code: the receiver may recover by itself.
  return { kind: 'failed', reason, stopsRun: status >= 500, remedy: null };
}
