// Helpers of the receiver tests: sealed reports with realistic content, and a raw HTTP client
// that can send any headers, stream a body in chunks, or cut the body off.
import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { generateRecipientKeyPair, parseRecipientKeyPem, parseRecipientPrivateKeyPem, sealReport } from '../../src-main/core/reports/seal.js';
import type { RecipientKey, SealAlgorithm } from '../../src-main/core/reports/seal.js';
import { REPORT_CONTENT_FORMAT } from '../../src-main/core/reports/report-content.js';
import type { ReportContent } from '../../src-main/core/reports/report-content.js';
import { UPLOAD_CONTENT_TYPE, UPLOAD_HEADERS, UploadAnswerSchema } from '../../src-main/core/reports/upload-protocol.js';
import type { UploadAnswer } from '../../src-main/core/reports/upload-protocol.js';
import { makeCaseNumber } from '../../src-shared/case-number.js';

export function commissionKeys(algorithm: SealAlgorithm) {
  const pair = generateRecipientKeyPair(algorithm);
  return {
    ...pair,
    publicKey: parseRecipientKeyPem(pair.publicKeyPem),
    privateKey: parseRecipientPrivateKeyPem(pair.privateKeyPem),
  };
}

let digitSeed = 0;

/** Report content as a kiosk writes it; every call gets another case number unless one is given. */
export function reportContent(overrides: Partial<ReportContent> = {}): ReportContent {
  digitSeed += 1;
  let position = 0;
  const caseNumber = makeCaseNumber(new Date(2026, 4, 12), () => Math.floor(digitSeed / 10 ** position++) % 10);
  return {
    format: REPORT_CONTENT_FORMAT,
    caseNumber,
    filedAt: '2026-05-12T09:30:00.000+08:00',
    terminalId: 'HN-430124-0007',
    terminalName: '灰汤镇便民服务中心',
    category: 'payment-wrong',
    record: { kind: 'payment', id: 'PAY-2024-000123', regionCode: '430124101201', label: '耕地地力保护补贴 2024-03 1,234.50 元' },
    regionCode: '430124101201',
    text: '我家的耕地地力保护补贴比公示少了一百二十元，请核实。',
    phone: '13812345678',
    language: 'zh-CN',
    snapshotVersion: 42,
    ...overrides,
  };
}

export function sealContent(content: ReportContent, recipient: RecipientKey, idempotencyKey: string = randomUUID()) {
  const envelope = sealReport(Buffer.from(JSON.stringify(content), 'utf8'), recipient, idempotencyKey);
  return { envelope, idempotencyKey };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Builds the headers a kiosk sends with `envelope`. Entries of `overrides` replace them, and undefined removes one. */
export function uploadHeaders(envelope: Buffer, idempotencyKey: string, overrides: Record<string, string | undefined> = {}) {
  const headers: Record<string, string | undefined> = {
    'content-type': UPLOAD_CONTENT_TYPE,
    [UPLOAD_HEADERS.idempotencyKey]: idempotencyKey,
    [UPLOAD_HEADERS.contentSha256]: sha256Hex(envelope),
    [UPLOAD_HEADERS.terminalId]: 'HN-430124-0007',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface UploadResult {
  httpStatus: number;
  answer: UploadAnswer;
}

/**
 * POSTs `body` to `url`. With `chunkSize` the body is streamed with chunked transfer encoding;
 * otherwise Content-Length is sent, or `declaredLength` in its place.
 */
export function upload(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  options: { method?: string; chunkSize?: number; declaredLength?: number } = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const requestHeaders: Record<string, string> = { ...headers, connection: 'close' };
    if (options.chunkSize === undefined) requestHeaders['content-length'] = String(options.declaredLength ?? body.length);

    const outgoing = request(url, { method: options.method ?? 'POST', headers: requestHeaders }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          const answer = UploadAnswerSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          resolve({ httpStatus: response.statusCode ?? 0, answer });
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    // The receiver may respond 413 and close while the body is still being sent.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });

    if (options.declaredLength !== undefined && options.declaredLength > body.length) {
      // Send the headers only and wait for the response that comes before any body.
      outgoing.flushHeaders();
      return;
    }
    if (options.chunkSize === undefined) {
      outgoing.end(body);
      return;
    }
    for (let offset = 0; offset < body.length; offset += options.chunkSize) outgoing.write(body.subarray(offset, offset + options.chunkSize));
    outgoing.end();
  });
}

/**
 * Sends the headers and the first `sentBytes` of the body over a raw socket, then closes the
 * connection, as a kiosk losing its network mid-upload does. Resolves with what the receiver sent back.
 */
export function uploadCutOff(url: string, body: Buffer, headers: Record<string, string>, sentBytes: number): Promise<string> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => {
      const lines = [`POST ${target.pathname} HTTP/1.1`, `host: ${target.host}`, `content-length: ${body.length}`];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      socket.end(body.subarray(0, sentBytes));
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(received) : reject(error)));
  });
}
