// `minsheng receive` taking fleet heartbeats over real HTTP on 127.0.0.1: stored once by id,
// checked against the schema and the headers, held to the body size and rate limits, and kept
// in the same SQLite file as the reports.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_CONTENT_TYPE, MAX_HEARTBEAT_BYTES } from '../../src-shared/fleet-api.js';
import type { FleetHeartbeat } from '../../src-shared/fleet-api.js';
import { UPLOAD_HEADERS } from '../../src-main/core/reports/upload-protocol.js';
import { openReceiverStore } from '../../src-main/publisher/receiver/store.js';
import { startReceiver } from '../../src-main/publisher/receiver/server.js';
import type { ReceiverOptions, RunningReceiver } from '../../src-main/publisher/receiver/server.js';
import { sampleHeartbeat } from '../helpers/fleet-terminal.js';
import { makeTempDir } from '../helpers/temp.js';
import { commissionKeys, reportContent, sealContent, upload, uploadHeaders } from './receiver-client.js';
import type { UploadResult } from './receiver-client.js';

const temp = makeTempDir('minsheng-receiver-heartbeats-');
afterAll(() => temp.remove());

const commission = commissionKeys('x25519');
const running: RunningReceiver[] = [];
let dbCounter = 0;
let dbFile: string;

afterEach(async () => {
  await Promise.all(running.splice(0).map((receiver) => receiver.close()));
});

async function receiver(options: Partial<ReceiverOptions> = {}): Promise<RunningReceiver> {
  dbCounter += 1;
  dbFile = path.join(temp.dir, `receiver-${dbCounter}.sqlite`);
  const started = await startReceiver({ dbFile, commissionKey: commission.publicKey, port: 0, ...options });
  running.push(started);
  return started;
}

function heartbeatHeaders(body: Buffer, id: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  return uploadHeaders(body, id, { 'content-type': HEARTBEAT_CONTENT_TYPE, [UPLOAD_HEADERS.terminalId]: 'T-430121-01', ...overrides });
}

function send(url: string, heartbeat: FleetHeartbeat, overrides: Record<string, string | undefined> = {}): Promise<UploadResult> {
  const body = Buffer.from(JSON.stringify(heartbeat));
  return upload(url, body, heartbeatHeaders(body, heartbeat.id, overrides));
}

function storedCount(): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM heartbeats').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('receiver heartbeats', () => {
  it('stores a heartbeat once', async () => {
    const { heartbeatUrl } = await receiver();
    const heartbeat = sampleHeartbeat();

    const first = await send(heartbeatUrl, heartbeat);
    const again = await send(heartbeatUrl, heartbeat);

    expect(first.httpStatus).toBe(201);
    expect(first.answer.status).toBe('stored');
    expect(again.httpStatus).toBe(200);
    expect(again.answer).toEqual({ status: 'duplicate', receivedAt: first.answer.receivedAt });
    expect(storedCount()).toBe(1);
  });

  it('rejects another body under a stored id', async () => {
    const { heartbeatUrl } = await receiver();
    const heartbeat = sampleHeartbeat();
    await send(heartbeatUrl, heartbeat);

    const changed = await send(heartbeatUrl, { ...heartbeat, intervalMinutes: 30 });

    expect(changed.httpStatus).toBe(409);
    expect(changed.answer.reason).toContain(heartbeat.id);
    expect(storedCount()).toBe(1);
  });

  const checked = sampleHeartbeat();
  const valid = Buffer.from(JSON.stringify(checked));
  it.each([
    ['a body that is not JSON', Buffer.from('{"format":1,'), {}, 'not JSON'],
    ['a body outside the schema', Buffer.from(JSON.stringify({ ...checked, regionCode: '43' })), {}, 'regionCode'],
    ['another content type', valid, { 'content-type': 'application/json' }, 'content type'],
    ['a terminal header of another terminal', valid, { [UPLOAD_HEADERS.terminalId]: 'T-OTHER' }, 'terminalId'],
    ['a wrong digest', valid, { [UPLOAD_HEADERS.contentSha256]: '0'.repeat(64) }, 'SHA-256'],
  ])('rejects %s', async (_name, body, overrides, named) => {
    const { heartbeatUrl } = await receiver();

    const result = await upload(heartbeatUrl, body, heartbeatHeaders(body, checked.id, overrides));

    expect(result.httpStatus).toBe(400);
    expect(result.answer.status).toBe('malformed');
    expect(result.answer.reason).toContain(named);
    expect(storedCount()).toBe(0);
  });

  it('rejects an id header of another heartbeat', async () => {
    const { heartbeatUrl } = await receiver();
    const heartbeat = sampleHeartbeat();
    const body = Buffer.from(JSON.stringify(heartbeat));

    const result = await upload(heartbeatUrl, body, heartbeatHeaders(body, sampleHeartbeat().id));

    expect(result.httpStatus).toBe(400);
    expect(result.answer.reason).toContain(heartbeat.id);
  });

  it('answers 413 past the size limit', async () => {
    const { heartbeatUrl } = await receiver();
    const body = Buffer.alloc(MAX_HEARTBEAT_BYTES + 1, 0x20);
    const id = sampleHeartbeat().id;

    const declared = await upload(heartbeatUrl, body, heartbeatHeaders(body, id), { declaredLength: body.length });
    const streamed = await upload(heartbeatUrl, body, heartbeatHeaders(body, id), { chunkSize: 64 * 1024 });

    expect(declared.httpStatus).toBe(413);
    expect(streamed.httpStatus).toBe(413);
    expect(storedCount()).toBe(0);
  });

  it('limits the rate per path', async () => {
    const { url, heartbeatUrl } = await receiver({ uploadsPerMinute: 2 });
    await send(heartbeatUrl, sampleHeartbeat());
    await send(heartbeatUrl, sampleHeartbeat());

    const limited = await send(heartbeatUrl, sampleHeartbeat());
    // The reports path has its own limit: this upload is judged (and rejected) on its content.
    const body = Buffer.from('not an envelope');
    const report = await upload(url, body, uploadHeaders(body, sampleHeartbeat().id));

    expect(limited.httpStatus).toBe(429);
    expect(report.httpStatus).toBe(400);
    expect(storedCount()).toBe(2);
  });

  it('answers 404 and 405 elsewhere', async () => {
    const { heartbeatUrl } = await receiver();
    const body = Buffer.from(JSON.stringify(sampleHeartbeat()));

    const wrongPath = await upload(heartbeatUrl.replace('/heartbeats', '/beats'), body, heartbeatHeaders(body, 'x'));
    const wrongMethod = await upload(heartbeatUrl, Buffer.alloc(0), {}, { method: 'GET' });

    expect(wrongPath.httpStatus).toBe(404);
    expect(wrongPath.answer.reason).toContain('/heartbeats');
    expect(wrongMethod.httpStatus).toBe(405);
  });

  it('takes heartbeats at a configured path', async () => {
    const { heartbeatUrl } = await receiver({ heartbeatPath: '/county/fleet' });

    expect(heartbeatUrl).toMatch(/\/county\/fleet$/);
    expect((await send(heartbeatUrl, sampleHeartbeat())).httpStatus).toBe(201);
  });

  it('takes heartbeats only without a key', async () => {
    const { url, heartbeatUrl } = await receiver({ commissionKey: undefined });
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);

    const stored = await send(heartbeatUrl, sampleHeartbeat());
    const report = await upload(url, envelope, uploadHeaders(envelope, idempotencyKey));
    const reportByGet = await upload(url, Buffer.alloc(0), {}, { method: 'GET' });

    expect(stored.httpStatus).toBe(201);
    expect(storedCount()).toBe(1);
    expect(report.httpStatus).toBe(404);
    expect(report.answer.status).toBe('malformed');
    expect(report.answer.reason).toContain('heartbeats only');
    expect(report.answer.reason).toContain('--commission-key');
    expect(reportByGet.httpStatus).toBe(404);
  });
});

describe('receiver store heartbeats', () => {
  it('adds the table to a version 1 file', () => {
    const file = path.join(temp.dir, 'version-1.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE reports (idempotency_key TEXT PRIMARY KEY NOT NULL, envelope BLOB NOT NULL, sha256 TEXT NOT NULL,
      terminal_id TEXT, remote_address TEXT, received_at TEXT NOT NULL); PRAGMA user_version = 1;`);
    old.close();

    const store = openReceiverStore(file);
    const outcome = store.storeHeartbeat({ heartbeat: sampleHeartbeat(), sha256: 'a'.repeat(64), remoteAddress: null, receivedAt: '2026-05-12T08:00:00.000Z' });
    store.close();

    expect(outcome.status).toBe('stored');
  });

  it('prunes all but each terminal\'s newest', () => {
    const store = openReceiverStore(path.join(temp.dir, 'prune.sqlite'));
    const stored = (terminalId: string, receivedAt: string) =>
      store.storeHeartbeat({ heartbeat: sampleHeartbeat({ terminalId }), sha256: receivedAt.padEnd(64, '0'), remoteAddress: null, receivedAt });
    stored('T-A', '2026-01-01T00:00:00.000Z');
    stored('T-A', '2026-01-02T00:00:00.000Z');
    stored('T-A', '2026-05-01T00:00:00.000Z');
    stored('T-B', '2026-01-03T00:00:00.000Z');

    const pruned = store.pruneHeartbeats('2026-02-01T00:00:00.000Z');
    store.close();

    // T-A keeps its newest (recent anyway); T-B keeps its only, old heartbeat.
    expect(pruned).toBe(2);
  });
});
