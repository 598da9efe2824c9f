// Lifecycle of the Electron host. It keeps one instance per machine and loads the terminal
// config, or shows its problems and exits non-zero. Then it opens the locked-down kiosk
// window, serves the KioskApi over IPC, syncs in the background and releases all on quit.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { ConfigError, kioskSettingsOf, loadTerminalConfig } from '../core/config.js';
import type { LoadedConfig } from '../core/config.js';
import { checkInstalledAtStart } from '../core/data-folder/startup-check.js';
import { createKioskService } from '../core/kiosk-service.js';
import { reportingKeysOf } from '../core/reports/commission-key.js';
import type { ReportingKeys } from '../core/reports/commission-key.js';
import { configureLogging, createLogger } from '../core/log.js';
import { resolveLanguage, translatorFor } from '../../src-shared/messages/translator.js';
import { registerKioskIpc } from './ipc.js';
import { lockDownSession, lockDownWebContents, removeApplicationMenu } from './lockdown.js';
import { createElectronPrinter } from './printer.js';
import { startPeriodicSync, syncPassFor } from './periodic-sync.js';
import { kioskWindowOptions } from './window-options.js';

const log = createLogger('electron-main');

export const DEFAULT_CONFIG = 'kiosk-config/demo.json';

/** Finds the config file: `--config FILE` or `--config=FILE`, then MINSHENG_CONFIG, then the demo. */
export function configFileFrom(argv: readonly string[], env: NodeJS.ProcessEnv, appPath: string): string {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg.startsWith('--config=')) return path.resolve(arg.slice('--config='.length));
    if (arg === '--config' && argv[index + 1]) return path.resolve(argv[index + 1]!);
  }
  if (env.MINSHENG_CONFIG) return path.resolve(env.MINSHENG_CONFIG);
  return path.join(appPath, DEFAULT_CONFIG);
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

/** Loads the config and its commission key, or shows their problems and exits. */
function loadConfigOrExit(configFile: string, env: NodeJS.ProcessEnv): { loaded: LoadedConfig; reporting: ReportingKeys | null } | null {
  const t = translatorFor(resolveLanguage(undefined, env.MINSHENG_LANG));
  try {
    const loaded = loadTerminalConfig(configFile, t);
    return { loaded, reporting: reportingKeysOf(loaded, t) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;

    // showErrorBox works before 'ready', so a broken config never opens a window.
    const content = [error.message, ...error.problems, '', t('host:configErrorHint')].join('\n');
    process.stderr.write(`${content}\n`);
    dialog.showErrorBox(t('host:configErrorTitle'), content);
    app.exit(1);
    return null;
  }
}

function openKioskWindow(pageUrl: string, preloadFile: string, debug: boolean): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions({ preloadPath: preloadFile, debug }));
  lockDownWebContents(window.webContents, pageUrl, { debug });
  window.once('ready-to-show', () => window.show());

  // A crashed or killed renderer must not leave a blank screen, because no one is on site.
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone; reloading the kiosk page');
    window.webContents.reload();
  });

  void window.loadURL(pageUrl);
  return window;
}

/** Starts the kiosk host; resolves once the window is open, or after exit on a bad config. */
export async function startKioskHost(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    log.warn('another kiosk instance is running; quitting');
    app.quit();
    return;
  }

  const configFile = configFileFrom(argv, env, app.getAppPath());
  const started = loadConfigOrExit(configFile, env);
  if (!started) return;
  const { loaded, reporting } = started;

  mkdirSync(loaded.dataDir, { recursive: true });
  configureLogging({ file: path.join(loaded.dataDir, 'logs', 'kiosk.log') });
  log.info({ configFile, terminalId: loaded.config.terminalId }, 'kiosk host starting');

  // A snapshot damaged since its install is replaced by the previous one before the first lookup.
  await checkInstalledAtStart(loaded.dataDir);
  // The service uploads the report outbox in the background when reporting is configured. The
  // printer opens its hidden windows only when a print request arrives, after the app is ready.
  const settings = kioskSettingsOf(loaded.config);
  const printOutput = settings.printing.enabled ? createElectronPrinter({ BrowserWindow, deviceName: loaded.config.printer?.name }) : null;
  const service = createKioskService({ dataDir: loaded.dataDir, settings, reporting, printOutput });
  const { pageUrl, preloadFile } = appFiles(app.getAppPath());
  const debug = debugRequested(argv, env);

  await app.whenReady();
  removeApplicationMenu();
  lockDownSession(session.defaultSession);
  const unregisterIpc = registerKioskIpc(ipcMain, service, pageUrl);
  let window = openKioskWindow(pageUrl, preloadFile, debug);

  const sync = startPeriodicSync({
    intervalMinutes: loaded.config.sync.intervalMinutes,
    runOnce: syncPassFor(loaded, createLogger('sync')),
  });
  void sync.runNow();

  app.on('second-instance', () => {
    if (window.isDestroyed()) window = openKioskWindow(pageUrl, preloadFile, debug);
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    sync.stop();
    unregisterIpc();
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
