// The Electron host's printer: each job's HTML is loaded into a hidden, sandboxed window with
// JavaScript off and no preload, and printed silently to the configured printer. A receipt is
// measured through the window's debugger first and printed on a page as long as its content
// (receipt-page.ts). The window is destroyed after every job, whether it printed, failed or
// timed out.
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import type { PrintLayout, PrintResult } from '../../src-shared/reports-api.js';
import { createLogger } from '../core/log.js';
import type { PrintJob, PrintOutput } from '../core/printing/print-job.js';
import { DEFAULT_PRINT_TIMEOUT_MS, createLoggedPrinter, printFailed, settleWithin } from '../core/printing/print-output.js';
import {
  RECEIPT_DEFAULT_HEIGHT_MM,
  RECEIPT_PAGE_WIDTH_MM,
  measureContentHeightPx,
  receiptPageHeightMm,
  withReceiptPageHeight,
} from '../core/printing/receipt-page.js';

const log = createLogger('electron-printer');

const MICRONS_PER_MM = 1000;

/** The parts of an Electron BrowserWindow the printer uses. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    debugger: {
      attach(protocolVersion?: string): void;
      sendCommand(method: string, commandParams?: Record<string, unknown>): Promise<unknown>;
      detach(): void;
    };
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

/**
 * Returns the webContents.print options for a layout on the given printer. A receipt page is
 * `receiptHeightMm` long, the default length when absent; Electron takes the size in microns.
 */
export function printOptionsFor(layout: PrintLayout, deviceName: string | undefined, receiptHeightMm?: number): WebContentsPrintOptions {
  const receiptSize = {
    width: RECEIPT_PAGE_WIDTH_MM * MICRONS_PER_MM,
    height: (receiptHeightMm ?? RECEIPT_DEFAULT_HEIGHT_MM) * MICRONS_PER_MM,
  };
  const options: WebContentsPrintOptions = {
    silent: true,
    printBackground: true,
    pageSize: layout === 'a4' ? 'A4' : receiptSize,
  };
  if (deviceName !== undefined) options.deviceName = deviceName;
  return options;
}

// A data URL keeps the page self-contained: nothing is written to disk and nothing is fetched.
function dataUrlOf(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** Measures the content height of the window's page in CSS px through its DevTools debugger. */
async function measureInWindow(window: PrintWindow): Promise<number> {
  const devtools = window.webContents.debugger;
  devtools.attach('1.3');
  try {
    return await measureContentHeightPx((method, params) => devtools.sendCommand(method, params));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`measuring its content height failed: ${reason}`, { cause: error });
  } finally {
    devtools.detach();
  }
}

/** Creates a printer that prints each job silently on `deviceName` or the default printer. */
export function createElectronPrinter(options: ElectronPrinterOptions): PrintOutput {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  const printerName = options.deviceName ?? 'default printer';

  /**
   * Loads the job's page. A receipt is measured and loaded again with an @page rule of its
   * length, so the page's CSS and the print options agree. Returns that length in millimetres,
   * or undefined for A4.
   */
  async function loadPage(window: PrintWindow, job: PrintJob): Promise<number | undefined> {
    await window.loadURL(dataUrlOf(job.html));
    if (job.layout !== 'receipt-80mm') return undefined;

    const heightMm = receiptPageHeightMm(await measureInWindow(window));
    await window.loadURL(dataUrlOf(withReceiptPageHeight(job.html, heightMm)));
    return heightMm;
  }

  function loadAndPrint(window: PrintWindow, job: PrintJob): Promise<PrintResult> {
    return new Promise<PrintResult>((resolve) => {
      loadPage(window, job)
        .then((receiptHeightMm) => {
          window.webContents.print(printOptionsFor(job.layout, options.deviceName, receiptHeightMm), (success, failureReason) => {
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
