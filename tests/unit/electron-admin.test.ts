// The Electron host's admin parts under the electron stand-in. The AdminApi channels serve the
// real admin service and reject foreign senders and bad arguments. The printer state comes from
// the system's printer list, and exit to desktop stops the services and exits with the
// technician's exit code.
import path from 'node:path';
import type { IpcMain, PrinterInfo } from 'electron';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_CHANNELS } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { TECHNICIAN_EXIT_CODE } from '../../src-shared/watchdog-protocol.js';
import { createAdminService } from '../../src-main/core/admin/admin-service.js';
import { kioskSettingsOf } from '../../src-main/core/config.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import { configureLogging } from '../../src-main/core/log.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { ADMIN_PIN, makeAdminTerminal } from '../helpers/admin-terminal.js';
import type { AdminTerminal } from '../helpers/admin-terminal.js';
import { fromFrame, ipcHandlerOf } from '../helpers/ipc-calls.js';
import { makeTempDir } from '../helpers/temp.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { registerAdminIpc, IpcRejection } = await import('../../src-main/electron/ipc.js');
const { EXIT_DELAY_MS, electronAdminHost, electronPrinterStatus } = await import('../../src-main/electron/admin-host.js');
const { startKioskHost } = await import('../../src-main/electron/main.js');

const PAGE = 'file:///opt/minsheng-kiosk/dist/renderer/index.html';

let temp: ReturnType<typeof makeTempDir>;
let terminal: AdminTerminal;
let kiosk: KioskService;
let adminCalls: string[];
let unregister: () => void;

function printer(name: string): PrinterInfo {
  return { name, displayName: `${name} (display)`, description: '', options: {} };
}

beforeAll(() => {
  temp = makeTempDir('minsheng-electron-admin-');
  terminal = makeAdminTerminal(temp.dir);
});

afterAll(() => temp.remove());

describe('registerAdminIpc', () => {
  beforeEach(() => {
    standIn.resetStandIn();
    adminCalls = [];
    const { loaded } = terminal;
    kiosk = createKioskService({ dataDir: path.join(temp.dir, 'ipc-data'), settings: kioskSettingsOf(loaded.config) });
    const service = createAdminService({
      loaded: { ...loaded, dataDir: path.join(temp.dir, 'ipc-data') },
      kiosk,
      host: { processMemoryBytes: () => 1, printerStatus: async () => ({ state: 'unknown', detail: null }), exitToDesktop: null },
    });
    const recording: AdminApi = {
      adminUnlock: (request) => (adminCalls.push('adminUnlock'), service.adminUnlock(request)),
      adminDiagnostics: (request) => (adminCalls.push('adminDiagnostics'), service.adminDiagnostics(request)),
      adminAction: (request) => (adminCalls.push('adminAction'), service.adminAction(request)),
      adminTouch: (request) => (adminCalls.push('adminTouch'), service.adminTouch(request)),
      adminLock: (request) => (adminCalls.push('adminLock'), service.adminLock(request)),
    };
    unregister = registerAdminIpc(standIn.ipcMain as unknown as IpcMain, recording, PAGE);
  });

  afterEach(async () => {
    unregister();
    await kiosk.close();
  });

  it('registers every admin channel', () => {
    expect([...standIn.recorded.ipcHandlers.keys()].sort()).toEqual(Object.values(ADMIN_CHANNELS).sort());
  });

  it('serves unlock, diagnostics, touch and lock', async () => {
    const unlocked = (await ipcHandlerOf(ADMIN_CHANNELS.adminUnlock)(fromFrame(PAGE), { pin: ADMIN_PIN })) as { status: string; token: string };
    expect(unlocked.status).toBe('unlocked');

    const diagnostics = await ipcHandlerOf(ADMIN_CHANNELS.adminDiagnostics)(fromFrame(PAGE), { token: unlocked.token });
    expect(diagnostics).toMatchObject({ status: 'ok', diagnostics: { terminalId: 'T-430121-01' } });
    expect(await ipcHandlerOf(ADMIN_CHANNELS.adminTouch)(fromFrame(PAGE), { token: unlocked.token })).toEqual({ status: 'ok' });

    await ipcHandlerOf(ADMIN_CHANNELS.adminLock)(fromFrame(PAGE), { token: unlocked.token });
    expect(await ipcHandlerOf(ADMIN_CHANNELS.adminDiagnostics)(fromFrame(PAGE), { token: unlocked.token })).toEqual({ status: 'expired' });
  });

  it('rejects a call from a foreign frame', async () => {
    await expect(ipcHandlerOf(ADMIN_CHANNELS.adminUnlock)(fromFrame('https://evil.example/'), { pin: ADMIN_PIN })).rejects.toBeInstanceOf(IpcRejection);
    await expect(ipcHandlerOf(ADMIN_CHANNELS.adminUnlock)(fromFrame(PAGE, { url: PAGE }), { pin: ADMIN_PIN })).rejects.toBeInstanceOf(IpcRejection);
    expect(adminCalls).toEqual([]);
  });

  it('rejects bad arguments without naming the PIN', async () => {
    const error = (await ipcHandlerOf(ADMIN_CHANNELS.adminUnlock)(fromFrame(PAGE), { pin: 24681012 }).catch((thrown: unknown) => thrown)) as Error;

    expect(error).toBeInstanceOf(IpcRejection);
    expect(error.message).toBe('kiosk:admin-unlock: invalid arguments (0.pin: invalid_type)');
    expect(error.message).not.toContain('24681012');
    await expect(ipcHandlerOf(ADMIN_CHANNELS.adminAction)(fromFrame(PAGE), { token: 't'.repeat(43), action: 'reboot' })).rejects.toThrow(
      /0\.action: invalid_value/,
    );
    expect(adminCalls).toEqual([]);
  });

  it('removes its channels again', () => {
    unregister();

    expect(standIn.recorded.ipcHandlers.size).toBe(0);
  });
});

describe('electronPrinterStatus', () => {
  const listed = () => Promise.resolve([printer('HP-LaserJet'), printer('XP-80C')]);

  it('is not-configured without a printer section or with printing off', async () => {
    expect(await electronPrinterStatus(undefined, listed)).toEqual({ state: 'not-configured', detail: null });
    expect(await electronPrinterStatus({ enabled: false, layout: 'a4' }, listed)).toEqual({ state: 'not-configured', detail: null });
  });

  it('finds the named printer', async () => {
    expect(await electronPrinterStatus({ enabled: true, name: 'XP-80C', layout: 'receipt-80mm' }, listed)).toEqual({
      state: 'ready',
      detail: 'installed as "XP-80C (display)"; whether it has paper shows only on a test page',
    });
  });

  it('reports a named printer the system does not list', async () => {
    expect(await electronPrinterStatus({ enabled: true, name: 'EPSON', layout: 'a4' }, listed)).toEqual({
      state: 'not-found',
      detail: 'no printer named "EPSON"; the system lists: HP-LaserJet, XP-80C',
    });
  });

  it('uses the default printer when none is named', async () => {
    expect(await electronPrinterStatus({ enabled: true, layout: 'a4' }, listed)).toMatchObject({ state: 'ready' });
    expect(await electronPrinterStatus({ enabled: true, layout: 'a4' }, () => Promise.resolve([]))).toMatchObject({ state: 'not-found' });
  });

  it('is unknown without a window and error when listing fails', async () => {
    expect(await electronPrinterStatus({ enabled: true, layout: 'a4' }, () => null)).toMatchObject({ state: 'unknown' });
    expect(await electronPrinterStatus({ enabled: true, layout: 'a4' }, () => Promise.reject(new Error('CUPS is down')))).toEqual({
      state: 'error',
      detail: 'listing the printers failed: CUPS is down',
    });
  });
});

describe('electronAdminHost', () => {
  beforeEach(() => standIn.resetStandIn());
  afterEach(() => vi.useRealTimers());

  it('sums the memory of all processes', () => {
    standIn.app.metrics = [
      { pid: 1, type: 'Browser', memory: { workingSetSize: 100_000, peakWorkingSetSize: 0 } },
      { pid: 2, type: 'Tab', memory: { workingSetSize: 50_000, peakWorkingSetSize: 0 } },
    ];
    const host = electronAdminHost({ app: standIn.app as never, printer: undefined, listPrinters: () => null, beforeExit: async () => undefined });

    expect(host.processMemoryBytes()).toBe(150_000 * 1024);
  });

  it('stops the services, then exits with the technician exit code', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const steps: string[] = [];
    const host = electronAdminHost({
      app: standIn.app as never,
      printer: undefined,
      listPrinters: () => null,
      beforeExit: async () => {
        steps.push('services stopped');
      },
    });
    host.exitToDesktop!();

    // The result must reach the screen first, so nothing happens until the delay has passed.
    expect(steps).toEqual([]);
    expect(standIn.recorded.exitCodes).toEqual([]);
    await vi.advanceTimersByTimeAsync(EXIT_DELAY_MS);

    expect(steps).toEqual(['services stopped']);
    expect(standIn.recorded.exitCodes).toEqual([TECHNICIAN_EXIT_CODE]);
  });

  it('exits even when stopping the services fails', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const host = electronAdminHost({
      app: standIn.app as never,
      printer: undefined,
      listPrinters: () => null,
      beforeExit: () => Promise.reject(new Error('outbox busy')),
    });
    host.exitToDesktop!();
    await vi.advanceTimersByTimeAsync(EXIT_DELAY_MS);

    expect(standIn.recorded.exitCodes).toEqual([TECHNICIAN_EXIT_CODE]);
  });
});

describe('startKioskHost with an admin section', () => {
  beforeEach(() => standIn.resetStandIn());
  afterEach(() => configureLogging());

  it('unlocks over IPC and exits to the desktop with the technician exit code', async () => {
    await startKioskHost(['app', '--config', terminal.loaded.file], {});
    const unlocked = (await ipcHandlerOf(ADMIN_CHANNELS.adminUnlock)(fromFrame(PAGE), { pin: ADMIN_PIN })) as { status: string; token: string };
    expect(unlocked.status).toBe('unlocked');

    const result = await ipcHandlerOf(ADMIN_CHANNELS.adminAction)(fromFrame(PAGE), { token: unlocked.token, action: 'exit-to-desktop' });
    expect(result).toMatchObject({ status: 'done', code: 'exiting' });
    await vi.waitFor(() => expect(standIn.recorded.exitCodes).toEqual([TECHNICIAN_EXIT_CODE]), { timeout: 10_000 });

    standIn.app.quit();
    expect(standIn.recorded.ipcHandlers.size).toBe(0);
  });
});
