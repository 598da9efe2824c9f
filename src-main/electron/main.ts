// Lifecycle of the Electron host. It keeps one instance per machine and loads the terminal
// config, or shows its problems and exits non-zero. Then it opens the locked-down kiosk
// window, keeps the display awake, serves the KioskApi and the AdminApi over IPC, syncs and
// sends the county's fleet heartbeat in the background, reloads a crashed or hung page, and
// releases all on quit.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, session } from 'electron';
import { createAdminService } from '../core/admin/admin-service.js';
import type { AdminService } from '../core/admin/admin-service.js';
import { ConfigError, kioskSettingsOf, loadTerminalConfig } from '../core/config.js';
import type { LoadedConfig } from '../core/config.js';
import { kioskLogPath } from '../core/data-folder/layout.js';
import { checkInstalledAtStart } from '../core/data-folder/startup-check.js';
import { startFleetHeartbeat } from '../core/fleet/fleet-heartbeat.js';
import { createKioskService } from '../core/kiosk-service.js';
import { reportingKeysOf } from '../core/reports/commission-key.js';
import type { ReportingKeys } from '../core/reports/commission-key.js';
import { appendIncident } from '../core/incidents.js';
import { configureLogging, createLogger } from '../core/log.js';
import { startWatchdogClient } from '../core/watchdog-client.js';
import type { WatchdogClient } from '../core/watchdog-client.js';
import { resolveLanguage, translatorFor } from '../../src-shared/messages/translator.js';
import { decideGpuMode, gpuCrashRecorder, readGpuState, writeGpuState } from './gpu-fallback.js';
import type { GpuDecision } from './gpu-fallback.js';
import { electronAdminHost } from './admin-host.js';
import { registerAdminIpc, registerKioskIpc } from './ipc.js';
import { createKioskWindow } from './kiosk-window.js';
import { denyNewWindowsEverywhere, keepWindowOpen, lockDownSession, lockDownWebContents, removeApplicationMenu } from './lockdown.js';
import type { LockdownOptions } from './lockdown.js';
import { createElectronPrinter } from './printer.js';
import { noticePassFor, startPeriodicSync, syncPassFor } from './periodic-sync.js';
import { watchRenderer } from './renderer-recovery.js';
import type { RendererRecovery } from './renderer-recovery.js';
import { totalMemoryBytes, trackPageActivity } from './vitals.js';

const log = createLogger('electron-main');

export const DEFAULT_CONFIG = 'kiosk-config/demo.json';

/** Where the app runs from: Electron's app.getAppPath(), app.isPackaged and app.getPath('appData'). */
export interface AppLocation {
  appPath: string;
  isPackaged: boolean;
  appDataPath: string;
}

/**
 * The config file the host loads, and where its name came from. 'installed' is the per-user file
 * that the packages' autostart reads and `minsheng provision` writes.
 */
export interface ConfigChoice {
  file: string;
  source: 'argument' | 'environment' | 'installed' | 'demo';
}

/** Returns the per-user terminal config of an installed kiosk: ~/.config/minsheng/kiosk.json, %APPDATA%\minsheng\kiosk.json. */
export function installedConfigFile(appDataPath: string): string {
  return path.join(appDataPath, 'minsheng', 'kiosk.json');
}

/**
 * Finds the config file: `--config FILE` or `--config=FILE`, then MINSHENG_CONFIG, then the
 * installed per-user config in a packaged app, or the demo config in a checkout. The packaged
 * app never falls back to the demo, because the demo's data folder inside app.asar is read-only.
 */
export function configFileFrom(argv: readonly string[], env: NodeJS.ProcessEnv, location: AppLocation): ConfigChoice {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg.startsWith('--config=')) return { file: path.resolve(arg.slice('--config='.length)), source: 'argument' };
    if (arg === '--config' && argv[index + 1]) return { file: path.resolve(argv[index + 1]!), source: 'argument' };
  }
  if (env.MINSHENG_CONFIG) return { file: path.resolve(env.MINSHENG_CONFIG), source: 'environment' };
  if (location.isPackaged) return { file: installedConfigFile(location.appDataPath), source: 'installed' };
  return { file: path.join(location.appPath, DEFAULT_CONFIG), source: 'demo' };
}

/** DevTools and reload shortcuts stay off unless --debug or MINSHENG_DEBUG=1 is given. */
export function debugRequested(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--debug') || env.MINSHENG_DEBUG === '1';
}

/** Returns the renderer page URL and the bundled preload path inside the app folder or asar. */
export function appFiles(appPath: string): { pageUrl: string; preloadFile: string } {
  return {
    pageUrl: pathToFileURL(path.join(appPath, 'dist/renderer/index.html')).href,
    preloadFile: path.join(appPath, 'dist/preload/preload.cjs'),
  };
}

/** Shows an error box (it works before 'ready', so no window opens), copies it to stderr and exits 1. */
function showStartErrorAndExit(title: string, content: string): null {
  process.stderr.write(`${content}\n`);
  dialog.showErrorBox(title, content);
  app.exit(1);
  return null;
}

/**
 * Loads the config and its commission key, or shows their problems and exits. A missing installed
 * config means the terminal was never provisioned, so the message names `minsheng provision`.
 */
function loadConfigOrExit(choice: ConfigChoice, env: NodeJS.ProcessEnv): { loaded: LoadedConfig; reporting: ReportingKeys | null } | null {
  const t = translatorFor(resolveLanguage(undefined, env.MINSHENG_LANG));
  const configFile = choice.file;
  if (choice.source === 'installed' && !existsSync(configFile)) {
    return showStartErrorAndExit(t('host:configMissingTitle'), t('host:configMissing', { file: configFile }));
  }

  try {
    const loaded = loadTerminalConfig(configFile, t);
    return { loaded, reporting: reportingKeysOf(loaded, t) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;

    const content = [error.message, ...error.problems, '', t('host:configErrorHint')].join('\n');
    return showStartErrorAndExit(t('host:configErrorTitle'), content);
  }
}

type RecordIncident = (kind: string, detail: string) => void;

/** Returns a function that appends an incident to the data folder's log and sends it to the supervisor. */
function incidentRecorder(dataDir: string, watchdog: WatchdogClient): RecordIncident {
  return (kind, detail) => {
    appendIncident(dataDir, kind, detail).catch((error: unknown) => {
      log.error({ err: error, kind }, 'writing an incident failed');
    });
    watchdog.sendIncident(kind, detail);
  };
}

interface KioskWindow {
  window: BrowserWindow;
  recovery: RendererRecovery;
  activity: { busy(): boolean };
}

interface KioskWindowSettings {
  pageUrl: string;
  preloadFile: string;
  lockdown: LockdownOptions;
  /** No input for this long means no session is open (the renderer's idle timeout). */
  idleMs: number;
}

function openKioskWindow({ pageUrl, preloadFile, lockdown, idleMs }: KioskWindowSettings, recordIncident: RecordIncident): KioskWindow {
  const window = createKioskWindow({ preloadPath: preloadFile, debug: lockdown.debug });
  lockDownWebContents(window.webContents, pageUrl, lockdown);
  if (!lockdown.debug) keepWindowOpen(app, window);
  window.once('ready-to-show', () => window.show());

  // A crashed, killed or hung renderer must not leave a blank screen, because no one is on site.
  const recovery = watchRenderer({ window, pageUrl, recordIncident });
  const activity = trackPageActivity(window.webContents, idleMs);

  void window.loadURL(pageUrl);
  return { window, recovery, activity };
}

/**
 * Reads the GPU crash history and turns hardware acceleration off when it calls for it. It is
 * synchronous because Electron accepts app.disableHardwareAcceleration() only before 'ready'.
 */
function chooseGpuModeBeforeReady(dataDir: string): { decision: GpuDecision; store(): Promise<void>; problem: string | null } {
  const { state, problem } = readGpuState(dataDir);
  const { decision, next } = decideGpuMode(state, new Date());
  if (decision.mode === 'software') app.disableHardwareAcceleration();
  return { decision, problem, store: () => (next === state ? Promise.resolve() : writeGpuState(dataDir, next)) };
}

function reportGpuMode(gpu: ReturnType<typeof chooseGpuModeBeforeReady>, recordIncident: RecordIncident): void {
  if (gpu.problem) log.warn({ problem: gpu.problem }, 'GPU crash history unusable; starting from an empty one');

  const { decision } = gpu;
  if (decision.change === 'switch-to-software') {
    log.warn({ recentCrashes: decision.recentCrashes }, 'GPU process crashed repeatedly; hardware acceleration turned off');
    recordIncident('gpu-software', `${decision.recentCrashes} GPU process crashes within a day; hardware acceleration turned off for a week`);
  } else if (decision.change === 'retry-gpu') {
    log.info('a week of software rendering is over; trying hardware acceleration again');
    recordIncident('gpu-retry', 'hardware acceleration turned on again after a week of software rendering');
  } else if (decision.mode === 'software') {
    log.info('hardware acceleration stays off after earlier GPU process crashes');
  }

  gpu.store().catch((error: unknown) => log.error({ err: error }, 'writing the GPU crash history failed'));
}

/** Starts the kiosk host; resolves once the window is open, or after exit on a bad config. */
export async function startKioskHost(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    log.warn('another kiosk instance is running; quitting');
    app.quit();
    return;
  }

  const configChoice = configFileFrom(argv, env, { appPath: app.getAppPath(), isPackaged: app.isPackaged, appDataPath: app.getPath('appData') });
  const configFile = configChoice.file;
  const started = loadConfigOrExit(configChoice, env);
  if (!started) return;
  const { loaded, reporting } = started;
  // Still before the first await: Electron may become ready as soon as this function yields.
  const gpu = chooseGpuModeBeforeReady(loaded.dataDir);

  mkdirSync(loaded.dataDir, { recursive: true });
  configureLogging({ file: kioskLogPath(loaded.dataDir) });
  log.info({ configFile, terminalId: loaded.config.terminalId, gpu: gpu.decision.mode }, 'kiosk host starting');

  // Heartbeats start before the snapshot check, so a slow start does not look like a hang. The
  // window and the admin service are made after 'ready'; until then nobody can be using them.
  // Busy (the daily restart waits) means input within the idle timeout or an open admin session.
  let activity: KioskWindow['activity'] | null = null;
  let adminSession: Pick<AdminService, 'sessionOpen'> | null = null;
  const watchdog = startWatchdogClient({
    heartbeatSeconds: loaded.config.watchdog.heartbeatSeconds,
    vitals: () => ({
      memoryBytes: app.isReady() ? totalMemoryBytes(app.getAppMetrics()) : process.memoryUsage().rss,
      busy: (activity?.busy() ?? false) || (adminSession?.sessionOpen() ?? false),
    }),
    log: createLogger('watchdog-client'),
    env,
  });
  const recordIncident = incidentRecorder(loaded.dataDir, watchdog);
  reportGpuMode(gpu, recordIncident);

  // A snapshot damaged since its install is replaced by the previous one before the first lookup.
  await checkInstalledAtStart(loaded.dataDir);
  // The service uploads the report outbox in the background when reporting is configured. The
  // printer opens its hidden windows only when a print request arrives, after the app is ready.
  const settings = kioskSettingsOf(loaded.config);
  const printOutput = settings.printing.enabled ? createElectronPrinter({ BrowserWindow, deviceName: loaded.config.printer?.name }) : null;
  const service = createKioskService({ dataDir: loaded.dataDir, settings, reporting, printOutput });
  const { pageUrl, preloadFile } = appFiles(app.getAppPath());
  const windowSettings: KioskWindowSettings = {
    pageUrl,
    preloadFile,
    lockdown: { debug: debugRequested(argv, env), touchOnly: loaded.config.kiosk.touchOnly },
    idleMs: loaded.config.idle.timeoutSeconds * 1000,
  };
  denyNewWindowsEverywhere(app);

  await app.whenReady();
  removeApplicationMenu();
  lockDownSession(session.defaultSession, loaded.config.kiosk.permissions);
  const displayAwake = powerSaveBlocker.start('prevent-display-sleep');
  const unregisterIpc = registerKioskIpc(ipcMain, service, pageUrl);
  let kiosk = openKioskWindow(windowSettings, recordIncident);
  activity = kiosk.activity;

  const recordGpuCrash = gpuCrashRecorder(loaded.dataDir);
  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU' || details.reason === 'clean-exit') return;
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'GPU process gone');
    recordIncident('gpu-crash', `reason=${details.reason} exitCode=${details.exitCode}`);
    recordGpuCrash(new Date()).catch((error: unknown) => log.error({ err: error }, 'writing the GPU crash history failed'));
  });

  const sync = startPeriodicSync({
    intervalMinutes: loaded.config.sync.intervalMinutes,
    runOnce: syncPassFor(loaded, createLogger('sync')),
  });
  void sync.runNow();
  // Emergency notices are fetched far more often than the bundle, because each fetch is one small file.
  const noticeSync = startPeriodicSync({
    intervalMinutes: loaded.config.sync.noticeIntervalMinutes,
    runOnce: noticePassFor(loaded, createLogger('notice-sync')),
    log: createLogger('notice-sync'),
  });

  // The exit to desktop closes the service itself, because app.exit() skips 'will-quit'.
  const adminHost = electronAdminHost({
    app,
    printer: loaded.config.printer,
    listPrinters: () => (kiosk.window.isDestroyed() ? null : kiosk.window.webContents.getPrintersAsync()),
    beforeExit: () => service.close(),
  });
  const adminService = createAdminService({ loaded, kiosk: service, host: adminHost });
  adminSession = adminService;
  // The county's fleet heartbeat, when the config names its endpoint; it reads the same printer state.
  const fleetHeartbeat = startFleetHeartbeat({ loaded, host: adminHost });
  const unregisterAdminIpc = registerAdminIpc(ipcMain, adminService, pageUrl);

  app.on('second-instance', () => {
    if (kiosk.window.isDestroyed()) {
      kiosk.recovery.stop();
      kiosk = openKioskWindow(windowSettings, recordIncident);
      activity = kiosk.activity;
    }
    if (kiosk.window.isMinimized()) kiosk.window.restore();
    kiosk.window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => kiosk.recovery.stop());
  app.on('will-quit', () => {
    watchdog.stop();
    sync.stop();
    noticeSync.stop();
    unregisterIpc();
    unregisterAdminIpc();
    powerSaveBlocker.stop(displayAwake);
    void fleetHeartbeat?.stop();
    void service.close().then(() => log.info('kiosk host stopped'));
  });
}

// Electron runs this file as its main script; under a test runner only the exports are used.
if (process.versions.electron) {
  startKioskHost(process.argv, process.env).catch((error: unknown) => {
    log.fatal({ err: error }, 'kiosk host failed to start');
    app.exit(1);
  });
}
