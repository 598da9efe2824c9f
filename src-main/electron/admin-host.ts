// The Electron host's part of the admin service: the memory of all the app's processes, whether
// the configured printer exists, and the exit to the desktop. The exit uses TECHNICIAN_EXIT_CODE,
// which the supervisor takes as a deliberate stop rather than a crash.
import type { App, PrinterInfo } from 'electron';
import { TECHNICIAN_EXIT_CODE } from '../../src-shared/watchdog-protocol.js';
import type { AdminHost } from '../core/admin/admin-service.js';
import type { PrinterStatus } from '../core/admin/diagnostics.js';
import type { TerminalConfig } from '../core/config.js';
import { createLogger } from '../core/log.js';
import { totalMemoryBytes } from './vitals.js';

const log = createLogger('electron-admin');

/** Time for the "exiting" result to reach the screen before the app exits. */
export const EXIT_DELAY_MS = 500;

const MAX_DETAIL_LENGTH = 2000;

export interface ElectronAdminHostOptions {
  app: Pick<App, 'getAppMetrics' | 'exit'>;
  /** The printer section of the config; absent means no printer. */
  printer: TerminalConfig['printer'];
  /** Lists the system's printers (the kiosk window's webContents.getPrintersAsync), or null while no window is open. */
  listPrinters: () => Promise<PrinterInfo[]> | null;
  /** Stops the services (sync, outbox) before the exit. */
  beforeExit: () => Promise<void>;
}

function namesOf(printers: PrinterInfo[]): string {
  return printers.length === 0 ? 'the system lists no printers' : `the system lists: ${printers.map((printer) => printer.name).join(', ')}`;
}

/**
 * Finds the configured printer among the system's printers. Chromium reports no online or paper
 * state, so 'ready' means that the printer is installed; the test page shows whether it prints.
 */
export async function electronPrinterStatus(printer: TerminalConfig['printer'], listPrinters: ElectronAdminHostOptions['listPrinters']): Promise<PrinterStatus> {
  if (printer === undefined || !printer.enabled) return { state: 'not-configured', detail: null };

  const listing = listPrinters();
  if (listing === null) return { state: 'unknown', detail: 'the kiosk window is not open, so the printers cannot be listed' };
  let printers: PrinterInfo[];
  try {
    printers = await listing;
  } catch (error) {
    return { state: 'error', detail: `listing the printers failed: ${(error as Error).message}`.slice(0, MAX_DETAIL_LENGTH) };
  }

  if (printer.name === undefined) {
    if (printers.length === 0) return { state: 'not-found', detail: 'no printer name is configured and the system lists no printers' };
    return { state: 'ready', detail: `the system's default printer; ${namesOf(printers)}`.slice(0, MAX_DETAIL_LENGTH) };
  }

  const found = printers.find((candidate) => candidate.name === printer.name);
  if (found === undefined) return { state: 'not-found', detail: `no printer named "${printer.name}"; ${namesOf(printers)}`.slice(0, MAX_DETAIL_LENGTH) };
  return { state: 'ready', detail: `installed as "${found.displayName}"; whether it has paper shows only on a test page`.slice(0, MAX_DETAIL_LENGTH) };
}

export function electronAdminHost(options: ElectronAdminHostOptions): AdminHost {
  const { app } = options;
  return {
    processMemoryBytes: () => totalMemoryBytes(app.getAppMetrics()),
    printerStatus: () => electronPrinterStatus(options.printer, options.listPrinters),
    exitToDesktop() {
      log.warn({ exitCode: TECHNICIAN_EXIT_CODE }, 'a technician chose exit to desktop; the kiosk exits');
      setTimeout(() => {
        options
          .beforeExit()
          .catch((error: unknown) => log.error({ err: error }, 'stopping the services before the exit failed'))
          .finally(() => app.exit(TECHNICIAN_EXIT_CODE));
      }, EXIT_DELAY_MS);
    },
  };
}
