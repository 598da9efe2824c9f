// The seam between rendering a printed page and putting it on paper. Core renders every
// document (statement, receipt, test page) to one self-contained HTML page, with its QR code
// inline and no script, so each host only has to print HTML: the Electron host through a hidden
// window to the configured printer, the browser host through headless Chromium to a PDF file.
import type { PrintLayout, PrintResult } from '../../../src-shared/reports-api.js';

export interface PrintJob {
  /** A complete HTML document with inline styles and images; it loads nothing from anywhere. */
  html: string;
  layout: PrintLayout;
  /** For the job's name in the printer queue and the PDF file name: "statement", "receipt", "test". */
  document: 'statement' | 'receipt' | 'test';
}

/** A host's way to put a page on paper. Never throws: failures come back as status "failed". */
export interface PrintOutput {
  print(job: PrintJob): Promise<PrintResult>;
}

/** Details of the terminal and its data that the printed pages show besides the request's own content. */
export interface PrintContext {
  terminalId: string;
  terminalName: string;
  /** config reporting.reportUrl, or null; the statement's QR code opens it. */
  reportUrl: string | null;
  /** config reporting.trackUrl, or null; the receipt's QR code opens it with the case number. */
  trackUrl: string | null;
  /** The installed snapshot's data-as-of date (YYYY-MM-DD), or null before the first sync. */
  dataAsOf: string | null;
  /** When the page is printed, on the terminal's clock. */
  printedAt: Date;
}
