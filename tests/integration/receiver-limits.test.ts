// The receiver's defences against clients that stall, flood or keep connections open, over real
// HTTP on 127.0.0.1: per-address rate limit, connection cap, cut of stalled bodies, and a close()
// that ends even while a client keeps an unfinished upload open.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startReceiver, safeLogText } from '../../src-main/publisher/receiver/server.js';
import type { ReceiverOptions, RunningReceiver } from '../../src-main/publisher/receiver/server.js';
import { makeTempDir } from '../helpers/temp.js';
import { commissionKeys, reportContent, sealContent, upload, uploadHeaders } from './receiver-client.js';

const temp = makeTempDir('minsheng-receiver-limits-');
afterAll(() => temp.remove());

const commission = commissionKeys('x25519');
const running: RunningReceiver[] = [];
const sockets: Socket[] = [];
let dbCounter = 0;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((receiver) => receiver.close()));
});

async function receiver(options: Partial<ReceiverOptions> = {}): Promise<RunningReceiver> {
  dbCounter += 1;
  const started = await startReceiver({ dbFile: path.join(temp.dir, `reports-${dbCounter}.sqlite`), commissionKey: commission.publicKey, port: 0, ...options });
  running.push(started);
  return started;
}

/** Opens a raw connection that sends the headers of an upload and `bodyBytes` of its body, then waits. */
function stalledUpload(url: string, bodyBytes: number): Promise<{ socket: Socket; closed: Promise<string> }> {
  const target = new URL(url);
  const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
  const headers = uploadHeaders(envelope, idempotencyKey);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => {
      const lines = [`POST ${target.pathname} HTTP/1.1`, `host: ${target.host}`, `content-length: ${envelope.length}`];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      socket.write(envelope.subarray(0, bodyBytes));
      resolve({ socket, closed });
    });
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
  });
}

function freshUpload(url: string) {
  const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
  return upload(url, envelope, uploadHeaders(envelope, idempotencyKey));
}

describe('receiver rate limit', () => {
  it('responds 429 past the limit per minute', async () => {
    let now = 1_000_000;
    const { url } = await receiver({ uploadsPerMinute: 2, now: () => now });

    const first = await freshUpload(url);
    const second = await freshUpload(url);
    const third = await freshUpload(url);

    expect(first.httpStatus).toBe(201);
    expect(second.httpStatus).toBe(201);
    expect(third.httpStatus).toBe(429);
    expect(third.answer.status).toBe('rate-limited');
    expect(third.answer.reason).toContain('retry in 30 s');

    now += 30_000;
    const afterRefill = await freshUpload(url);
    expect(afterRefill.httpStatus).toBe(201);
  });
});

describe('receiver connection limits', () => {
  it('cuts a body that stalls', async () => {
    const { url } = await receiver({ idleTimeoutMs: 200 });

    const { closed } = await stalledUpload(url, 10);

    // Before the fix nothing ended this connection for 300 s, so the test timed out here.
    await closed;
    expect((await freshUpload(url)).httpStatus).toBe(201);
  });

  it('closes connections beyond maxConnections', async () => {
    const { url } = await receiver({ maxConnections: 2 });
    await stalledUpload(url, 10);
    await stalledUpload(url, 10);

    const third = await stalledUpload(url, 10);
    const answer = await third.closed;

    expect(answer).toBe('');
  });

  it('stops while an upload stalls', async () => {
    const started = await receiver({ closeGraceMs: 100 });
    running.splice(running.indexOf(started), 1);
    const { closed } = await stalledUpload(started.url, 10);

    await started.close();

    expect(await closed).toBe('');
  });

  it('still responds to an upload finished in the grace period', async () => {
    const started = await receiver({ closeGraceMs: 60_000 });
    running.splice(running.indexOf(started), 1);
    const { envelope, idempotencyKey } = sealContent(reportContent(), commission.publicKey);
    const target = new URL(started.url);
    const socket = connect(Number(target.port), target.hostname);
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    const lines = [`POST ${target.pathname} HTTP/1.1`, `host: ${target.host}`, `content-length: ${envelope.length}`, 'connection: close'];
    for (const [name, value] of Object.entries(uploadHeaders(envelope, idempotencyKey))) lines.push(`${name}: ${value}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(envelope.subarray(0, 10));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const closed = new Promise((resolve) => socket.on('close', resolve));

    const stopping = started.close();
    socket.write(envelope.subarray(10));
    await closed;
    await stopping;

    expect(received).toMatch(/^HTTP\/1\.1 201/);
  });
});

describe('receiver log values', () => {
  it('escapes separators and control characters', () => {
    const logged = safeLogText('abc, status=stored\r\nlevel=60');

    expect(logged).not.toContain(', status=');
    expect(logged).not.toMatch(/[\r\n]/);
    expect(logged).toContain('abc');
  });

  it('cuts long values', () => {
    expect(safeLogText('x'.repeat(1000)).length).toBeLessThanOrEqual(81);
  });
});
