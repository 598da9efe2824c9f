// Reads a POST body as JSON within a byte limit and parses it with a schema. When that fails it
// sends the 415, 413 or 400 response itself. The body is never logged: a lookup's body is an ID number.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { sendJsonError } from './http-responses.js';

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;

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
      if (!rejected) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      if (!rejected) reject(error);
    });
  });
}

export interface JsonBodyOptions<T> {
  schema: z.ZodType<T>;
  maxBytes: number;
  /** The expected body, shown in error messages, such as `{"idNumber": "..."}`. */
  example: string;
  /** Whether the 400 message may list the paths and codes of the schema's issues. */
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
    json = JSON.parse(text);
  } catch {
    sendJsonError(response, 400, 'invalid-json', `The body is not valid JSON; send ${options.example}.`);
    return undefined;
  }

  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    // Paths and issue codes only, never the values.
    const issues = options.describeIssues
      ? ` (${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`).join('; ')})`
      : '';
    sendJsonError(response, 400, 'invalid-request', `The body must be ${options.example}${issues}.`);
    return undefined;
  }
  return parsed.data;
}
