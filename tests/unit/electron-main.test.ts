// The host's lifecycle under the electron stand-in: a bad config shows an error and exits 1,
// a good one opens the locked-down window and wires IPC, sync and logging, and quitting
// releases them.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_CHANNELS } from '../../src-shared/admin-api.js';
import { BOARDS_CHANNELS } from '../../src-shared/boards-api.js';
import { KIOSK_CHANNELS } from '../../src-shared/kiosk-api.js';
import { REPORTS_CHANNELS } from '../../src-shared/reports-api.js';
import { WATCHDOG_SOCKET_ENV } from '../../src-shared/watchdog-protocol.js';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { readIncidents } from '../../src-main/core/incidents.js';
import { configureLogging } from '../../src-main/core/log.js';
import { readGpuState, writeGpuState } from '../../src-main/electron/gpu-fallback.js';
import { ADMIN_PIN, testPinHash } from '../helpers/admin-terminal.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile } from '../helpers/make-bundle.js';
import { listenAsSupervisor } from '../helpers/supervisor-socket.js';
import type { FakeSupervisor } from '../helpers/supervisor-socket.js';
import { makeTempDir } from '../helpers/temp.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { appFiles, configFileFrom, debugRequested, startKioskHost } = await import('../../src-main/electron/main.js');

let temp: ReturnType<typeof makeTempDir>;

function writeConfig(config: unknown): string {
  const file = path.join(temp.dir, 'terminal.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const GOOD_CONFIG = {
  terminalId: 'test-01',
  terminalName: '测试终端',
  regionCode: '431226',
  dataDir: 'data',
  sync: { source: 'no-bundle-here', trust: 'no-key-here.pub', intervalMinutes: 15 },
};

beforeEach(() => {
  standIn.resetStandIn();
  temp = makeTempDir();
  standIn.app.appPath = temp.dir;
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
  configureLogging();
  temp.remove();
});

describe('configFileFrom', () => {
  const checkout = { appPath: '/app', isPackaged: false, appDataPath: '/home/kiosk/.config' };
  const packaged = { ...checkout, appPath: '/opt/minsheng-kiosk/resources/app.asar', isPackaged: true };

  it('prefers --config over the environment', () => {
    expect(configFileFrom(['electron', '.', '--config', '/etc/k.json'], { MINSHENG_CONFIG: '/x.json' }, checkout)).toEqual({ file: '/etc/k.json', source: 'argument' });
    expect(configFileFrom(['app', '--config=/etc/k.json'], {}, packaged)).toEqual({ file: '/etc/k.json', source: 'argument' });
  });

  it('falls back to MINSHENG_CONFIG, then the demo', () => {
    expect(configFileFrom(['app'], { MINSHENG_CONFIG: '/x.json' }, checkout)).toEqual({ file: '/x.json', source: 'environment' });
    expect(configFileFrom(['app'], {}, checkout)).toEqual({ file: '/app/kiosk-config/demo.json', source: 'demo' });
  });

  it('uses the per-user config when packaged', () => {
    expect(configFileFrom(['app'], {}, packaged)).toEqual({ file: '/home/kiosk/.config/minsheng/kiosk.json', source: 'installed' });
    expect(configFileFrom(['app'], { MINSHENG_CONFIG: '/x.json' }, packaged)).toEqual({ file: '/x.json', source: 'environment' });
  });

  it('resolves a relative --config against the working directory', () => {
    expect(configFileFrom(['app', '--config', 'k.json'], {}, checkout).file).toBe(path.resolve('k.json'));
  });
});

describe('debugRequested', () => {
  it('needs --debug or MINSHENG_DEBUG=1', () => {
    expect(debugRequested(['app'], {})).toBe(false);
    expect(debugRequested(['app', '--debug'], {})).toBe(true);
    expect(debugRequested(['app'], { MINSHENG_DEBUG: '1' })).toBe(true);
  });
});

describe('startKioskHost', () => {
  it('shows config problems and exits 1', async () => {
    const file = writeConfig({ ...GOOD_CONFIG, regionCode: '4312', idle: { timeoutSeconds: 30, warningSeconds: 40 } });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    await startKioskHost(['app', '--config', file], { MINSHENG_LANG: 'en' });
    stderr.mockRestore();

    expect(standIn.recorded.exitCodes).toEqual([1]);
    expect(standIn.recorded.errorBoxes).toHaveLength(1);
    const { title, content } = standIn.recorded.errorBoxes[0]!;
    expect(title).toContain('terminal config is invalid');
    expect(content).toContain(file);
    expect(content).toContain('regionCode');
    expect(content).toContain('"4312"');
    expect(content).toContain('idle.warningSeconds');
    expect(standIn.recorded.windows).toHaveLength(0);
  });

  it('shows a missing config file in Chinese by default', async () => {
    const file = path.join(temp.dir, 'absent.json');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    await startKioskHost(['app', '--config', file], {});
    stderr.mockRestore();

    expect(standIn.recorded.exitCodes).toEqual([1]);
    expect(standIn.recorded.errorBoxes[0]!.title).toContain('终端配置有误');
    expect(standIn.recorded.errorBoxes[0]!.content).toContain(file);
  });

  it('names minsheng provision when packaged without config', async () => {
    standIn.app.isPackaged = true;
    standIn.app.paths = { appData: path.join(temp.dir, 'config-home') };
    const expected = path.join(temp.dir, 'config-home', 'minsheng', 'kiosk.json');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    await startKioskHost(['app'], { MINSHENG_LANG: 'en' });
    stderr.mockRestore();

    expect(standIn.recorded.exitCodes).toEqual([1]);
    expect(standIn.recorded.windows).toHaveLength(0);
    expect(standIn.recorded.errorBoxes).toHaveLength(1);
    const { title, content } = standIn.recorded.errorBoxes[0]!;
    expect(title).toContain('no config');
    expect(content).toContain(expected);
    expect(content).toContain('minsheng provision');
    expect(content).not.toContain('demo');
  });

  it('starts packaged with the per-user config', async () => {
    standIn.app.isPackaged = true;
    standIn.app.paths = { appData: path.join(temp.dir, 'config-home') };
    mkdirSync(path.join(temp.dir, 'config-home', 'minsheng'), { recursive: true });
    writeFileSync(path.join(temp.dir, 'config-home', 'minsheng', 'kiosk.json'), JSON.stringify(GOOD_CONFIG));

    await startKioskHost(['app'], {});

    expect(standIn.recorded.exitCodes).toEqual([]);
    expect(standIn.recorded.windows).toHaveLength(1);
    expect(existsSync(path.join(temp.dir, 'config-home', 'minsheng', 'data', 'logs', 'kiosk.log'))).toBe(true);
  });

  it('opens one locked-down kiosk window', async () => {
    const file = writeConfig(GOOD_CONFIG);

    await startKioskHost(['app', '--config', file], {});

    expect(standIn.recorded.exitCodes).toEqual([]);
    expect(standIn.recorded.windows).toHaveLength(1);
    const window = standIn.recorded.windows[0]!;
    const { pageUrl, preloadFile } = appFiles(temp.dir);
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, preload: preloadFile, devTools: false } });
    expect(window.webContents.loadedUrls).toEqual([pageUrl]);
    expect(window.webContents.windowOpenHandler).not.toBeNull();
    expect(standIn.recorded.permissionRequestHandler).not.toBeNull();
    expect(standIn.recorded.applicationMenu).toBeNull();
    expect(window.webContents.fire('before-input-event', standIn.keyboardInput('F4', 'F4', { alt: true })).defaultPrevented).toBe(true);
    expect(window.webContents.fire('before-input-event', standIn.keyboardInput('7', 'Digit7')).defaultPrevented).toBe(false);
    expect([...standIn.recorded.ipcHandlers.keys()].sort()).toEqual(
      [...Object.values(KIOSK_CHANNELS), ...Object.values(BOARDS_CHANNELS), ...Object.values(REPORTS_CHANNELS), ...Object.values(ADMIN_CHANNELS)].sort(),
    );
  });

  it('writes its log under dataDir', async () => {
    const file = writeConfig(GOOD_CONFIG);

    await startKioskHost(['app', '--config', file], {});

    expect(existsSync(path.join(temp.dir, 'data', 'logs', 'kiosk.log'))).toBe(true);
  });

  it('serves the previous snapshot when current is damaged', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const lookupKey = { algorithm: 'scrypt' as const, N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '2a'.repeat(16) };
    for (const version of [1, 2]) {
      const built = buildSnapshotFile(path.join(temp.dir, `build-${version}`, 'snapshot.sqlite'), { version, households: 1, regionCode: '431226', lookupKey });
      await installSnapshotFile(dataDir, built.file);
    }
    writeFileSync(snapshotFileOf(dataDir, pointerOrNull(dataDir, 'current')!), 'damaged by a power cut');

    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    const handler = standIn.recorded.ipcHandlers.get(KIOSK_CHANNELS.getSnapshotInfo)!;
    const info = (await handler(...([{ senderFrame: { url: appFiles(temp.dir).pageUrl, parent: null } }] as never[]))) as SnapshotInfo | null;

    expect(info?.version).toBe(1);
    expect(pointerOrNull(dataDir, 'current')?.version).toBe(1);
  });

  it('shows the window when ready', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    const window = standIn.recorded.windows[0]!;

    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the home page after a renderer crash', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    const window = standIn.recorded.windows[0]!;

    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });

    expect(window.webContents.loadedUrls).toEqual([appFiles(temp.dir).pageUrl, appFiles(temp.dir).pageUrl]);
    expect(window.webContents.reloads).toBe(0);
    await vi.waitFor(async () => expect(await readIncidents(path.join(temp.dir, 'data'))).toHaveLength(1));
    const [incident] = await readIncidents(path.join(temp.dir, 'data'));
    expect(incident).toMatchObject({ kind: 'renderer-gone', detail: 'reason=crashed exitCode=139' });
  });

  it('keeps the display awake until quit', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});

    expect([...standIn.recorded.powerSaveBlockers.values()]).toEqual(['prevent-display-sleep']);

    standIn.app.quit();

    expect(standIn.recorded.powerSaveBlockers.size).toBe(0);
  });

  it('grants only the configured permissions', async () => {
    await startKioskHost(['app', '--config', writeConfig({ ...GOOD_CONFIG, kiosk: { permissions: ['media'] } })], {});
    const request = standIn.recorded.permissionRequestHandler as unknown as (...args: unknown[]) => void;
    const granted = vi.fn();
    const denied = vi.fn();

    request({}, 'media', granted, { requestingUrl: appFiles(temp.dir).pageUrl });
    request({}, 'geolocation', denied, { requestingUrl: appFiles(temp.dir).pageUrl });

    expect(granted).toHaveBeenCalledWith(true);
    expect(denied).toHaveBeenCalledWith(false);
  });

  it('hides the cursor by default', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    const window = standIn.recorded.windows[0]!;

    window.webContents.emit('dom-ready');

    expect(window.webContents.insertedCss.some((sheet) => sheet.css.includes('cursor: none'))).toBe(true);
  });

  it('shows the cursor when not touch-only', async () => {
    await startKioskHost(['app', '--config', writeConfig({ ...GOOD_CONFIG, kiosk: { touchOnly: false } })], {});
    const window = standIn.recorded.windows[0]!;

    window.webContents.emit('dom-ready');

    expect(window.webContents.insertedCss.some((sheet) => sheet.css.includes('user-select: none'))).toBe(true);
    expect(window.webContents.insertedCss.some((sheet) => sheet.css.includes('cursor: none'))).toBe(false);
  });

  it('keeps the window open until quit', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    const window = standIn.recorded.windows[0]!;

    window.close();
    expect(window.isDestroyed()).toBe(false);

    standIn.app.quit();
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });

  it('counts GPU process crashes', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    const dataDir = path.join(temp.dir, 'data');

    for (const type of ['GPU', 'GPU', 'Utility', 'GPU']) {
      standIn.app.emit('child-process-gone', {}, { type, reason: 'crashed', exitCode: 139 });
    }
    standIn.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'clean-exit', exitCode: 0 });

    await vi.waitFor(() => expect(readGpuState(dataDir).state.crashes).toHaveLength(3));
    await vi.waitFor(async () => expect(await readIncidents(dataDir)).toHaveLength(3));
    expect((await readIncidents(dataDir)).map((incident) => incident.kind)).toEqual(['gpu-crash', 'gpu-crash', 'gpu-crash']);
    expect(standIn.recorded.hardwareAccelerationDisabled).toBe(false);
  });

  it('starts without acceleration after GPU crashes', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await writeGpuState(dataDir, { crashes: [minutesAgo(30), minutesAgo(20), minutesAgo(10)], softwareSince: null });

    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});

    expect(standIn.recorded.hardwareAccelerationDisabled).toBe(true);
    await vi.waitFor(() => expect(readGpuState(dataDir).state.softwareSince).not.toBeNull());
    await vi.waitFor(async () => expect(await readIncidents(dataDir)).toHaveLength(1));
    expect((await readIncidents(dataDir))[0]!.kind).toBe('gpu-software');
  });

  it('starts with acceleration after a clean history', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});

    expect(standIn.recorded.hardwareAccelerationDisabled).toBe(false);
  });

  it('releases IPC and the sync timers on quit', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});
    // The bundle sync and the emergency notice poll.
    expect(vi.getTimerCount()).toBe(2);

    standIn.app.quit();

    expect(vi.getTimerCount()).toBe(0);
    expect(standIn.recorded.ipcHandlers.size).toBe(0);
  });

  it('quits when all windows close', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});

    standIn.app.emit('window-all-closed');

    expect(standIn.recorded.quitCalls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('focuses the window for a second instance', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});

    standIn.app.emit('second-instance');

    expect(standIn.recorded.windows).toHaveLength(1);
    expect(standIn.recorded.windows[0]!.focused).toBe(true);
  });

  it('quits without a window when another instance runs', async () => {
    standIn.app.hasLock = false;

    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], {});

    expect(standIn.recorded.quitCalls).toBe(1);
    expect(standIn.recorded.windows).toHaveLength(0);
  });
});

describe('startKioskHost under a supervisor', () => {
  let supervisor: FakeSupervisor;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    const socketPath = path.join(temp.dir, 'watchdog.sock');
    supervisor = await listenAsSupervisor(socketPath);
    env = { [WATCHDOG_SOCKET_ENV]: socketPath };
  });

  afterEach(async () => {
    standIn.app.quit();
    await supervisor.close();
  });

  it('sends heartbeats with the app memory', async () => {
    standIn.app.metrics = [
      { pid: 1, type: 'Browser', memory: { workingSetSize: 200_000, peakWorkingSetSize: 0 } },
      { pid: 2, type: 'Tab', memory: { workingSetSize: 300_000, peakWorkingSetSize: 0 } },
      { pid: 3, type: 'GPU', memory: { workingSetSize: 50_000, peakWorkingSetSize: 0 } },
    ];

    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], env);
    vi.advanceTimersByTime(5_000);

    await vi.waitFor(() => expect(supervisor.messages.filter((message) => message.type === 'heartbeat').length).toBeGreaterThan(0));
    const heartbeat = supervisor.messages.findLast((message) => message.type === 'heartbeat');
    expect(heartbeat).toEqual({ type: 'heartbeat', pid: process.pid, memoryBytes: 550_000 * 1024, busy: false });
  });

  it('reports busy after a touch', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], env);
    await vi.waitFor(() => expect(supervisor.messages.length).toBeGreaterThan(0));

    standIn.recorded.windows[0]!.webContents.emit('input-event', {}, { type: 'touchStart' });
    vi.advanceTimersByTime(5_000);

    await vi.waitFor(() => expect(supervisor.messages.at(-1)).toMatchObject({ type: 'heartbeat', busy: true }));
  });

  it('reports busy while an admin session is open', async () => {
    await startKioskHost(['app', '--config', writeConfig({ ...GOOD_CONFIG, admin: { pinHash: testPinHash() } })], env);
    await vi.waitFor(() => expect(supervisor.messages.length).toBeGreaterThan(0));
    const fromPage = { senderFrame: { url: appFiles(temp.dir).pageUrl, parent: null } };
    const call = (channel: string, request: unknown) => standIn.recorded.ipcHandlers.get(channel)!(...([fromPage, request] as never[]));
    const nextHeartbeat = async () => {
      const before = supervisor.heartbeats().length;
      vi.advanceTimersByTime(5_000);
      await vi.waitFor(() => expect(supervisor.heartbeats().length).toBeGreaterThan(before));
      return supervisor.heartbeats().at(-1);
    };

    expect(await nextHeartbeat()).toMatchObject({ busy: false });
    const unlocked = (await call(ADMIN_CHANNELS.adminUnlock, { pin: ADMIN_PIN })) as { status: string; token: string };
    expect(unlocked.status).toBe('unlocked');
    expect(await nextHeartbeat()).toMatchObject({ busy: true });

    await call(ADMIN_CHANNELS.adminLock, { token: unlocked.token });
    expect(await nextHeartbeat()).toMatchObject({ busy: false });
  });

  it('sends incidents to the supervisor', async () => {
    await startKioskHost(['app', '--config', writeConfig(GOOD_CONFIG)], env);
    await vi.waitFor(() => expect(supervisor.messages.length).toBeGreaterThan(0));

    standIn.recorded.windows[0]!.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: -1 });

    await vi.waitFor(() =>
      expect(supervisor.messages).toContainEqual({ type: 'incident', kind: 'renderer-gone', detail: 'reason=oom exitCode=-1' }),
    );
  });
});

