// The HTTP source against a loopback server that misbehaves on purpose: 5xx before success, a
// chunked body longer than allowed (no Content-Length to reject up front), a stalled body, a
// body that trickles in too slowly to finish before the download's deadline, and Range
// responses that do not fit the kept bytes.
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSource } from '../../src-main/core/sync/http-source.js';
import { SourceError } from '../../src-main/core/sync/source.js';
import { runCli } from '../helpers/cli.js';
import { makeTestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
let server: Server;
let baseUrl: string;
const requestCounts = new Map<string, number>();
const openResponses = new Set<ServerResponse>();
const DRIP_LENGTH = 1000;
const RANGE_FILE = 'abcdefghijklmnopqrstuvwxyz';

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    const count = (requestCounts.get(url) ?? 0) + 1;
    requestCounts.set(url, count);

    if (url === '/flaky/data.bin') {
      if (count <= 2) {
        response.writeHead(503).end('busy');
        return;
      }
      response.writeHead(200, { 'content-length': '5' }).end('hello');
      return;
    }
    if (url === '/down/data.bin') {
      response.writeHead(502).end('bad gateway');
      return;
    }
    if (url === '/forbidden/data.bin') {
      response.writeHead(403).end('no');
      return;
    }
    if (url === '/chunked/data.bin') {
      // No Content-Length: the size is only known by counting the body.
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let index = 0; index < 10; index += 1) response.write(Buffer.alloc(1000, index));
      response.end();
      return;
    }
    if (url.startsWith('/ranges/')) {
      // The file name selects the response to a Range request; a request without Range gets 200.
      const body = Buffer.from(RANGE_FILE);
      if (request.headers.range === undefined) {
        response.writeHead(200, { 'content-length': String(body.length) }).end(body);
      } else if (url === '/ranges/wrong-start.bin') {
        response.writeHead(206, { 'content-range': `bytes 2-${body.length - 1}/${body.length}` }).end(body.subarray(2));
      } else if (url === '/ranges/huge-total.bin') {
        response.writeHead(206, { 'content-range': `bytes 4-${body.length - 1}/999999` }).end(body.subarray(4));
      } else {
        response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      }
      return;
    }
    if (url === '/stall/data.bin') {
      response.writeHead(200, { 'content-length': '1000' });
      response.write(Buffer.alloc(10));
      openResponses.add(response);
      return;
    }
    if (url === '/drip/data.bin') {
      // A correct Content-Length and a byte every 20 ms: never idle, but far too slow.
      response.writeHead(200, { 'content-length': String(DRIP_LENGTH) });
      const drip = setInterval(() => response.write(Buffer.alloc(1)), 20);
      response.on('close', () => clearInterval(drip));
      openResponses.add(response);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const response of openResponses) response.destroy();
  await new Promise((resolve) => server.close(resolve));
  temp.remove();
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('createHttpSource', () => {
  it('retries 5xx until it succeeds', async () => {
    const source = createHttpSource(`${baseUrl}/flaky`, { retries: 2, backoffMs: 10 });
    const bytes = await source.readFile('data.bin', 100);

    expect(bytes.toString()).toBe('hello');
    expect(requestCounts.get('/flaky/data.bin')).toBe(3);
  });

  it('gives up after the retries', async () => {
    const source = createHttpSource(`${baseUrl}/down/`, { retries: 2, backoffMs: 10 });
    const error = await sourceErrorOf(source.readFile('data.bin', 100));

    expect(error.kind).toBe('network');
    expect(error.message).toContain('502');
    expect(requestCounts.get('/down/data.bin')).toBe(3);
  });

  it('does not retry a 403', async () => {
    const source = createHttpSource(`${baseUrl}/forbidden/`, { retries: 2, backoffMs: 10 });
    const error = await sourceErrorOf(source.readFile('data.bin', 100));

    expect(error.retryable).toBe(false);
    expect(requestCounts.get('/forbidden/data.bin')).toBe(1);
  });

  it('reports 404 as not found', async () => {
    const source = createHttpSource(baseUrl, { backoffMs: 10 });
    const error = await sourceErrorOf(source.readFile('missing.json', 100));

    expect(error.kind).toBe('not-found');
  });

  it('cuts off a chunked body past the limit', async () => {
    const source = createHttpSource(`${baseUrl}/chunked/`);
    const destination = path.join(temp.dir, 'chunked.bin');
    const error = await sourceErrorOf(source.downloadFile('data.bin', destination, 4500));

    expect(error.kind).toBe('too-large');
    expect(existsSync(destination) ? readFileSync(destination).length : 0).toBeLessThanOrEqual(4500);
  });

  it('downloads a chunked body within the limit', async () => {
    const source = createHttpSource(`${baseUrl}/chunked/`);
    const destination = path.join(temp.dir, 'chunked-ok.bin');

    expect(await source.downloadFile('data.bin', destination, 10_000)).toBe(10_000);
    expect(readFileSync(destination).length).toBe(10_000);
  });

  it('times out a stalled body', async () => {
    const source = createHttpSource(`${baseUrl}/stall/`, { timeoutMs: 300, retries: 1, backoffMs: 10 });
    const error = await sourceErrorOf(source.downloadFile('data.bin', path.join(temp.dir, 'stall.bin'), 2000));

    expect(error.kind).toBe('network');
    expect(error.message).toContain('no data for 300 ms');
    // The first attempt kept 10 bytes, so it cost no retry. This server ignores Range, so the
    // second attempt kept nothing new and used the only retry, and the third was the last.
    expect(requestCounts.get('/stall/data.bin')).toBe(3);
  });

  it('fails a download that trickles past its deadline', async () => {
    // Deadline: 200 ms + 1000 bytes at 1000 bytes/s = 1.2 s; the drip needs 20 s.
    const source = createHttpSource(`${baseUrl}/drip/`, { deadlineBaseMs: 200, minRateBytesPerSecond: 1000, backoffMs: 10 });
    const error = await sourceErrorOf(source.downloadFile('data.bin', path.join(temp.dir, 'drip.bin'), DRIP_LENGTH));

    expect(error.kind).toBe('network');
    expect(error.message).toContain(`GET ${baseUrl}/drip/data.bin timed out`);
    expect(error.message).toMatch(/: \d+ bytes arrived within the 1200 ms allowed/);
    // Retrying cannot help once the download's own deadline has passed.
    expect(requestCounts.get('/drip/data.bin')).toBe(1);
  });

  it('restarts after a 206 from the wrong offset', async () => {
    const destination = path.join(temp.dir, 'wrong-start.bin');
    writeFileSync(destination, 'abcd');
    const source = createHttpSource(`${baseUrl}/ranges/`);

    expect(await source.downloadFile('wrong-start.bin', destination, 100, { resume: true })).toBe(RANGE_FILE.length);
    expect(readFileSync(destination, 'utf8')).toBe(RANGE_FILE);
    expect(requestCounts.get('/ranges/wrong-start.bin')).toBe(2);
  });

  it('restarts after a 206 with a total past maxBytes', async () => {
    const destination = path.join(temp.dir, 'huge-total.bin');
    writeFileSync(destination, 'abcd');
    const source = createHttpSource(`${baseUrl}/ranges/`);

    expect(await source.downloadFile('huge-total.bin', destination, 100, { resume: true })).toBe(RANGE_FILE.length);
    expect(readFileSync(destination, 'utf8')).toBe(RANGE_FILE);
  });

  it('keeps a complete partial on 416', async () => {
    const destination = path.join(temp.dir, 'complete.bin');
    writeFileSync(destination, RANGE_FILE);
    const source = createHttpSource(`${baseUrl}/ranges/`);

    expect(await source.downloadFile('complete.bin', destination, 100, { resume: true })).toBe(RANGE_FILE.length);
    expect(readFileSync(destination, 'utf8')).toBe(RANGE_FILE);
    expect(requestCounts.get('/ranges/complete.bin')).toBe(1);
  });

  it('restarts on 416 at maxBytes', async () => {
    const destination = path.join(temp.dir, 'at-limit.bin');
    writeFileSync(destination, RANGE_FILE);
    const source = createHttpSource(`${baseUrl}/ranges/`);

    expect(await source.downloadFile('at-limit.bin', destination, RANGE_FILE.length, { resume: true })).toBe(RANGE_FILE.length);
    expect(readFileSync(destination, 'utf8')).toBe(RANGE_FILE);
    expect(requestCounts.get('/ranges/at-limit.bin')).toBe(2);
  });

  it('names the cause of a refused connection', async () => {
    const port = await closedPort();
    const source = createHttpSource(`http://127.0.0.1:${port}/`, { retries: 0 });
    const error = await sourceErrorOf(source.readFile('manifest.json', 100));

    expect(error.kind).toBe('network');
    expect(error.message).toContain(`connection refused (ECONNREFUSED) at 127.0.0.1:${port}`);
  });
});

describe('sync command against an unreachable server', () => {
  it('names the cause and prints no stack trace at the default log level', async () => {
    const port = await closedPort();
    const trustFile = path.join(temp.dir, 'publisher.pub.pem');
    writeFileSync(trustFile, makeTestKeys().publicKeyPem);

    const result = await runCli(
      ['sync', '--source', `http://127.0.0.1:${port}/`, '--trust', trustFile, '--data-dir', path.join(temp.dir, 'refused')],
      { env: { MINSHENG_LOG_LEVEL: undefined } },
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('request failed; retrying');
    expect(result.stderr).toMatch(/^warn sync: request failed; retrying \(.*"causeCode":"ECONNREFUSED"/m);
    expect(result.stderr).not.toContain('"level":');
    expect(result.stderr).toContain(`The download from the source failed: GET http://127.0.0.1:${port}/manifest.json failed: connection refused (ECONNREFUSED) at 127.0.0.1:${port}`);
    expect(result.stderr).not.toContain('stack');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
