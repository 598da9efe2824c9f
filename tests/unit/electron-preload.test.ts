// The preload exposes exactly the KioskApi and the AdminApi and rejects values from main that fail the schemas.
// The source is tested with the stand-in; the bundled file is checked to load where only
// 'electron' can be required, as in a sandboxed renderer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_CHANNELS } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { BOARDS_CHANNELS } from '../../src-shared/boards-api.js';
import { KIOSK_CHANNELS } from '../../src-shared/kiosk-api.js';
import { REPORTS_CHANNELS } from '../../src-shared/reports-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');

const SETTINGS = {
  ...TEST_SETTINGS,
  terminalName: '演示终端',
  idleTimeoutSeconds: 90,
  idleWarningSeconds: 20,
  homeRegionCode: '431226101',
  terminalId: 'demo-01',
};

const KIOSK_API_METHODS = [
  'fileReport',
  'getCaseStatus',
  'getDocument',
  'getEmergencyNotices',
  'getFacets',
  'getFinanceSummary',
  'getRecord',
  'getRegions',
  'getSettings',
  'getSnapshotInfo',
  'listRecords',
  'lookupHousehold',
  'print',
  'search',
  'suggestTerms',
];

// Importing the preload runs it once; the stand-in records what it exposed.
standIn.resetStandIn();
await import('../../src-main/electron/preload.js');
const exposedKeys = [...standIn.recorded.exposed.keys()];
const api = standIn.recorded.exposed.get('kioskApi') as KioskApi;
const adminApi = standIn.recorded.exposed.get('adminApi') as AdminApi;
const TOKEN = 'k'.repeat(43);

describe('preload source', () => {
  beforeEach(() => {
    standIn.recorded.invocations.length = 0;
    standIn.rendererSide.reply = () => undefined;
  });

  it('exposes only kioskApi and adminApi with their methods', () => {
    expect(exposedKeys).toEqual(['kioskApi', 'adminApi']);
    expect(Object.keys(api).sort()).toEqual(KIOSK_API_METHODS);
    expect(Object.keys(adminApi).sort()).toEqual(['adminAction', 'adminDiagnostics', 'adminLock', 'adminTouch', 'adminUnlock']);
  });

  it('relays admin calls on the admin channels', async () => {
    standIn.rendererSide.reply = (channel) => {
      if (channel === ADMIN_CHANNELS.adminUnlock) return { status: 'wrong-pin', attemptsLeft: 2 };
      if (channel === ADMIN_CHANNELS.adminAction) return { status: 'done', code: 'reachable', detail: 'sync-source: HTTP 200' };
      return undefined;
    };

    await expect(adminApi.adminUnlock({ pin: '123456' })).resolves.toEqual({ status: 'wrong-pin', attemptsLeft: 2 });
    await expect(adminApi.adminAction({ token: TOKEN, action: 'network-check' })).resolves.toEqual({
      status: 'done',
      code: 'reachable',
      detail: 'sync-source: HTTP 200',
    });
    await expect(adminApi.adminLock({ token: TOKEN })).resolves.toBeUndefined();
    expect(standIn.recorded.invocations.map((call) => call.channel)).toEqual([
      ADMIN_CHANNELS.adminUnlock,
      ADMIN_CHANNELS.adminAction,
      ADMIN_CHANNELS.adminLock,
    ]);
    expect(standIn.recorded.invocations[1]!.args).toEqual([{ token: TOKEN, action: 'network-check' }]);
  });

  it('rejects a malformed admin answer from main', async () => {
    standIn.rendererSide.reply = () => ({ status: 'unlocked', token: 'short' });
    await expect(adminApi.adminUnlock({ pin: '123456' })).rejects.toThrow(/kiosk:admin-unlock: main returned a malformed value \(token: too_small\)/);

    standIn.rendererSide.reply = () => ({ status: 'ok', diagnostics: { terminalId: 'demo-01' } });
    await expect(adminApi.adminDiagnostics({ token: TOKEN })).rejects.toThrow(/diagnostics\.terminalName: invalid_type/);
  });

  it('invokes the named channels', async () => {
    standIn.rendererSide.reply = (channel) => {
      if (channel === KIOSK_CHANNELS.getSettings) return SETTINGS;
      if (channel === KIOSK_CHANNELS.getSnapshotInfo) return null;
      return { status: 'not-found' };
    };

    expect(await api.getSettings()).toEqual(SETTINGS);
    expect(await api.getSnapshotInfo()).toBeNull();
    expect(await api.lookupHousehold('11010519491231002X')).toEqual({ status: 'not-found' });
    expect(standIn.recorded.invocations).toEqual([
      { channel: KIOSK_CHANNELS.getSettings, args: [] },
      { channel: KIOSK_CHANNELS.getSnapshotInfo, args: [] },
      { channel: KIOSK_CHANNELS.lookupHousehold, args: [{ idNumber: '11010519491231002X' }] },
    ]);
  });

  it('rejects malformed settings from main', async () => {
    standIn.rendererSide.reply = () => ({ ...SETTINGS, idleTimeoutSeconds: 'ninety' });

    await expect(api.getSettings()).rejects.toThrow(/kiosk:get-settings: main returned a malformed value/);
  });

  it('rejects a malformed lookup result', async () => {
    standIn.rendererSide.reply = () => ({ status: 'found' });

    await expect(api.lookupHousehold('1')).rejects.toThrow(/household/);
  });

  it('rejects a negative amount', async () => {
    standIn.rendererSide.reply = () => ({
      status: 'found',
      household: {
        villageCode: '431226100201',
        villageName: '村',
        townshipName: '镇',
        countyName: '县',
        members: [],
        payments: [],
        totalFen: -1,
      },
    });

    await expect(api.lookupHousehold('1')).rejects.toThrow(/totalFen/);
  });

  it('sends board requests on their channels', async () => {
    standIn.rendererSide.reply = (channel) => (channel === BOARDS_CHANNELS.getRegions ? [] : null);

    expect(await api.getRegions()).toEqual([]);
    expect(await api.getRecord({ kind: 'notice', id: 'N1' })).toBeNull();
    expect(await api.getDocument('N2-budget.pdf')).toBeNull();
    expect(standIn.recorded.invocations).toEqual([
      { channel: BOARDS_CHANNELS.getRegions, args: [] },
      { channel: BOARDS_CHANNELS.getRecord, args: [{ kind: 'notice', id: 'N1' }] },
      { channel: BOARDS_CHANNELS.getDocument, args: [{ name: 'N2-budget.pdf' }] },
    ]);
  });

  it('sends reporting requests on their channels', async () => {
    standIn.rendererSide.reply = (channel) =>
      channel === REPORTS_CHANNELS.getCaseStatus ? { status: 'invalid', problem: 'empty' } : { status: 'not-configured' };
    const draft = { category: 'other', record: null, regionCode: '431226', text: '文字', phone: null, consent: true, language: 'zh-CN' } as const;

    expect(await api.fileReport(draft)).toEqual({ status: 'not-configured' });
    expect(await api.getCaseStatus({ caseNumber: '' })).toEqual({ status: 'invalid', problem: 'empty' });
    expect(await api.print({ document: 'test', language: 'zh-CN' })).toEqual({ status: 'not-configured' });
    expect(standIn.recorded.invocations).toEqual([
      { channel: REPORTS_CHANNELS.fileReport, args: [draft] },
      { channel: REPORTS_CHANNELS.getCaseStatus, args: [{ caseNumber: '' }] },
      { channel: REPORTS_CHANNELS.print, args: [{ document: 'test', language: 'zh-CN' }] },
    ]);
  });

  it('rejects a filing result without a receipt', async () => {
    standIn.rendererSide.reply = () => ({ status: 'filed' });
    const draft = { category: 'other', record: null, regionCode: '431226', text: '文字', phone: null, consent: true, language: 'zh-CN' } as const;

    await expect(api.fileReport(draft)).rejects.toThrow(/receipt/);
  });

  it('rejects a malformed list page', async () => {
    standIn.rendererSide.reply = () => ({ total: 1, offset: 0, items: [{ id: 'N1' }], sources: [] });

    await expect(api.listRecords({ kind: 'notice', regionCode: '431226', offset: 0, limit: 10 })).rejects.toThrow(/items\.0\.title/);
  });

  it('rejects a negative finance total', async () => {
    standIn.rendererSide.reply = () => ({
      regionCode: '431226',
      year: 2025,
      incomeFen: -1,
      expenditureFen: 0,
      months: [],
      categories: [],
      flagThresholdFen: 0,
      flaggedCount: 0,
      sources: [],
    });

    await expect(api.getFinanceSummary({ regionCode: '431226', year: 2025 })).rejects.toThrow(/incomeFen/);
  });

  it('rejects undefined snapshot info', async () => {
    standIn.rendererSide.reply = () => undefined;

    await expect(api.getSnapshotInfo()).rejects.toThrow(/malformed/);
  });
});

describe('preload bundle', () => {
  const temp = makeTempDir();
  let bundle: string;

  beforeAll(async () => {
    await build({
      configFile: path.join(REPO_ROOT, 'vite.preload.config.ts'),
      logLevel: 'silent',
      build: { outDir: temp.dir, emptyOutDir: true, sourcemap: false },
    });
    bundle = readFileSync(path.join(temp.dir, 'preload.cjs'), 'utf8');
    return () => temp.remove();
  });

  it('requires nothing but electron', async () => {
    const required: string[] = [];
    const sandbox = {
      module: { exports: {} },
      exports: {},
      require(name: string) {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return standIn;
      },
    };
    standIn.resetStandIn();
    vm.runInNewContext(bundle, sandbox);

    expect(required).toEqual(['electron']);
    const bundledApi = standIn.recorded.exposed.get('kioskApi') as KioskApi;
    expect(Object.keys(bundledApi).sort()).toEqual(KIOSK_API_METHODS);
    expect([...standIn.recorded.exposed.keys()]).toEqual(['kioskApi', 'adminApi']);

    standIn.rendererSide.reply = () => ({ ...SETTINGS, defaultLanguage: 'fr' });
    await expect(bundledApi.getSettings()).rejects.toThrow(/defaultLanguage/);
  });
});
