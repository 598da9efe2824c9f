// Board requests over real HTTP on 127.0.0.1 that the browser host rejects, with messages that
// name the code, filter or allowed values, and a client that aborts its request body.
import { readFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BOARDS_HTTP_PATHS, ListPageSchema } from '../../src-shared/boards-api.js';
import { configureLogging } from '../../src-main/core/log.js';
import { useBoardHost } from '../helpers/board-host.js';
import { COUNTY, TOWNSHIP_A, VILLAGE_A1 } from '../helpers/board-snapshot.js';

const host = useBoardHost();

interface ErrorBody {
  error: string;
  message: string;
}

async function post(pathname: string, body: unknown): Promise<{ status: number; json: ErrorBody }> {
  const { status, json } = await host.post(pathname, body);
  return { status, json: json as ErrorBody };
}

describe('region codes the snapshot lacks', () => {
  it('get 400 on every region request', async () => {
    for (const regionCode of ['433122', '110101', '999999999999', '431226999', '431226101999']) {
      const requests: [string, unknown][] = [
        [BOARDS_HTTP_PATHS.listRecords, { kind: 'project', regionCode, offset: 0, limit: 5 }],
        [BOARDS_HTTP_PATHS.getFacets, { kind: 'notice', regionCode }],
        [BOARDS_HTTP_PATHS.getFinanceSummary, { regionCode, year: 2024 }],
        [BOARDS_HTTP_PATHS.search, { query: '村', regionCode }],
        [BOARDS_HTTP_PATHS.suggestTerms, { pinyin: 'ys', regionCode }],
      ];

      for (const [pathname, body] of requests) {
        const { status, json } = await post(pathname, body);
        expect(status, `${pathname} ${regionCode}`).toBe(400);
        expect(json.error).toBe('unknown-region');
        expect(json.message).toContain(`Region ${regionCode} is not a county, township or village of the installed snapshot of county ${COUNTY}`);
      }
    }
  });

  it('get 400 for codes of no region level', async () => {
    for (const regionCode of ['4312261', '43122610', '4312261012']) {
      const search = await post(BOARDS_HTTP_PATHS.search, { query: '村', regionCode });
      const list = await post(BOARDS_HTTP_PATHS.listRecords, { kind: 'notice', regionCode, offset: 0, limit: 5 });

      expect(search.status).toBe(400);
      expect(list.status).toBe(400);
      expect(search.json.message).toContain('regionCode: must be a county (6 digits), township (9 digits) or village (12 digits) code');
    }
  });
});

describe('request messages', () => {
  it('name a filter of another kind', async () => {
    const { status, json } = await post(BOARDS_HTTP_PATHS.listRecords, {
      kind: 'project',
      regionCode: TOWNSHIP_A,
      filters: { flaggedOnly: true },
      offset: 0,
      limit: 1,
    });

    expect(status).toBe(400);
    expect(json.message).toContain('filters.flaggedOnly: applies only to kind finance-entry, not to project; remove it');
  });

  it('name a notice board on facets of another kind', async () => {
    const { status, json } = await post(BOARDS_HTTP_PATHS.getFacets, { kind: 'project', regionCode: TOWNSHIP_A, noticeBoard: '村务公开' });

    expect(status).toBe(400);
    expect(json.message).toContain('noticeBoard: applies only to kind notice, not to project; remove it');
  });

  it('name the allowed range', async () => {
    const limit = await post(BOARDS_HTTP_PATHS.listRecords, { kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 501 });
    const year = await post(BOARDS_HTTP_PATHS.getFinanceSummary, { regionCode: VILLAGE_A1, year: 1899 });
    const offset = await post(BOARDS_HTTP_PATHS.search, { query: '村', regionCode: VILLAGE_A1, offset: 1001 });

    expect(limit.json.message).toContain('limit: Too big: expected number to be <=500');
    expect(year.json.message).toContain('year: Too small: expected number to be >=1900');
    expect(offset.json.message).toContain('offset: Too big: expected number to be <=1000');
  });

  it('name the allowed values', async () => {
    const kind = await post(BOARDS_HTTP_PATHS.listRecords, { kind: 'payments', regionCode: VILLAGE_A1, offset: 0, limit: 5 });
    const pinyin = await post(BOARDS_HTTP_PATHS.suggestTerms, { pinyin: 'DiBao', regionCode: VILLAGE_A1 });
    const kinds = await post(BOARDS_HTTP_PATHS.search, { query: '道路', regionCode: COUNTY, kinds: [] });

    expect(kind.json.message).toContain('kind: Invalid option: expected one of "project"|"fund-allocation"');
    expect(pinyin.json.message).toContain('pinyin: must be 1 to 30 lower-case letters a to z');
    expect(kinds.status).toBe(400);
    expect(kinds.json.message).toContain('kinds: Too small: expected array to have >=1 items');
  });

  it('accept a body with a byte order mark', async () => {
    const body = `\uFEFF${JSON.stringify({ kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 5 })}`;
    const response = await fetch(new URL(BOARDS_HTTP_PATHS.listRecords, host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(body, 'utf8'),
    });

    expect(response.status).toBe(200);
    expect(ListPageSchema.parse(await response.json()).total).toBeGreaterThan(0);
  });
});

describe('client aborts', () => {
  it('log one info line without a stack', async () => {
    const logFile = path.join(host.tempDir, 'host.log');
    configureLogging({ file: logFile, level: 'debug' });
    try {
      // Announces 200 bytes, sends 9 and closes the connection.
      const socket = connect(host.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST ${BOARDS_HTTP_PATHS.listRecords} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"kind": ',
      );
      socket.destroy();

      await vi.waitFor(() => expect(readLines(logFile).some((line) => line.msg?.startsWith('client closed'))).toBe(true), { timeout: 30_000 });
      const lines = readLines(logFile);
      const abort = lines.filter((line) => line.msg?.startsWith('client closed'));

      expect(abort).toHaveLength(1);
      expect(abort[0]).toMatchObject({ level: 30, module: 'browser-host', path: BOARDS_HTTP_PATHS.listRecords });
      expect(abort[0]!.err).toBeUndefined();
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      configureLogging({ level: 'fatal' });
    }
  });
});

interface LogLine {
  level: number;
  module?: string;
  msg?: string;
  path?: string;
  err?: unknown;
}

function readLines(file: string): LogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
}
