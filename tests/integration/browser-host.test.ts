// The browser host over real HTTP on 127.0.0.1, with the real kiosk service over a real
// snapshot installed in a data folder and a small static folder standing in for dist/renderer.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResultSchema, SnapshotInfoSchema } from '../../src-shared/kiosk-api.js';
import { startBrowserHost } from '../../src-main/browser-host/server.js';
import type { BrowserHost } from '../../src-main/browser-host/server.js';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { configureLogging } from '../../src-main/core/log.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';
import type { SmallSnapshot } from '../helpers/small-snapshot.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request with the path exactly as given; fetch would normalise "..". */
function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function postLookup(port: number, body: string): Promise<RawResponse> {
  return rawRequest(port, { method: 'POST', path: '/api/lookup', headers: { 'Content-Type': 'application/json' }, body });
}

// The signed expiry that the pointer records. The host reports this value, not one from the snapshot.
const EXPIRES_AT = '2031-06-30T00:00:00.000Z';

describe('browser host', () => {
  const temp = makeTempDir();
  const staticDir = path.join(temp.dir, 'renderer');
  let snapshot: SmallSnapshot;
  let service: KioskService;
  let host: BrowserHost;

  const logFile = path.join(temp.dir, 'host.log');

  beforeAll(async () => {
    configureLogging({ file: logFile, level: 'debug' });
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
    writeFileSync(path.join(temp.dir, 'secret.txt'), 'outside the static folder');
    symlinkSync(path.join(temp.dir, 'secret.txt'), path.join(staticDir, 'link.txt'));

    const builtFile = path.join(temp.dir, 'snapshot.db');
    const dataDir = path.join(temp.dir, 'data');
    snapshot = writeSmallSnapshot(builtFile, { householdCount: 2, paymentsOfFirst: 5 });
    await installSnapshotFile(dataDir, builtFile, { expiresAt: EXPIRES_AT });
    service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
    host = await startBrowserHost({ api: service, staticDir });
  });

  afterAll(async () => {
    await host?.close();
    service?.close();
    configureLogging();
    temp.remove();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('serves index.html at /', async () => {
    const response = await rawRequest(host.port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<title>kiosk</title>');
  });

  it('serves assets with their content types', async () => {
    const script = await rawRequest(host.port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');

    const style = await rawRequest(host.port, { path: '/assets/app.css?v=1' });
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('sends the security headers', async () => {
    const response = await rawRequest(host.port, { path: '/' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers HEAD without a body', async () => {
    const response = await rawRequest(host.port, { method: 'HEAD', path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '/%zz',
    '/link.txt',
  ])('rejects path %s', async (rawPath) => {
    const response = await rawRequest(host.port, { path: rawPath });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the static folder');
  });

  it('returns 404 for a missing file and a folder', async () => {
    expect((await rawRequest(host.port, { path: '/missing.js' })).status).toBe(404);
    expect((await rawRequest(host.port, { path: '/assets' })).status).toBe(404);
  });

  it('returns 405 for a POST to a static file', async () => {
    const response = await rawRequest(host.port, { method: 'POST', path: '/index.html', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('rejects a foreign Host header', async () => {
    const response = await rawRequest(host.port, { path: '/api/settings', headers: { Host: 'attacker.example:80' } });
    expect(response.status).toBe(403);
  });

  it('returns the settings without caching', async () => {
    const response = await rawRequest(host.port, { path: '/api/settings' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    // Without a configured county the boards open on the installed snapshot's county.
    expect(JSON.parse(response.body)).toEqual({ ...DEFAULT_KIOSK_SETTINGS, homeRegionCode: '430124' });
  });

  it('returns the snapshot info', async () => {
    const response = await rawRequest(host.port, { path: '/api/snapshot' });
    const info = SnapshotInfoSchema.parse(JSON.parse(response.body));
    expect(info.regionCode).toBe('430124');
    expect(info.householdCount).toBe(2);
    expect(info.expiresAt).toBe(EXPIRES_AT);
  });

  it('returns 405 for the wrong API method', async () => {
    const lookup = await rawRequest(host.port, { path: '/api/lookup' });
    expect(lookup.status).toBe(405);
    expect(lookup.headers.allow).toBe('POST');
    expect(JSON.parse(lookup.body).error).toBe('method-not-allowed');

    const settings = await rawRequest(host.port, { method: 'POST', path: '/api/settings', body: '{}' });
    expect(settings.status).toBe(405);
    expect(settings.headers.allow).toBe('GET, HEAD');
  });

  it.each(['/api/settings', '/api/snapshot'])('answers HEAD on %s like GET without a body', async (apiPath) => {
    const get = await rawRequest(host.port, { path: apiPath });
    const head = await rawRequest(host.port, { method: 'HEAD', path: apiPath });

    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
    expect(head.headers['cache-control']).toBe('no-store');
  });

  it('returns 404 for an unknown API path', async () => {
    const response = await rawRequest(host.port, { path: '/api/nothing' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).error).toBe('not-found');
  });

  it('finds a household by ID number', async () => {
    const person = snapshot.households[0]!.persons[1]!;
    const response = await postLookup(host.port, JSON.stringify({ idNumber: person.idNumber }));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');

    const result = LookupResultSchema.parse(JSON.parse(response.body));
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.household.totalFen).toBe(snapshot.households[0]!.totalFen);
    expect(result.household.payments).toHaveLength(5);
    expect(result.household.members.filter((member) => member.isQueried).map((member) => member.maskedName)).toEqual(['李*']);
  });

  it('returns not-found and invalid results', async () => {
    const notFound = await postLookup(host.port, JSON.stringify({ idNumber: '11010519491231002X' }));
    expect(JSON.parse(notFound.body)).toEqual({ status: 'not-found' });

    const invalid = await postLookup(host.port, JSON.stringify({ idNumber: '110105194912310021' }));
    expect(JSON.parse(invalid.body)).toEqual({ status: 'invalid', problem: 'invalid-checksum' });
  });

  it('returns 400 for bad JSON', async () => {
    const response = await postLookup(host.port, '{"idNumber": ');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toBe('invalid-json');
  });

  it('returns 400 for a body of the wrong shape', async () => {
    const response = await postLookup(host.port, JSON.stringify({ idNumber: 430124 }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toBe('invalid-request');
  });

  it('returns 413 for an oversize body', async () => {
    const response = await postLookup(host.port, JSON.stringify({ idNumber: '1'.repeat(2000) }));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toBe('body-too-large');
  });

  it('logs requests without the ID number', async () => {
    const idNumber = snapshot.households[1]!.persons[0]!.idNumber;
    await postLookup(host.port, JSON.stringify({ idNumber }));
    await postLookup(host.port, `{"idNumber": "${idNumber}`);

    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('"path":"/api/lookup"');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(idNumber.slice(0, 14));
  });

  it('returns 415 for a body that is not JSON', async () => {
    const response = await rawRequest(host.port, { method: 'POST', path: '/api/lookup', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(response.status).toBe(415);
  });
});

describe('browser host without a snapshot', () => {
  const temp = makeTempDir();
  let service: KioskService;
  let host: BrowserHost;

  beforeAll(async () => {
    writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html>');
    service = createKioskService({ dataDir: path.join(temp.dir, 'empty-data'), settings: DEFAULT_KIOSK_SETTINGS });
    host = await startBrowserHost({ api: service, staticDir: temp.dir });
  });

  afterAll(async () => {
    await host?.close();
    service?.close();
    temp.remove();
  });

  it('returns null snapshot info', async () => {
    const response = await rawRequest(host.port, { path: '/api/snapshot' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('null');
  });

  it('returns no-data for a lookup', async () => {
    const response = await postLookup(host.port, JSON.stringify({ idNumber: '11010519491231002X' }));
    expect(JSON.parse(response.body)).toEqual({ status: 'no-data' });
  });
});
