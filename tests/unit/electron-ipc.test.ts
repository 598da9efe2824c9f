// Every KioskApi channel is registered, serves the real kiosk service, and rejects a bad
// argument or a foreign sender before core receives the call.
import path from 'node:path';
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOARDS_CHANNELS } from '../../src-shared/boards-api.js';
import { KIOSK_CHANNELS } from '../../src-shared/kiosk-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { REPORTS_CHANNELS } from '../../src-shared/reports-api.js';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { fromFrame, ipcHandlerOf } from '../helpers/ipc-calls.js';
import { makeTempDir } from '../helpers/temp.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { registerKioskIpc, IpcRejection } = await import('../../src-main/electron/ipc.js');

const PAGE = 'file:///opt/minsheng-kiosk/dist/renderer/index.html';

let temp: ReturnType<typeof makeTempDir>;
let service: KioskService;
let coreCalls: string[];
let unregister: () => void;

/** Wraps the real service to record each call it receives. */
function recordingApi(real: KioskApi): KioskApi {
  return {
    getSettings: () => (coreCalls.push('getSettings'), real.getSettings()),
    getSnapshotInfo: () => (coreCalls.push('getSnapshotInfo'), real.getSnapshotInfo()),
    lookupHousehold: (idNumber) => (coreCalls.push(`lookupHousehold:${idNumber.length}`), real.lookupHousehold(idNumber)),
    getRegions: () => (coreCalls.push('getRegions'), real.getRegions()),
    listRecords: (request) => (coreCalls.push('listRecords'), real.listRecords(request)),
    getFacets: (request) => (coreCalls.push('getFacets'), real.getFacets(request)),
    getRecord: (request) => (coreCalls.push('getRecord'), real.getRecord(request)),
    getFinanceSummary: (request) => (coreCalls.push('getFinanceSummary'), real.getFinanceSummary(request)),
    search: (request) => (coreCalls.push('search'), real.search(request)),
    suggestTerms: (request) => (coreCalls.push('suggestTerms'), real.suggestTerms(request)),
    getDocument: (name) => (coreCalls.push('getDocument'), real.getDocument(name)),
    fileReport: (draft) => (coreCalls.push('fileReport'), real.fileReport(draft)),
    getCaseStatus: (request) => (coreCalls.push('getCaseStatus'), real.getCaseStatus(request)),
    print: (request) => (coreCalls.push('print'), real.print(request)),
    getEmergencyNotices: () => (coreCalls.push('getEmergencyNotices'), real.getEmergencyNotices()),
  };
}

beforeEach(() => {
  standIn.resetStandIn();
  temp = makeTempDir();
  coreCalls = [];
  service = createKioskService({ dataDir: path.join(temp.dir, 'data'), settings: DEFAULT_KIOSK_SETTINGS });
  unregister = registerKioskIpc(standIn.ipcMain as unknown as IpcMain, recordingApi(service), PAGE);
});

afterEach(async () => {
  await service.close();
  temp.remove();
});

describe('registerKioskIpc', () => {
  it('registers every KIOSK, BOARDS and REPORTS channel', () => {
    expect([...standIn.recorded.ipcHandlers.keys()].sort()).toEqual(
      [...Object.values(KIOSK_CHANNELS), ...Object.values(BOARDS_CHANNELS), ...Object.values(REPORTS_CHANNELS)].sort(),
    );
  });

  it('serves settings from the service', async () => {
    const settings = await ipcHandlerOf(KIOSK_CHANNELS.getSettings)(fromFrame(PAGE));

    expect(settings).toEqual(DEFAULT_KIOSK_SETTINGS);
    expect(coreCalls).toEqual(['getSettings']);
  });

  it('returns null snapshot info before the first sync', async () => {
    expect(await ipcHandlerOf(KIOSK_CHANNELS.getSnapshotInfo)(fromFrame(`${PAGE}#/home`))).toBeNull();
  });

  it('passes a valid lookup to the service', async () => {
    const result = await ipcHandlerOf(KIOSK_CHANNELS.lookupHousehold)(fromFrame(PAGE), { idNumber: '11010519491231002X' });

    expect(result).toEqual({ status: 'no-data' });
    expect(coreCalls).toEqual(['lookupHousehold:18']);
  });

  it.each([
    ['a bare string', ['11010519491231002X']],
    ['no argument', []],
    ['a number idNumber', [{ idNumber: 110105 }]],
    ['an overlong idNumber', [{ idNumber: '1'.repeat(65) }]],
    ['an extra argument', [{ idNumber: '1' }, 'extra']],
  ])('rejects a lookup with %s', async (_case, args) => {
    const call = ipcHandlerOf(KIOSK_CHANNELS.lookupHousehold)(fromFrame(PAGE), ...args);

    await expect(call).rejects.toBeInstanceOf(IpcRejection);
    await expect(call).rejects.toThrow(/invalid arguments/);
    expect(coreCalls).toEqual([]);
  });

  it('keeps the rejected ID number out of the error', async () => {
    const call = ipcHandlerOf(KIOSK_CHANNELS.lookupHousehold)(fromFrame(PAGE), { idNumber: 11010519491231 });

    await expect(call).rejects.toThrow(IpcRejection);
    await call.catch((error: Error) => expect(error.message).not.toContain('11010519491231'));
  });

  it('rejects arguments to getSettings', async () => {
    await expect(ipcHandlerOf(KIOSK_CHANNELS.getSettings)(fromFrame(PAGE), 'x')).rejects.toThrow(IpcRejection);
    expect(coreCalls).toEqual([]);
  });

  it.each([
    ['a web page', fromFrame('https://example.com/')],
    ['another local file', fromFrame('file:///tmp/evil.html')],
    ['a subframe of our page', fromFrame(PAGE, { url: PAGE })],
    ['no frame', { senderFrame: null }],
  ])('rejects a call from %s', async (_case, event) => {
    await expect(ipcHandlerOf(KIOSK_CHANNELS.getSettings)(event)).rejects.toThrow(/not the kiosk page/);
    expect(coreCalls).toEqual([]);
  });

  it('passes valid board requests to the service', async () => {
    expect(await ipcHandlerOf(BOARDS_CHANNELS.getRegions)(fromFrame(PAGE))).toEqual([]);
    expect(await ipcHandlerOf(BOARDS_CHANNELS.listRecords)(fromFrame(PAGE), { kind: 'notice', regionCode: '431226101', offset: 20, limit: 20 })).toEqual({
      total: 0,
      offset: 20,
      items: [],
      sources: [],
    });
    expect(await ipcHandlerOf(BOARDS_CHANNELS.getDocument)(fromFrame(PAGE), { name: 'N2-budget.pdf' })).toBeNull();
    expect(coreCalls).toEqual(['getRegions', 'listRecords', 'getDocument']);
  });

  it.each([
    [BOARDS_CHANNELS.listRecords, [{ kind: 'payments', regionCode: '431226', offset: 0, limit: 20 }]],
    [BOARDS_CHANNELS.getRecord, [{ kind: 'notice' }]],
    [BOARDS_CHANNELS.search, [{ query: '预算', regionCode: "431226' OR 1=1" }]],
    [BOARDS_CHANNELS.getDocument, ['N2-budget.pdf']],
    [BOARDS_CHANNELS.getRegions, [{}]],
  ])('rejects bad arguments on %s', async (channel, args) => {
    await expect(ipcHandlerOf(channel)(fromFrame(PAGE), ...args)).rejects.toThrow(IpcRejection);
    expect(coreCalls).toEqual([]);
  });

  it('rejects a board call from a foreign frame', async () => {
    await expect(ipcHandlerOf(BOARDS_CHANNELS.getRegions)(fromFrame('https://example.com/'))).rejects.toThrow(/not the kiosk page/);
    expect(coreCalls).toEqual([]);
  });

  it('passes reporting requests to the service', async () => {
    const draft = {
      category: 'payment-missing',
      record: null,
      regionCode: '431226101201',
      text: '今年的养老补贴还没有收到。',
      phone: null,
      consent: true,
      language: 'zh-CN',
    };

    expect(await ipcHandlerOf(REPORTS_CHANNELS.fileReport)(fromFrame(PAGE), draft)).toEqual({ status: 'not-configured' });
    expect(await ipcHandlerOf(REPORTS_CHANNELS.getCaseStatus)(fromFrame(PAGE), { caseNumber: '12345' })).toEqual({
      status: 'invalid',
      problem: 'invalid-length',
    });
    expect(await ipcHandlerOf(REPORTS_CHANNELS.print)(fromFrame(PAGE), { document: 'test', language: 'zh-CN' })).toEqual({ status: 'not-configured' });
    expect(coreCalls).toEqual(['fileReport', 'getCaseStatus', 'print']);
  });

  it.each([
    [REPORTS_CHANNELS.fileReport, [{ category: 'other', text: '文字', consent: false }]],
    [REPORTS_CHANNELS.fileReport, []],
    [REPORTS_CHANNELS.getCaseStatus, ['26051212345678']],
    [REPORTS_CHANNELS.print, [{ document: 'poster', language: 'zh-CN' }]],
  ])('rejects bad arguments on %s', async (channel, args) => {
    await expect(ipcHandlerOf(channel)(fromFrame(PAGE), ...args)).rejects.toThrow(IpcRejection);
    expect(coreCalls).toEqual([]);
  });

  it('keeps a rejected phone number out of the error', async () => {
    const draft = { category: 'other', record: null, regionCode: '431226', text: '文字', phone: '1390000123', consent: true, language: 'zh-CN' };

    const error = await ipcHandlerOf(REPORTS_CHANNELS.fileReport)(fromFrame(PAGE), draft).catch((caught: Error) => caught);

    expect(error).toBeInstanceOf(IpcRejection);
    expect((error as Error).message).toContain('phone');
    expect((error as Error).message).not.toContain('1390000123');
  });

  it('rejects a reporting call from a foreign frame', async () => {
    await expect(ipcHandlerOf(REPORTS_CHANNELS.print)(fromFrame('https://example.com/'), { document: 'test', language: 'zh-CN' })).rejects.toThrow(
      /not the kiosk page/,
    );
    expect(coreCalls).toEqual([]);
  });

  it('removes its handlers again', () => {
    unregister();

    expect(standIn.recorded.ipcHandlers.size).toBe(0);
  });
});
