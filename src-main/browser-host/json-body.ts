// Reads a POST body as JSON within a byte limit and parses it with a schema. When that fails it
// sends the 415, 413 or 400 response itself. The body is never logged: a lookup's body is an ID number.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { sendJsonError } from './http-responses.js';

class BodyTooLargeError extends Error {}

/**
 * The client closed the connection before its request body arrived whole, for example a
 * browser that navigated away. Nothing on the kiosk failed, and no response can be sent.
 */
export class ClientAbortError extends Error {
  override name = 'ClientAbortError';
}

// A UTF-8 byte order mark, which some clients write before a JSON body and JSON.parse rejects.
const BYTE_ORDER_MARK = '\uFEFF';

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    let ended = false;

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
      ended = true;
      if (!rejected) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // Node reports an aborted upload as an 'error' named "aborted" with code ECONNRESET, and
    // 'close' without 'end' covers a connection that closes without that error.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (rejected) return;
      rejected = true;
      reject(isAbort(error) ? new ClientAbortError('the client closed the connection before the request body arrived') : error);
    });
    request.on('close', () => {
      if (rejected || ended) return;
      rejected = true;
      reject(new ClientAbortError('the client closed the connection before the request body arrived'));
    });
  });
}

function isAbort(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.message === 'aborted';
}

/** Builds "path: message" for each issue. Zod's messages name the allowed range, values or form and never the input. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`).join('; ');
}

export interface JsonBodyOptions<T> {
  schema: z.ZodType<T>;
  maxBytes: number;
  /** The expected body, shown in error messages, such as `{"idNumber": "..."}`. */
  example: string;
  /** Whether the 400 message may list the schema's issues: each path with the allowed range, values or form. */
  describeIssues?: boolean;
}

/** Returns the parsed body, or undefined after sending the error response. */
export async function readJsonBody<T>(request: IncomingMessage, response: ServerResponse, options: JsonBodyOptions<T>): Promise<T | undefined> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    sendJsonError(response, 415, 'unsupported-media-type', `Send the body as application/json: ${options.example}.`);
    request.resume();
    return undefined;
  }

  let text: string;
  try {
    text = await readBody(request, options.maxBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Close the connection instead of reading the rest of an oversized body.
    sendJsonError(response, 413, 'body-too-large', `The body must be at most ${options.maxBytes} bytes.`, {
      Connection: 'close',
    });
    return undefined;
  }

  let json: unknown;
  try {
    json = JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text);
  } catch {
    sendJsonError(response, 400, 'invalid-json', `The body is not valid JSON; send ${options.example}.`);
    return undefined;
  }

  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const issues = options.describeIssues ? ` (${describeIssues(parsed.error.issues)})` : '';
    sendJsonError(response, 400, 'invalid-request', `The body must be ${options.example}${issues}.`);
    return undefined;
  }
  return parsed.data;
}
