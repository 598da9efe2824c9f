// The report receipt (举报回执) a villager takes home: the case number in large groups of four,
// what was reported and when, the phone number masked, and how to follow the case. The report
// text is sealed for the commission and is not printed, so no copy of it stays on paper or in a
// PDF file.
import { formatCaseNumber } from '../../../src-shared/case-number.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { buildTrackUrl } from '../../../src-shared/report-url.js';
import type { ReportCategory } from '../../../src-shared/reports-api.js';
import { escapeHtml } from './html.js';
import { pageFooter, qrBlock } from './page-parts.js';
import type { PrintContext } from './print-job.js';
import { formatIsoDateTime } from './print-format.js';

/** Fields of a filed report that the terminal keeps to print its receipt. They never include the report text. */
export interface FiledReceipt {
  caseNumber: string;
  /** ISO date-time of filing on the terminal's clock. */
  filedAt: string;
  terminalId: string;
  category: ReportCategory;
  /** The label of the record the report concerns, or null for a report without one. */
  recordLabel: string | null;
  regionCode: string;
  /** The phone number already masked (138****5678), or null when none was given. */
  maskedPhone: string | null;
}

// Literal keys, so the catalog test can find each one.
function categoryText(t: Translate, category: ReportCategory): string {
  switch (category) {
    case 'payment-wrong':
      return t('print:category.payment-wrong');
    case 'payment-missing':
      return t('print:category.payment-missing');
    case 'project':
      return t('print:category.project');
    case 'finance':
      return t('print:category.finance');
    case 'conduct':
      return t('print:category.conduct');
    case 'other':
      return t('print:category.other');
  }
}

function field(t: Translate, label: string, valueHtml: string): string {
  const labelText = t('print:fieldLabel', { label });
  return `<p><span class="label">${escapeHtml(labelText)}</span>${valueHtml}</p>`;
}

/** Renders the body of a report receipt; the QR code opens the configured follow-up page. */
export function receiptBody(t: Translate, receipt: FiledReceipt, context: PrintContext): string {
  const phone = receipt.maskedPhone ?? t('print:receipt.noPhone');
  const record = receipt.recordLabel ?? t('print:receipt.noRecord');

  const parts = [
    `<h1>${escapeHtml(t('print:receipt.title'))}</h1>`,
    `<p class="label">${escapeHtml(t('print:receipt.caseNumber'))}</p>`,
    `<p><span class="case-number">${escapeHtml(formatCaseNumber(receipt.caseNumber))}</span></p>`,
    field(t, t('print:receipt.category'), escapeHtml(categoryText(t, receipt.category))),
    field(t, t('print:receipt.record'), escapeHtml(record)),
    field(t, t('print:receipt.region'), `<span class="number">${escapeHtml(receipt.regionCode)}</span>`),
    field(t, t('print:receipt.filedAt'), `<span class="number">${escapeHtml(formatIsoDateTime(receipt.filedAt))}</span>`),
    field(t, t('print:receipt.phone'), escapeHtml(phone)),
    `<h2>${escapeHtml(t('print:receipt.nextSteps'))}</h2>`,
    `<p>${escapeHtml(t('print:receipt.nextTrack'))}</p>`,
  ];

  if (context.trackUrl !== null) {
    const url = buildTrackUrl(context.trackUrl, receipt.caseNumber);
    parts.push(qrBlock(url, [t('print:trackQr'), t('print:receipt.nextScan')]));
  }
  parts.push(`<p class="muted">${escapeHtml(t('print:receipt.sealed'))}</p>`);
  parts.push(pageFooter(t, context));
  return parts.join('\n');
}
