// The Electron printer under the electron stand-in: the hidden window it opens, the silent
// print options per layout, receipt pages as long as their content, failures and hangs reported
// as results, and the window destroyed after every job.
import { beforeEach, describe, expect, it } from 'vitest';
import { createElectronPrinter } from '../../src-main/electron/printer.js';
import type { ElectronPrinterOptions } from '../../src-main/electron/printer.js';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import type { PrintJob } from '../../src-main/core/printing/print-job.js';
import { StandInBrowserWindow, devtoolsSide, printerSide, recorded, resetStandIn } from '../helpers/electron-stand-in.js';
import { household, printContext } from './printing-fixtures.js';

const statementJob: PrintJob = renderPrintJob({ document: 'statement', household }, printContext, { language: 'zh-CN', layout: 'a4' });
const testJob: PrintJob = renderPrintJob({ document: 'test' }, printContext, { language: 'en', layout: 'receipt-80mm' });

function onlyWindow(): StandInBrowserWindow {
  expect(recorded.windows).toHaveLength(1);
  return recorded.windows[0]!;
}

// The stand-in takes its options as a plain record, which Electron's options interface does
// not declare, so the class is cast once here.
function asWindowClass(windowClass: typeof StandInBrowserWindow): ElectronPrinterOptions['BrowserWindow'] {
  return windowClass as unknown as ElectronPrinterOptions['BrowserWindow'];
}

const BrowserWindow = asWindowClass(StandInBrowserWindow);

beforeEach(() => resetStandIn());

describe('Electron printer', () => {
  it('prints A4 silently to the named printer', async () => {
    const printer = createElectronPrinter({ deviceName: 'HP_LaserJet_M1136', BrowserWindow });

    const result = await printer.print(statementJob);

    expect(result).toEqual({ status: 'printed', layout: 'a4', output: 'HP_LaserJet_M1136' });
    expect(onlyWindow().webContents.printRequests).toEqual([
      { silent: true, printBackground: true, deviceName: 'HP_LaserJet_M1136', pageSize: 'A4' },
    ]);
  });

  it('prints a receipt as long as its content', async () => {
    // 480 CSS px are 127 mm; 3 mm margins above and below and 10 mm to the cutter make 143 mm.
    devtoolsSide.contentHeightPx = 480;
    const printer = createElectronPrinter({ BrowserWindow });

    const result = await printer.print(testJob);

    expect(result).toEqual({ status: 'printed', layout: 'receipt-80mm', output: 'default printer' });
    const [request] = onlyWindow().webContents.printRequests;
    expect(request).toEqual({ silent: true, printBackground: true, pageSize: { width: 80_000, height: 143_000 } });
    expect(request).not.toHaveProperty('deviceName');
  });

  it('loads a receipt again with its length', async () => {
    devtoolsSide.contentHeightPx = 480;

    await createElectronPrinter({ BrowserWindow }).print(testJob);

    const { webContents } = onlyWindow();
    const prefix = 'data:text/html;charset=utf-8,';
    const [measured, printed] = webContents.loadedUrls.map((url) => decodeURIComponent(url.slice(prefix.length)));
    expect(measured).toBe(testJob.html);
    expect(printed).toContain('<style>@page { size: 80mm 143mm; margin: 3mm 4mm; }</style>\n</head>');
    expect(webContents.debugger.commands.map((command) => command.method)).toEqual(['DOM.getDocument', 'DOM.querySelector', 'DOM.getBoxModel']);
    expect(webContents.debugger.attached).toBe(false);
  });

  it('caps a long receipt at 2 m', async () => {
    devtoolsSide.contentHeightPx = 20_000;

    await createElectronPrinter({ BrowserWindow }).print(testJob);

    const [request] = onlyWindow().webContents.printRequests;
    expect(request?.pageSize).toEqual({ width: 80_000, height: 2_000_000 });
  });

  it('reports a receipt it cannot measure', async () => {
    class BlindWindow extends StandInBrowserWindow {
      constructor(options: Record<string, unknown>) {
        super(options);
        this.webContents.debugger.sendCommand = () => Promise.reject(new Error('Target closed'));
      }
    }
    const printer = createElectronPrinter({ BrowserWindow: asWindowClass(BlindWindow) });

    const result = await printer.print(testJob);

    expect(result).toEqual({
      status: 'failed',
      reason: 'loading the test page for printing failed: measuring its content height failed: Target closed',
    });
    expect(onlyWindow().webContents.printRequests).toEqual([]);
    expect(onlyWindow().webContents.debugger.attached).toBe(false);
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('opens a hidden locked-down window', async () => {
    await createElectronPrinter({ BrowserWindow }).print(statementJob);

    const { options } = onlyWindow();
    expect(options.show).toBe(false);
    const preferences = options.webPreferences as Record<string, unknown>;
    expect(preferences.sandbox).toBe(true);
    expect(preferences.javascript).toBe(false);
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences).not.toHaveProperty('preload');
  });

  it('loads the job as a data URL', async () => {
    await createElectronPrinter({ BrowserWindow }).print(statementJob);

    const [url] = onlyWindow().webContents.loadedUrls;
    const prefix = 'data:text/html;charset=utf-8,';
    expect(url?.startsWith(prefix)).toBe(true);
    expect(decodeURIComponent(url!.slice(prefix.length))).toBe(statementJob.html);
  });

  it('destroys the window after printing', async () => {
    await createElectronPrinter({ BrowserWindow }).print(statementJob);
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('passes the failure reason through', async () => {
    printerSide.reply = () => [false, 'Invalid deviceName provided'];
    const printer = createElectronPrinter({ deviceName: 'No_Such_Printer', BrowserWindow });

    const result = await printer.print(statementJob);

    expect(result).toEqual({ status: 'failed', reason: 'printer No_Such_Printer failed: Invalid deviceName provided' });
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('reports a hung printer as failed', async () => {
    printerSide.reply = () => null;
    const printer = createElectronPrinter({ deviceName: 'Sleeping_Printer', BrowserWindow, timeoutMs: 50 });

    const result = await printer.print(statementJob);

    expect(result).toEqual({ status: 'failed', reason: 'printer Sleeping_Printer did not answer within 50 ms' });
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('reports a page that fails to load', async () => {
    class FailingWindow extends StandInBrowserWindow {
      override loadURL(): Promise<void> {
        return Promise.reject(new Error('ERR_INVALID_URL (-300)'));
      }
    }
    const printer = createElectronPrinter({ BrowserWindow: asWindowClass(FailingWindow) });

    const result = await printer.print(statementJob);

    expect(result).toEqual({ status: 'failed', reason: 'loading the statement page for printing failed: ERR_INVALID_URL (-300)' });
    expect(onlyWindow().webContents.printRequests).toEqual([]);
    expect(onlyWindow().isDestroyed()).toBe(true);
  });
});
