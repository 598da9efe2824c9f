// `minsheng serve`: the kiosk screens and the KioskApi over HTTP on 127.0.0.1, for Chromium in
// kiosk mode, the county's preview and the end-to-end tests. Runs until SIGINT or SIGTERM.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KioskApi, KioskSettings } from '../../../src-shared/kiosk-api.js';
import { browserAdminHost } from '../../browser-host/admin-host.js';
import { createPdfPrinter } from '../../browser-host/pdf-printer.js';
import { startBrowserHost } from '../../browser-host/server.js';
import { ConfigError, DEFAULT_KIOSK_SETTINGS, kioskSettingsOf, loadTerminalConfig } from '../../core/config.js';
import type { LoadedConfig, TerminalConfig } from '../../core/config.js';
import { kioskLogPath, printedDir } from '../../core/data-folder/layout.js';
import { checkInstalledAtStart } from '../../core/data-folder/startup-check.js';
import { createAdminService } from '../../core/admin/admin-service.js';
import { startFleetHeartbeat } from '../../core/fleet/fleet-heartbeat.js';
import { createKioskService } from '../../core/kiosk-service.js';
import { findPackageRoot } from '../../core/package-info.js';
import { reportingKeysOf } from '../../core/reports/commission-key.js';
import type { ReportingKeys } from '../../core/reports/commission-key.js';
import { addLogFile, createLogger } from '../../core/log.js';
import { trackUserActivity } from '../../core/user-activity.js';
import { startWatchdogClient } from '../../core/watchdog-client.js';
import type { Command, CommandContext } from '../command.js';
import { integerOption, parseOptions, requireOption, UsageError } from '../command.js';
import { waitForStopSignal } from '../stop-signal.js';

export const DEFAULT_SERVE_PORT = 8765;
const MAX_PORT = 65_535;
// Heartbeat interval without --config: the config schema's default of watchdog.heartbeatSeconds.
const DEFAULT_HEARTBEAT_SECONDS = 5;

/** Finds dist/renderer of this package, from src-main/... under tsx or dist/main/... when built. */
export function defaultStaticDir(moduleUrl: string = import.meta.url): string {
  return path.join(findPackageRoot(moduleUrl), 'dist', 'renderer');
}

interface ServeConfig {
  loaded: LoadedConfig;
  config: TerminalConfig;
  /** The config's dataDir, resolved against the config file's folder. */
  dataDir: string;
  /** The commission key and upload address, or null when the config takes no reports on screen. */
  reporting: ReportingKeys | null;
}

/**
 * Loads the terminal config and its commission key: null without --config, undefined after
 * printing why the config or the key file is invalid.
 */
function configFrom(configFile: string | undefined, context: CommandContext): ServeConfig | null | undefined {
  if (!configFile) return null;
  try {
    const loaded = loadTerminalConfig(configFile, context.t);
    return { loaded, config: loaded.config, dataDir: loaded.dataDir, reporting: reportingKeysOf(loaded, context.t) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = [context.t('serve:configInvalid', { file: configFile }), error.message, ...error.problems.map((problem) => `  - ${problem}`)];
    context.stderr.write(`${lines.join('\n')}\n`);
    return undefined;
  }
}

/**
 * Warns when the installed snapshot is for another county than the config names: every
 * villager would get "not found". A warning, not a refusal, because the next sync may fix it.
 */
async function warnOnRegionMismatch(service: KioskApi, config: TerminalConfig | null, context: CommandContext): Promise<void> {
  if (!config) return;
  const info = await service.getSnapshotInfo().catch(() => null);
  if (info && info.regionCode !== config.regionCode) {
    context.stderr.write(
      `${context.t('serve:regionMismatch', { configRegion: config.regionCode, snapshotRegion: info.regionCode, regionName: info.regionName })}\n`,
    );
  }
}

const serve: Command = {
  summaryKey: 'serve:summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      static: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('serve:help', { defaultPort: DEFAULT_SERVE_PORT })}\n`);
      return 0;
    }

    // Without --config the data folder has no other source.
    if (values.config === undefined) requireOption(values, 'data-dir', context);
    const port = integerOption(values.port, 'port', DEFAULT_SERVE_PORT, context);
    if (port > MAX_PORT) throw new UsageError(context.t('serve:invalidPort', { value: values.port, max: MAX_PORT }));
    const staticDir = path.resolve(values.static ?? defaultStaticDir());

    if (!existsSync(path.join(staticDir, 'index.html'))) {
      context.stderr.write(`${context.t('serve:staticMissing', { dir: staticDir })}\n`);
      return 1;
    }

    const loaded = configFrom(values.config, context);
    if (loaded === undefined) return 1;
    // The config's dataDir is where the Electron host keeps the outbox too, so serve uses it
    // unless --data-dir names another folder on purpose.
    const dataDir = values['data-dir'] === undefined && loaded !== null ? loaded.dataDir : path.resolve(requireOption(values, 'data-dir', context));
    const config = loaded?.config ?? null;
    const settings: KioskSettings = config ? kioskSettingsOf(config) : DEFAULT_KIOSK_SETTINGS;
    // With a terminal config this is the kiosk, so its log goes where the Electron host writes
    // it and the admin screen reads it, as well as to stderr.
    if (loaded !== null) addLogFile(kioskLogPath(dataDir), process.env.MINSHENG_LOG_LEVEL ?? 'info');
    const startup = await checkInstalledAtStart(dataDir);
    if (startup.status === 'none') context.stdout.write(`${context.t('serve:noSnapshot', { dir: dataDir })}\n`);
    if (startup.status === 'recovered') {
      context.stderr.write(`${context.t('serve:recovered', { damaged: startup.damagedVersion, version: startup.version })}\n`);
    }
    if (startup.status === 'unusable') context.stderr.write(`${context.t('serve:unusable', { dir: dataDir, problem: startup.problem })}\n`);

    // Listen for signals before starting, so a stop request during start-up is not lost.
    const stopSignal = waitForStopSignal();
    // This host prints to PDF files in the data folder, where the Electron host would feed paper.
    const printOutput = settings.printing.enabled ? createPdfPrinter({ outDir: printedDir(dataDir) }) : null;
    const service = createKioskService({ dataDir, settings, reporting: loaded?.reporting ?? null, printOutput });
    await warnOnRegionMismatch(service, config, context);
    // The admin screen needs the config's PIN hash; without --config the admin paths unlock nothing.
    const adminHost = browserAdminHost({ printing: settings.printing.enabled, pdfDir: printedDir(dataDir) });
    const adminApi = loaded === null ? undefined : createAdminService({ loaded: { ...loaded.loaded, dataDir }, kiosk: service, host: adminHost });
    // A villager's taps reach this host only as API requests; see isVillagerRequest.
    const activity = trackUserActivity(settings.idleTimeoutSeconds * 1000);
    let host;
    try {
      host = await startBrowserHost({ api: service, adminApi, staticDir, port, onVillagerRequest: () => activity.touch() });
    } catch (error) {
      await service.close();
      // Node's messages may end with a period of their own; the sentence adds one.
      const reason = (error as Error).message.replace(/\.+$/, '');
      context.stderr.write(`${context.t('serve:listenFailed', { port, reason })}\n`);
      return 1;
    }

    context.stdout.write(
      [
        context.t('serve:running', { url: host.url }),
        context.t('serve:openInChromium'),
        `  chromium --kiosk --app=${host.url}`,
        context.t('serve:stopHint'),
        '',
      ].join('\n'),
    );

    // Under `minsheng watchdog` the supervisor restarts this host when its heartbeats stop. Its
    // daily restart waits while a request came within the idle timeout or an admin session is open.
    const watchdogClient = startWatchdogClient({
      heartbeatSeconds: config?.watchdog.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
      vitals: () => ({ memoryBytes: process.memoryUsage().rss, busy: activity.busy() || (adminApi?.sessionOpen() ?? false) }),
      log: createLogger('watchdog-client'),
    });

    // The county's fleet heartbeat, when the config names its endpoint.
    const fleetHeartbeat = loaded === null ? null : startFleetHeartbeat({ loaded: { ...loaded.loaded, dataDir }, host: adminHost });

    await stopSignal;
    watchdogClient.stop();
    await fleetHeartbeat?.stop();
    await host.close();
    await service.close();
    context.stdout.write(`${context.t('serve:stopped')}\n`);
    return 0;
  },
};

export default serve;
