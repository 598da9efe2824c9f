// Renders a document to one self-contained HTML page (see print-job.ts), in the requested
// language and on the layout's paper. Hosts print the page as it is.
import type { Household, Language } from '../../../src-shared/kiosk-api.js';
import { translatorFor } from '../../../src-shared/messages/translator.js';
import type { PrintLayout } from '../../../src-shared/reports-api.js';
import { htmlPage } from './html.js';
import { pageNumberContent } from './page-style.js';
import type { PrintContext, PrintJob } from './print-job.js';
import { receiptBody } from './receipt.js';
import type { FiledReceipt } from './receipt.js';
import { statementBody } from './statement.js';
import { testPageBody } from './test-page.js';

/**
 * A document ready to render, with its data already taken from where the terminal trusts it:
 * the household from the installed snapshot, the receipt from the reports the terminal filed.
 */
export type PrintDocument =
  | { document: 'statement'; household: Household }
  | { document: 'receipt'; receipt: FiledReceipt }
  | { document: 'test' };

export interface RenderOptions {
  language: Language;
  layout: PrintLayout;
}

/** Renders the document in the given language and layout. */
export function renderPrintJob(document: PrintDocument, context: PrintContext, options: RenderOptions): PrintJob {
  const { layout } = options;
  const t = translatorFor(options.language);

  let title: string;
  let body: string;
  switch (document.document) {
    case 'statement':
      title = t('print:statement.title');
      body = statementBody(t, document.household, context, layout);
      break;
    case 'receipt':
      title = t('print:receipt.title');
      body = receiptBody(t, document.receipt, context);
      break;
    case 'test':
      title = t('print:test.title');
      body = testPageBody(t, context, layout);
      break;
  }

  const pageNumber = pageNumberContent((markers) => t('print:footer.pageNumber', markers));
  const html = htmlPage({ title, language: options.language, layout, pageNumber, body });
  return { html, layout, document: document.document };
}
