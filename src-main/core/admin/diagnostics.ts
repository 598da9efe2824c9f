// The admin screen's diagnostics: what a technician on site needs to judge a terminal. The data
// folder supplies the snapshot, sync, outbox, incidents and logs; the host supplies what only it
// can measure (its processes' memory, the printer).
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import { DiagnosticsSchema } from '../../../src-shared/admin-api.js';
import type { Diagnostics, PRINTER_STATES } from '../../../src-shared/admin-api.js';
import type { KioskApi } from '../../../src-shared/kiosk-api.js';
import type { LoadedConfig } from '../config.js';
import { kioskLogPath } from '../data-folder/layout.js';
import { readTerminalReport } from '../data-folder/terminal-status.js';
import type { TerminalReport } from '../data-folder/terminal-status.js';
import { readIncidents } from '../incidents.js';
import { createLogger } from '../log.js';
import { readLogTail } from './log-tail.js';

const log = createLogger('admin-diagnostics');

export const DIAGNOSTICS_INCIDENTS = 50;
export const DIAGNOSTICS_LOG_LINES = 200;
// 200 pino lines of a few hundred bytes each fit several times over.
const LOG_TAIL_BYTES = 512 * 1024;

export interface PrinterStatus {
  state: (typeof PRINTER_STATES)[number];
  /** Technical detail, such as the printers the system lists; null when there is nothing to add. */
  detail: string | null;
}

/** The host's measurements: its processes' memory, its printer, its version. */
export interface DiagnosticsHost {
  /** Bytes used by the kiosk's processes together (Electron: app.getAppMetrics()). */
  processMemoryBytes(): number | Promise<number>;
  printerStatus(): Promise<PrinterStatus>;
  /** The app's version; default: package.json's. */
  appVersion: string;
}

export interface DiagnosticsSources {
  loaded: LoadedConfig;
  kiosk: Pick<KioskApi, 'getSnapshotInfo'>;
  host: DiagnosticsHost;
  clock: () => Date;
}

export function lastSyncOf(report: TerminalReport): Diagnostics['lastSync'] {
  const { lastSync, lastInstalled } = report.status;
  if (lastSync === null && report.status.problems.length === 0) return null;

  const succeeded = lastSync !== null && (lastSync.status === 'installed' || lastSync.status === 'up-to-date');
  return {
    at: lastSync?.at ?? null,
    // NOTE: status.json keeps the last pass and the last install only, so after a failed pass
    // this is the last install, even when an up-to-date pass came later.
    succeededAt: succeeded ? lastSync.at : (lastInstalled?.at ?? null),
    problems: report.status.problems.map((problem) => ({ code: problem.code, detail: problem.detail })),
    outcome:
      lastSync === null ? undefined : { status: lastSync.status, reason: lastSync.reason ?? null, detail: lastSync.detail ?? null },
  };
}

export async function diskOf(dataDir: string): Promise<Diagnostics['disk']> {
  try {
    const stats = await statfs(dataDir);
    // bavail: what an unprivileged process may still use, as the status report counts it.
    return { path: dataDir, freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    // A data folder not created yet (before the first sync) has no disk figures.
    return { path: dataDir, freeBytes: 0, totalBytes: 0 };
  }
}

/** Returns the heartbeat queue's figures; a queue not created yet (before the first heartbeat) is empty. */
export function fleetOf(fleet: TerminalReport['fleet']): NonNullable<Diagnostics['fleet']> {
  const { waiting, retrying, dropped, lastError, problem } = fleet;
  return { waiting, retrying, dropped, lastError, problem };
}

// An unreadable log must not hide the rest of the diagnostics from the technician.
function unreadable(source: string, error: unknown): [] {
  log.error({ err: error }, `cannot read the ${source} for the admin diagnostics`);
  return [];
}

/** Gathers the diagnostics; every value is read fresh on each call. */
export async function collectDiagnostics(sources: DiagnosticsSources): Promise<Diagnostics> {
  const { loaded, kiosk, host } = sources;
  const { config, dataDir } = loaded;

  const [info, disk, processBytes, printer, incidents, logLines] = await Promise.all([
    kiosk.getSnapshotInfo().catch(() => null),
    diskOf(dataDir),
    Promise.resolve(host.processMemoryBytes()),
    host.printerStatus(),
    readIncidents(dataDir, DIAGNOSTICS_INCIDENTS).catch((error: unknown) => unreadable('incidents', error)),
    readLogTail(kioskLogPath(dataDir), DIAGNOSTICS_LOG_LINES, LOG_TAIL_BYTES).catch((error: unknown) => unreadable('log', error)),
  ]);
  const report = readTerminalReport(dataDir, sources.clock());

  return DiagnosticsSchema.parse({
    terminalId: config.terminalId,
    terminalName: config.terminalName,
    regionCode: config.regionCode,
    versions: {
      app: host.appVersion,
      electron: process.versions.electron ?? null,
      chromium: process.versions.chrome ?? null,
      node: process.versions.node,
    },
    snapshot:
      info === null
        ? null
        : { version: info.version, dataAsOf: info.dataAsOf, createdAt: info.createdAt, expiresAt: info.expiresAt, expired: info.expired },
    lastSync: lastSyncOf(report),
    disk,
    memory: { processBytes, systemFreeBytes: os.freemem(), systemTotalBytes: os.totalmem() },
    printer: {
      state: printer.state,
      name: config.printer?.name ?? null,
      layout: config.printer?.layout ?? null,
      detail: printer.detail,
    },
    outbox: { waiting: report.outbox.waiting, lastError: report.outbox.lastError },
    ...(config.heartbeat === undefined ? {} : { fleet: fleetOf(report.fleet) }),
    incidents,
    logLines,
  } satisfies Diagnostics);
}
