// The board paths of the browser host over real HTTP on 127.0.0.1: every method returns
// values that pass the contract's schemas, and bad bodies get 400, 405, 413 or 415.
import { afterEach, describe, expect, it } from 'vitest';
import { BOARDS_HTTP_PATHS } from '../../src-shared/boards-api.js';
import { KIOSK_RESULT_SCHEMAS as RESULTS } from '../../src-shared/kiosk-api-results.js';
import { MAX_BOARD_BODY_BYTES } from '../../src-main/browser-host/board-routes.js';
import { checkedKioskApi, createHttpKioskApi, ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { useBoardHost } from '../helpers/board-host.js';
import { PDF_BYTES, TOWNSHIP_A, VILLAGE_A1 } from '../helpers/board-snapshot.js';

const host = useBoardHost();
const post = host.post;

describe('board paths', () => {
  it('serves regions', async () => {
    const { status, json } = await post(BOARDS_HTTP_PATHS.getRegions, {});

    expect(status).toBe(200);
    expect(RESULTS.getRegions.parse(json).map((region) => region.code)).toContain(VILLAGE_A1);
  });

  it('serves a list page', async () => {
    const { status, json } = await post(BOARDS_HTTP_PATHS.listRecords, { kind: 'notice', regionCode: VILLAGE_A1, filters: { noticeBoard: '村务公开' }, offset: 0, limit: 20 });

    expect(status).toBe(200);
    expect(RESULTS.listRecords.parse(json).items.map((item) => item.id)).toEqual(['N2']);
  });

  it('defaults missing filters', async () => {
    const { status, json } = await post(BOARDS_HTTP_PATHS.listRecords, { kind: 'finance-entry', regionCode: TOWNSHIP_A, offset: 0, limit: 5 });

    expect(status).toBe(200);
    expect(RESULTS.listRecords.parse(json).items).toHaveLength(5);
  });

  it('serves facets, records and summaries', async () => {
    const facets = await post(BOARDS_HTTP_PATHS.getFacets, { kind: 'project', regionCode: VILLAGE_A1 });
    const record = await post(BOARDS_HTTP_PATHS.getRecord, { kind: 'project', id: 'P1' });
    const missing = await post(BOARDS_HTTP_PATHS.getRecord, { kind: 'project', id: 'P404' });
    const summary = await post(BOARDS_HTTP_PATHS.getFinanceSummary, { regionCode: VILLAGE_A1, year: 2025 });

    expect(RESULTS.getFacets.parse(facets.json).years).toEqual([2025, 2024]);
    expect(RESULTS.getRecord.parse(record.json)?.id).toBe('P1');
    expect(missing).toEqual({ status: 200, json: null });
    expect(RESULTS.getFinanceSummary.parse(summary.json).months.length).toBeGreaterThan(0);
  });

  it('serves search and suggestions', async () => {
    const search = await post(BOARDS_HTTP_PATHS.search, { query: '预算', regionCode: VILLAGE_A1 });
    const suggest = await post(BOARDS_HTTP_PATHS.suggestTerms, { pinyin: 'ys', regionCode: VILLAGE_A1 });

    expect(RESULTS.search.parse(search.json).hits.map((hit) => hit.id)).toContain('N2');
    expect(suggest.status).toBe(200);
    RESULTS.suggestTerms.parse(suggest.json);
  });

  it('serves a document as base64', async () => {
    const found = await post(BOARDS_HTTP_PATHS.getDocument, { name: 'N2-budget.pdf' });
    const missing = await post(BOARDS_HTTP_PATHS.getDocument, { name: '../etc/passwd' });

    expect(Buffer.from(RESULTS.getDocument.parse(found.json)!.dataBase64, 'base64').equals(PDF_BYTES)).toBe(true);
    expect(missing).toEqual({ status: 200, json: null });
  });
});

describe('board path errors', () => {
  it('rejects a body that fails the schema', async () => {
    const { status, json } = await post(BOARDS_HTTP_PATHS.listRecords, { kind: 'notice', regionCode: VILLAGE_A1, offset: -1, limit: 20 });

    expect(status).toBe(400);
    expect(json).toMatchObject({ error: 'invalid-request' });
    expect((json as { message: string }).message).toContain('offset: Too small: expected number to be >=0');
  });

  it('rejects invalid JSON and extra region fields', async () => {
    expect((await post(BOARDS_HTTP_PATHS.getRecord, '{"kind": ')).status).toBe(400);
    expect((await post(BOARDS_HTTP_PATHS.getRegions, { regionCode: VILLAGE_A1 })).status).toBe(400);
  });

  it('rejects GET with 405', async () => {
    const response = await fetch(new URL(BOARDS_HTTP_PATHS.listRecords, host.url));

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('rejects another content type with 415', async () => {
    const { status } = await post(BOARDS_HTTP_PATHS.getFacets, '{}', { 'Content-Type': 'text/plain' });

    expect(status).toBe(415);
  });

  it('rejects an oversized body with 413', async () => {
    const { status } = await post(BOARDS_HTTP_PATHS.search, { query: 'x'.repeat(MAX_BOARD_BODY_BYTES), regionCode: VILLAGE_A1 });

    expect(status).toBe(413);
  });
});

describe('renderer HTTP client', () => {
  const nodeFetch = globalThis.fetch;

  // The client fetches paths relative to its page; here the page is the host's URL.
  function servePage(): void {
    globalThis.fetch = (input, init) => nodeFetch(new URL(String(input), host.url), init);
  }

  afterEach(() => {
    globalThis.fetch = nodeFetch;
  });

  it('calls every board method through the host', async () => {
    servePage();
    const api = checkedKioskApi(createHttpKioskApi());

    expect((await api.getRegions()).length).toBe(6);
    expect((await api.listRecords({ kind: 'project', regionCode: VILLAGE_A1, offset: 0, limit: 10 })).total).toBe(2);
    expect((await api.getFacets({ kind: 'notice', regionCode: TOWNSHIP_A })).years).toEqual([2025]);
    expect((await api.getRecord({ kind: 'notice', id: 'N2' }))?.kind).toBe('notice');
    expect((await api.getFinanceSummary({ regionCode: TOWNSHIP_A, year: 2024 })).incomeFen).toBeGreaterThan(0);
    expect((await api.search({ query: '预算', regionCode: VILLAGE_A1 })).hits.length).toBeGreaterThan(0);
    expect(Array.isArray((await api.suggestTerms({ pinyin: 'ys', regionCode: VILLAGE_A1 })).terms)).toBe(true);
    expect((await api.getDocument('P1-site.png'))?.mediaType).toBe('image/png');
    expect(await api.getDocument('missing.png')).toBeNull();
  });

  it('turns a rejected request into ServiceUnavailableError', async () => {
    servePage();
    const api = checkedKioskApi(createHttpKioskApi());

    await expect(api.listRecords({ kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 1000 })).rejects.toThrow(ServiceUnavailableError);
    await expect(api.listRecords({ kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 1000 })).rejects.toThrow(/HTTP 400/);
  });
});
