// The reporting paths of the browser host over real HTTP on 127.0.0.1, on a kiosk service with
// a commission key and an installed format-4 snapshot: filing, following a case and printing,
// and 400, 405 and 415 for bad requests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaseNumber } from '../../src-shared/case-number.js';
import { KIOSK_RESULT_SCHEMAS as RESULTS } from '../../src-shared/kiosk-api-results.js';
import { REPORTS_HTTP_PATHS } from '../../src-shared/reports-api.js';
import { MAX_REPORT_BODY_BYTES } from '../../src-main/browser-host/reports-routes.js';
import { startBrowserHost } from '../../src-main/browser-host/server.js';
import type { BrowserHost } from '../../src-main/browser-host/server.js';
import { outboxPath } from '../../src-main/core/data-folder/layout.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { openOutbox } from '../../src-main/core/reports/outbox.js';
import { openReport } from '../../src-main/core/reports/seal.js';
import { checkedKioskApi, createHttpKioskApi, RequestRejectedError, ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { writeBoardSnapshot } from '../helpers/board-snapshot.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';
import { DRAFT, REPORT_TEXT, makeCommissionKeys, reportingService } from './reports-fixture.js';
import type { CommissionKeys } from './reports-fixture.js';

const CASE_REPLIED = makeCaseNumber(new Date(2026, 4, 2), () => 7);
const CASE_UNPUBLISHED = makeCaseNumber(new Date(2026, 4, 3), () => 1);
const REPLY = '经核查，该户2024年耕地地力保护补贴少发120元，已于5月20日补发。';

let temp: ReturnType<typeof makeTempDir>;
let keys: CommissionKeys;
let dataDir: string;
let snapshotVersion: number;
let service: KioskService;
let host: BrowserHost;

async function post(pathname: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(pathname, host.url), {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  temp = makeTempDir('minsheng-reports-host-');
  keys = makeCommissionKeys(temp.dir);
  const staticDir = path.join(temp.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');

  const file = path.join(temp.dir, 'boards.sqlite');
  writeBoardSnapshot(file);
  const db = new Database(file);
  db.prepare('INSERT INTO report_progress (case_number, stage, updated_on, reply, department, published_on) VALUES (?, ?, ?, ?, ?, ?)').run(
    CASE_REPLIED,
    'replied',
    '2026-05-20',
    REPLY,
    '麻阳县纪委监委',
    '2026-05-21',
  );
  db.close();
  dataDir = path.join(temp.dir, 'data');
  snapshotVersion = (await installSnapshotFile(dataDir, file)).version;

  service = reportingService(dataDir, keys);
  host = await startBrowserHost({ api: service, staticDir });
});

afterAll(async () => {
  await host?.close();
  await service?.close();
  temp?.remove();
});

describe('report paths', () => {
  it('files a report into the outbox', async () => {
    const { status, json } = await post(REPORTS_HTTP_PATHS.fileReport, DRAFT);

    expect(status).toBe(200);
    const result = RESULTS.fileReport.parse(json);
    if (result.status !== 'filed') throw new Error(`expected filed, got ${result.status}`);
    const outbox = openOutbox(outboxPath(dataDir));
    try {
      const sealed = outbox.due(Number.MAX_SAFE_INTEGER, 10).map((entry) => entry.sealed);
      const contents = sealed.map((bytes) => JSON.parse(Buffer.from(openReport(bytes, keys.privateKey).plaintext).toString('utf8')));
      expect(contents.map((content) => content.caseNumber)).toContain(result.receipt.caseNumber);
      expect(contents.find((content) => content.caseNumber === result.receipt.caseNumber).text).toBe(REPORT_TEXT);
      expect(contents.find((content) => content.caseNumber === result.receipt.caseNumber).snapshotVersion).toBe(snapshotVersion);
    } finally {
      outbox.close();
    }
  });

  it('returns a published case', async () => {
    const { status, json } = await post(REPORTS_HTTP_PATHS.getCaseStatus, { caseNumber: CASE_REPLIED.replace(/(\d{4})/g, '$1 ') });

    expect(status).toBe(200);
    expect(RESULTS.getCaseStatus.parse(json)).toEqual({
      status: 'found',
      caseNumber: CASE_REPLIED,
      stage: 'replied',
      updatedOn: '2026-05-20',
      reply: REPLY,
      department: '麻阳县纪委监委',
      dataAsOf: expect.any(String),
    });
  });

  it('returns not-yet for an unpublished case', async () => {
    const { json } = await post(REPORTS_HTTP_PATHS.getCaseStatus, { caseNumber: CASE_UNPUBLISHED });

    const result = RESULTS.getCaseStatus.parse(json);
    if (result.status !== 'not-yet') throw new Error(`expected not-yet, got ${result.status}`);
    expect(result.caseNumber).toBe(CASE_UNPUBLISHED);
    expect(result.dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['', 'empty'],
    ['2605 12ab', 'invalid-characters'],
    ['123456', 'invalid-length'],
    [`${CASE_REPLIED.slice(0, 13)}${(Number(CASE_REPLIED[13]) + 1) % 10}`, 'invalid-checksum'],
  ])('returns invalid for %j', async (caseNumber, problem) => {
    const { status, json } = await post(REPORTS_HTTP_PATHS.getCaseStatus, { caseNumber });

    expect(status).toBe(200);
    expect(json).toEqual({ status: 'invalid', problem });
  });

  it('returns not-configured for print with printing off', async () => {
    const { status, json } = await post(REPORTS_HTTP_PATHS.print, { document: 'test', language: 'zh-CN' });

    expect(status).toBe(200);
    expect(json).toEqual({ status: 'not-configured' });
  });

  it('serves the renderer client', async () => {
    const originalFetch = globalThis.fetch;
    // The client fetches same-origin paths, as in the page; node's fetch needs the host's origin.
    globalThis.fetch = (input, init) => originalFetch(new URL(String(input), host.url), init);
    try {
      const api = checkedKioskApi(createHttpKioskApi());

      expect((await api.fileReport(DRAFT)).status).toBe('filed');
      expect((await api.getCaseStatus({ caseNumber: CASE_REPLIED })).status).toBe('found');
      expect(await api.print({ document: 'test', language: 'en' })).toEqual({ status: 'not-configured' });
    } finally {
      globalThis.fetch = originalFetch;
    }
  });
});

describe('renderer client on a rejected draft', () => {
  it('throws RequestRejectedError for a 400', async () => {
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => originalFetch(new URL(String(input), host.url), init);
    try {
      const api = checkedKioskApi(createHttpKioskApi());
      const foreign = api.fileReport({ ...DRAFT, record: null, regionCode: '433122' });

      await expect(foreign).rejects.toBeInstanceOf(RequestRejectedError);
      await expect(foreign).rejects.toThrow(/HTTP 400/);
    } finally {
      globalThis.fetch = originalFetch;
    }
  });

  it('keeps ServiceUnavailableError for a 413', async () => {
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => originalFetch(new URL(String(input), host.url), init);
    try {
      const api = checkedKioskApi(createHttpKioskApi());
      const tooLarge = api.fileReport({ ...DRAFT, text: '很'.repeat(MAX_REPORT_BODY_BYTES) });

      await expect(tooLarge).rejects.toThrow(/HTTP 413/);
      await expect(tooLarge).rejects.toBeInstanceOf(ServiceUnavailableError);
      await expect(tooLarge).rejects.not.toBeInstanceOf(RequestRejectedError);
    } finally {
      globalThis.fetch = originalFetch;
    }
  });
});

describe('report path errors', () => {
  it.each([
    ['a draft without consent', REPORTS_HTTP_PATHS.fileReport, { ...DRAFT, consent: false }],
    ['a draft with a bad phone', REPORTS_HTTP_PATHS.fileReport, { ...DRAFT, phone: '12345' }],
    ['a case number of 65 characters', REPORTS_HTTP_PATHS.getCaseStatus, { caseNumber: '1'.repeat(65) }],
    ['an unknown document', REPORTS_HTTP_PATHS.print, { document: 'poster', language: 'zh-CN' }],
    ['invalid JSON', REPORTS_HTTP_PATHS.fileReport, '{"category":'],
    ['a draft of zero-width spaces', REPORTS_HTTP_PATHS.fileReport, { ...DRAFT, text: '\u200b\u200b' }],
    ['a draft for another county', REPORTS_HTTP_PATHS.fileReport, { ...DRAFT, record: null, regionCode: '433122' }],
  ])('rejects %s with 400', async (_case, pathname, body) => {
    const { status } = await post(pathname, body);

    expect(status).toBe(400);
  });

  it('keeps the phone number out of a 400 message', async () => {
    const { json } = await post(REPORTS_HTTP_PATHS.fileReport, { ...DRAFT, phone: '1390000123' });

    expect(JSON.stringify(json)).toContain('phone');
    expect(JSON.stringify(json)).not.toContain('1390000123');
    expect(JSON.stringify(json)).not.toContain(REPORT_TEXT);
  });

  it('rejects a body that is not JSON with 415', async () => {
    expect((await post(REPORTS_HTTP_PATHS.fileReport, 'text', 'text/plain')).status).toBe(415);
  });

  it('rejects GET with 405', async () => {
    const response = await fetch(new URL(REPORTS_HTTP_PATHS.getCaseStatus, host.url));

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('rejects an oversized draft with 413', async () => {
    const { status } = await post(REPORTS_HTTP_PATHS.fileReport, { ...DRAFT, text: '多'.repeat(20_000) });

    expect(status).toBe(413);
  });
});
