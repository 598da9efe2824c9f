// The Electron host's printer: each job's HTML is loaded into a hidden, sandboxed window with
// JavaScript off and no preload, and printed silently to the configured printer. The window is
// destroyed after every job, whether it printed, failed or timed out.
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import type { PrintLayout, PrintResult } from '../../src-shared/reports-api.js';
import { createLogger } from '../core/log.js';
import type { PrintJob, PrintOutput } from '../core/printing/print-job.js';
import { DEFAULT_PRINT_TIMEOUT_MS, createLoggedPrinter, printFailed, settleWithin } from '../core/printing/print-output.js';

const log = createLogger('electron-printer');

// The 80 mm roll matches the page's CSS (@page size 80mm 297mm). Electron takes microns.
// NOTE: a statement longer than 297 mm prints as several pages, and whether the printer cuts
// between them depends on its driver settings.
const RECEIPT_PAGE_SIZE = { width: 80_000, height: 297_000 };

/** The parts of an Electron BrowserWindow the printer uses. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  };
}

export interface ElectronPrinterOptions {
  /** The printer's system name; absent means the system's default printer. */
  deviceName?: string;
  /** Electron's BrowserWindow class (a stand-in in tests). */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => PrintWindow;
  timeoutMs?: number;
}

/** Options of the hidden print window: nothing in it can run code or reach the network. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
    },
  };
}

/** Returns the webContents.print options for a layout on the given printer. */
export function printOptionsFor(layout: PrintLayout, deviceName: string | undefined): WebContentsPrintOptions {
  const options: WebContentsPrintOptions = {
    silent: true,
    printBackground: true,
    pageSize: layout === 'a4' ? 'A4' : RECEIPT_PAGE_SIZE,
  };
  if (deviceName !== undefined) options.deviceName = deviceName;
  return options;
}

// A data URL keeps the page self-contained: nothing is written to disk and nothing is fetched.
function dataUrlOf(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** Creates a printer that prints each job silently on `deviceName` or the default printer. */
export function createElectronPrinter(options: ElectronPrinterOptions): PrintOutput {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  const printerName = options.deviceName ?? 'default printer';

  function loadAndPrint(window: PrintWindow, job: PrintJob): Promise<PrintResult> {
    return new Promise<PrintResult>((resolve) => {
      window
        .loadURL(dataUrlOf(job.html))
        .then(() => {
          window.webContents.print(printOptionsFor(job.layout, options.deviceName), (success, failureReason) => {
            if (success) resolve({ status: 'printed', layout: job.layout, output: printerName });
            else resolve(printFailed(`printer ${printerName} failed: ${failureReason || 'no reason given'}`));
          });
        })
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          resolve(printFailed(`loading the ${job.document} page for printing failed: ${reason}`));
        });
    });
  }

  async function printJob(job: PrintJob): Promise<PrintResult> {
    const window = new options.BrowserWindow(printWindowOptions());
    try {
      const timedOut = () => printFailed(`printer ${printerName} did not answer within ${timeoutMs} ms`);
      return await settleWithin(loadAndPrint(window, job), timeoutMs, timedOut);
    } finally {
      if (!window.isDestroyed()) window.destroy();
    }
  }

  // A throw from printJob means the window could not even be created.
  return createLoggedPrinter({
    log,
    printJob,
    describeThrow: (_job, reason) => `opening a print window failed: ${reason}`,
    logFields: () => ({ printer: printerName }),
  });
}
