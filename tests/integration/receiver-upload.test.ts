// The receiver over real HTTP on 127.0.0.1 with a real SQLite file: every status of the upload
// protocol, deduplication under concurrency, bodies cut off or too large, and a restart.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../../src-main/core/log.js';
import { MAX_UPLOAD_BYTES, UPLOAD_HEADERS } from '../../src-main/core/reports/upload-protocol.js';
import { startReceiver } from '../../src-main/publisher/receiver/server.js';
import type { ReceiverOptions, RunningReceiver } from '../../src-main/publisher/receiver/server.js';
import type { ReportRow } from '../../src-main/publisher/receiver/store.js';
import { makeTempDir } from '../helpers/temp.js';
import { commissionKeys, reportContent, sealContent, sha256Hex, upload, uploadCutOff, uploadHeaders } from './receiver-client.js';

const temp = makeTempDir('minsheng-receiver-');
afterAll(() => temp.remove());

const commission = commissionKeys('x25519');
const running: RunningReceiver[] = [];
let dbCounter = 0;

afterEach(async () => {
  await Promise.all(running.splice(0).map((receiver) => receiver.close()));
});

function newDbFile(): string {
  dbCounter += 1;
  return path.join(temp.dir, `reports-${dbCounter}.sqlite`);
}

async function receiver(options: Partial<ReceiverOptions> = {}): Promise<RunningReceiver & { dbFile: string }> {
  const dbFile = options.dbFile ?? newDbFile();
  const started = await startReceiver({ dbFile, commissionKey: commission.publicKey, port: 0, ...options });
  running.push(started);
  return { ...started, dbFile };
}

function storedRows(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT idempotency_key, envelope, sha256, terminal_id, remote_address, received_at FROM reports').all() as ReportRow[];
  } finally {
    db.close();
  }
}

describe('receiver accepting uploads', () => {
  it('stores a new report with 201', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const result = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));

    expect(result.httpStatus).toBe(201);
    expect(result.answer.status).toBe('stored');
    const rows = storedRows(dbFile);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idempotency_key).toBe(idempotencyKey);
    expect(rows[0]!.envelope.equals(envelope)).toBe(true);
    expect(rows[0]!.sha256).toBe(sha256Hex(envelope));
    expect(rows[0]!.terminal_id).toBe('HN-430124-0007');
    expect(rows[0]!.remote_address).toBe('127.0.0.1');
    expect(rows[0]!.received_at).toBe(result.answer.receivedAt);
  });

  it('responds 200 and the first time to a repeat', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const first = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));
    const second = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));

    expect(second.httpStatus).toBe(200);
    expect(second.answer.status).toBe('duplicate');
    expect(second.answer.receivedAt).toBe(first.answer.receivedAt);
    expect(storedRows(dbFile)).toHaveLength(1);
  });

  it('responds 409 to a reused key with another body', async () => {
    const { url, dbFile } = await receiver();
    const key = randomUUID();
    const first = sealContent(reportContent(), commission.publicKey, key);
    const other = sealContent(reportContent({ text: '另一份内容' }), commission.publicKey, key);

    await upload(url, first.envelope, uploadHeaders(first.envelope, key));
    const result = await upload(url, other.envelope, uploadHeaders(other.envelope, key));

    expect(result.httpStatus).toBe(409);
    expect(result.answer.status).toBe('conflict');
    const rows = storedRows(dbFile);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.envelope.equals(first.envelope)).toBe(true);
  });

  it('stores one copy of concurrent uploads of one key', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const results = await Promise.all(Array.from({ length: 25 }, () => upload(url, envelope, uploadHeaders(envelope, idempotencyKey))));

    const statuses = results.map((result) => result.httpStatus).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(24);
    const receivedAt = new Set(results.map((result) => result.answer.receivedAt));
    expect(receivedAt.size).toBe(1);
    expect(storedRows(dbFile)).toHaveLength(1);
  });

  it('keeps stored reports across a restart', async () => {
    const first = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
    const stored = await upload(first.url, envelope, uploadHeaders(envelope, idempotencyKey));
    await first.close();

    const second = await receiver({ dbFile: first.dbFile });
    const repeat = await upload(second.url, envelope, uploadHeaders(envelope, idempotencyKey));

    expect(repeat.httpStatus).toBe(200);
    expect(repeat.answer.receivedAt).toBe(stored.answer.receivedAt);
    expect(storedRows(first.dbFile)).toHaveLength(1);
  });

  it('stores reports sealed with SM2 for an SM2 commission key', async () => {
    const sm2 = commissionKeys('sm2');
    const { url } = await receiver({ commissionKey: sm2.publicKey });
    const { envelope, idempotencyKey } = sealContent(reportContent(), sm2.publicKey);

    const result = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));

    expect(result.httpStatus).toBe(201);
  });
});

describe('receiver rejecting uploads', () => {
  it('responds 422 to a report for another key', async () => {
    const { url, dbFile } = await receiver();
    const otherKeys = [commissionKeys('x25519').publicKey, commissionKeys('sm2').publicKey];

    for (const otherKey of otherKeys) {
      const { envelope, idempotencyKey } = sealContent(reportContent(), otherKey);
      const result = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));

      expect(result.httpStatus, otherKey.algorithm).toBe(422);
      expect(result.answer.status).toBe('wrong-recipient');
      expect(result.answer.reason).toContain(commission.publicKey.keyId.toString('hex'));
    }
    expect(storedRows(dbFile)).toHaveLength(0);
  });

  it('responds 400 to a wrong SHA-256 header', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
    const changed = Buffer.from(envelope);
    changed.writeUInt8(changed.readUInt8(changed.length - 1) ^ 0x01, changed.length - 1);

    const result = await upload(url, changed, uploadHeaders(envelope, idempotencyKey));

    expect(result.httpStatus).toBe(400);
    expect(result.answer.status).toBe('malformed');
    expect(result.answer.reason).toContain('SHA-256');
    expect(storedRows(dbFile)).toHaveLength(0);
  });

  it('responds 400 to a truncated envelope', async () => {
    const { url } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
    const truncated = envelope.subarray(0, envelope.length - 10);

    const result = await upload(url, truncated, uploadHeaders(truncated, idempotencyKey));

    expect(result.httpStatus).toBe(400);
    expect(result.answer.reason).toContain('truncated');
  });

  it('stores nothing of a body cut off in transit', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const reply = await uploadCutOff(url, envelope, uploadHeaders(envelope, idempotencyKey), envelope.length - 20);

    expect(reply).not.toMatch(/^HTTP\/1\.1 20[01]/);
    expect(storedRows(dbFile)).toHaveLength(0);
    const retry = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));
    expect(retry.httpStatus).toBe(201);
  });

  it('responds 400 to bad headers and bodies', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
    const garbage = Buffer.from('这不是密封的举报');

    const cases: [string, Buffer, Record<string, string | undefined>][] = [
      ['wrong content type', envelope, { 'content-type': 'application/json' }],
      ['missing idempotency key', envelope, { [UPLOAD_HEADERS.idempotencyKey]: undefined }],
      ['other idempotency key', envelope, { [UPLOAD_HEADERS.idempotencyKey]: randomUUID() }],
      ['missing SHA-256', envelope, { [UPLOAD_HEADERS.contentSha256]: undefined }],
      ['upper-case SHA-256', envelope, { [UPLOAD_HEADERS.contentSha256]: sha256Hex(envelope).toUpperCase() }],
      ['overlong terminal ID', envelope, { [UPLOAD_HEADERS.terminalId]: 'T'.repeat(129) }],
      ['not an envelope', garbage, { [UPLOAD_HEADERS.contentSha256]: sha256Hex(garbage) }],
    ];

    for (const [name, body, overrides] of cases) {
      const result = await upload(url, body, uploadHeaders(envelope, idempotencyKey, overrides));
      expect(result.httpStatus, name).toBe(400);
      expect(result.answer.status, name).toBe('malformed');
    }
    expect(storedRows(dbFile)).toHaveLength(0);
  });

  it('responds 404 to another path, 405 to another method', async () => {
    const { url } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const wrongPath = await upload(url.replace(/\/reports$/, '/upload'), envelope, uploadHeaders(envelope, idempotencyKey));
    const wrongMethod = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey), { method: 'PUT' });

    expect(wrongPath.httpStatus).toBe(404);
    expect(wrongMethod.httpStatus).toBe(405);
  });

  it('responds 413 to a declared oversize body before reading', async () => {
    const { url, dbFile } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const result = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey), { declaredLength: MAX_UPLOAD_BYTES + 1 });

    expect(result.httpStatus).toBe(413);
    expect(result.answer.status).toBe('too-large');
    expect(storedRows(dbFile)).toHaveLength(0);
  });

  it('responds 413 to a chunked oversize body', async () => {
    const { url, dbFile } = await receiver();
    const body = Buffer.alloc(MAX_UPLOAD_BYTES + 64 * 1024, 0x41);

    const result = await upload(url, body, uploadHeaders(body, randomUUID()), { chunkSize: 64 * 1024 });

    expect(result.httpStatus).toBe(413);
    expect(result.answer.status).toBe('too-large');
    expect(storedRows(dbFile)).toHaveLength(0);
  });

  it('responds 503 while another connection locks the database', async () => {
    const { url, dbFile } = await receiver({ busyTimeoutMs: 50 });
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
    const locker = new Database(dbFile);

    locker.exec('BEGIN IMMEDIATE');
    const locked = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));
    locker.exec('ROLLBACK');
    locker.close();
    const retried = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));

    expect(locked.httpStatus).toBe(503);
    expect(locked.answer.status).toBe('unavailable');
    expect(retried.httpStatus).toBe(201);
  });
});

describe('receiver log', () => {
  afterEach(() => configureLogging());

  it('logs each request without its body', async () => {
    const logFile = path.join(temp.dir, 'receiver.log');
    configureLogging({ file: logFile, level: 'info' });
    const { url } = await receiver();
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));
    await upload(url, envelope, uploadHeaders(envelope, idempotencyKey, { 'content-type': 'text/plain' }));

    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.key === idempotencyKey);
    expect(requests.map((line) => line.httpStatus)).toEqual([201, 400]);
    expect(requests.every((line) => line.module === 'receiver' && line.terminal === 'HN-430124-0007')).toBe(true);
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain(envelope.toString('base64').slice(0, 40));
    expect(text).not.toContain(envelope.toString('hex').slice(80, 160));
  });
});
