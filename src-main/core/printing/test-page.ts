// The printer test page (打印测试页) a technician prints from the admin screen: text of both
// scripts, a QR code and a ruler, so one sheet shows whether glyphs, dots and paper feed are right.
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { PrintLayout } from '../../../src-shared/reports-api.js';
import { escapeHtml } from './html.js';
import { pageFooter, qrBlock } from './page-parts.js';
import type { PrintContext } from './print-job.js';
import { formatLocalDateTime } from './print-format.js';

/** Returns the text of the test page's QR code: the terminal ID and the printing time. */
export function testPageQrContent(context: PrintContext): string {
  return `${context.terminalId} ${formatLocalDateTime(context.printedAt)}`;
}

/** Renders the body of the test page. */
export function testPageBody(t: Translate, context: PrintContext, layout: PrintLayout): string {
  // Seven centimetres fit both the 72 mm receipt width and an A4 line.
  const rulerMarks = Array.from({ length: 7 }, (_, index) => `<span>${index * 10}</span>`).join('');
  const layoutName = layout === 'a4' ? t('print:layout.a4') : t('print:layout.receipt-80mm');

  return [
    `<h1>${escapeHtml(t('print:test.title'))}</h1>`,
    `<p><span class="label">${escapeHtml(t('print:test.layout'))}</span> ${escapeHtml(layoutName)}</p>`,
    `<p>${escapeHtml(t('print:test.pangram'))}</p>`,
    `<h2>${escapeHtml(t('print:test.ruler'))}</h2>`,
    `<div class="ruler">${rulerMarks}</div>`,
    qrBlock(testPageQrContent(context), [t('print:test.qrCaption')]),
    `<p>${escapeHtml(t('print:test.ok'))}</p>`,
    pageFooter(t, context),
  ].join('\n');
}
