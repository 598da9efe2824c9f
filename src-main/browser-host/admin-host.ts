// The browser host's part of the admin service: its own memory, the state of its PDF printer,
// and no exit to the desktop, because the browser is not the host's to close.
import { access, constants } from 'node:fs/promises';
import type { AdminHost } from '../core/admin/admin-service.js';
import type { PrinterStatus } from '../core/admin/diagnostics.js';
import { DEFAULT_CHROMIUM } from './pdf-printer.js';

export interface BrowserAdminHostOptions {
  /** Whether the config enables printing; the host then prints to PDF files in pdfDir. */
  printing: boolean;
  pdfDir: string;
  /** The Chromium binary of the PDF printer; default MINSHENG_CHROMIUM, then /usr/bin/chromium, as the printer picks it. */
  chromiumPath?: string;
}

async function pdfPrinterStatus(pdfDir: string, chromiumPath: string): Promise<PrinterStatus> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { state: 'not-found', detail: `Chromium ${chromiumPath} cannot be run (${code}); set MINSHENG_CHROMIUM to a Chromium binary` };
  }
  return { state: 'ready', detail: `PDF files in ${pdfDir}, printed by ${chromiumPath}` };
}

export function browserAdminHost(options: BrowserAdminHostOptions): AdminHost {
  const chromiumPath = options.chromiumPath ?? process.env.MINSHENG_CHROMIUM ?? DEFAULT_CHROMIUM;
  return {
    processMemoryBytes: () => process.memoryUsage().rss,
    printerStatus: async () => (options.printing ? pdfPrinterStatus(options.pdfDir, chromiumPath) : { state: 'not-configured', detail: null }),
    exitToDesktop: null,
  };
}
