// Upload protocol between a kiosk and the county's receiver (`minsheng receive`). A kiosk sends
// one POST per report to the configured reporting.uploadUrl. The body is the sealed envelope
// (seal.ts) byte for byte, so the receiver stores what the kiosk stored. The idempotency key
// makes a retry harmless: the receiver stores a key once and responds to a repeat with
// `duplicate`. So a kiosk that lost the response to a crash or a cut cable sends the report again.
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

/** Maximum body size in bytes that the receiver reads: a sealed report of the maximum plaintext size. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 + 4096;

/**
 * Receiver responses, by HTTP status:
 * - 201 stored: a new report;
 * - 200 duplicate: this key was stored before with the same body;
 * - 400 malformed: not an envelope, or the headers disagree with it;
 * - 409 conflict: this key was stored before with a different body;
 * - 413 too large;
 * - 422 wrong-recipient: sealed for a key other than the commission's current one;
 * - 429 rate-limited: this client address sent more uploads in the last minute than the
 *   receiver allows, and the Retry-After header gives the seconds to wait;
 * - 503 unavailable: the receiver cannot store now (disk full, database locked).
 * A kiosk marks a report delivered on 200 or 201 only. It retries after every other response
 * with backoff and keeps the report meanwhile, because it cannot re-seal a report and must not lose one.
 * After a 429 or 503 it sends nothing until the Retry-After has passed, if the response has one.
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

/** Maximum wait that a Retry-After header imposes on a kiosk. A longer value is cut to this. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The three HTTP-date forms that RFC 9110 requires a recipient to accept, each read as
// [day, month, year, hour, minute, second]. They are IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT",
// the obsolete RFC 850 form "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994".
type DateParts = [day: string, month: string, year: string, hour: string, minute: string, second: string];

const HTTP_DATE_FORMS: { pattern: RegExp; read: (match: RegExpExecArray) => DateParts }[] = [
  {
    pattern: /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/,
    read: (match) => match.slice(1, 7) as DateParts,
  },
  {
    pattern: /^[A-Z][a-z]{5,8}, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/,
    read: (match) => match.slice(1, 7) as DateParts,
  },
  {
    pattern: /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/,
    read: (match) => [match[2]!.trim(), match[1]!, match[6]!, match[3]!, match[4]!, match[5]!],
  },
];

/** Reads an HTTP-date into milliseconds since the epoch, or null when it is no such date. */
function parseHttpDate(value: string, now: number): number | null {
  for (const form of HTTP_DATE_FORMS) {
    const match = form.pattern.exec(value);
    if (match === null) continue;

    const [day, monthName, yearText, hour, minute, second] = form.read(match);
    const month = MONTHS.indexOf(monthName);
    let year = Number(yearText);
    if (yearText.length === 2) {
      // RFC 9110: a two-digit year more than 50 years ahead of now means the previous century.
      const nowYear = new Date(now).getUTCFullYear();
      year += Math.floor(nowYear / 100) * 100;
      if (year > nowYear + 50) year -= 100;
    }

    const time = Date.UTC(year, month, Number(day), Number(hour), Number(minute), Number(second));
    const parsed = new Date(time);
    // Date.UTC rolls 31 Feb over into March, so a date that does not read back is invalid.
    const readsBack =
      month >= 0 && parsed.getUTCDate() === Number(day) && parsed.getUTCMonth() === month && parsed.getUTCHours() === Number(hour);
    return readsBack && Number(minute) < 60 && Number(second) < 61 ? time : null;
  }
  return null;
}

/**
 * Reads a Retry-After header value (RFC 9110): whole seconds to wait, or an HTTP-date to wait
 * until. Returns the wait from `now` in milliseconds, cut to MAX_RETRY_AFTER_MS and 0 for a date
 * already past, or null when the header is missing or in neither form.
 */
export function parseRetryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();

  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);

  const until = parseHttpDate(text, now);
  if (until === null) return null;
  return Math.min(Math.max(until - now, 0), MAX_RETRY_AFTER_MS);
}
