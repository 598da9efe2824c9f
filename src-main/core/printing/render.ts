// Renders a print request to one self-contained HTML page (see print-job.ts), in the request's
// language and on the layout's paper. Hosts print the page as it is.
import { translatorFor } from '../../../src-shared/messages/translator.js';
import type { PrintLayout, PrintRequest } from '../../../src-shared/reports-api.js';
import { htmlPage } from './html.js';
import type { PrintContext, PrintJob } from './print-job.js';
import { receiptBody } from './receipt.js';
import { statementBody } from './statement.js';
import { testPageBody } from './test-page.js';

/**
 * Renders the requested document. The request's layout wins over the terminal's configured one,
 * so the admin screen can print a test page on either paper.
 */
export function renderPrintJob(request: PrintRequest, context: PrintContext, settings: { layout: PrintLayout }): PrintJob {
  const layout = request.layout ?? settings.layout;
  const t = translatorFor(request.language);

  let title: string;
  let body: string;
  switch (request.document) {
    case 'statement':
      title = t('print:statement.title');
      body = statementBody(t, request.household, context, layout);
      break;
    case 'receipt':
      title = t('print:receipt.title');
      body = receiptBody(t, request.receipt, request.draft, context);
      break;
    case 'test':
      title = t('print:test.title');
      body = testPageBody(t, context, layout);
      break;
  }

  const html = htmlPage({ title, language: request.language, layout, body });
  return { html, layout, document: request.document };
}
