// The report receipt (举报回执) a villager takes home: the case number in large groups of four,
// what was reported and when, the phone number masked, and how to follow the case. The report
// itself is sealed for the commission; the receipt repeats only what the villager typed.
import { formatCaseNumber } from '../../../src-shared/case-number.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { ReportCategory, ReportDraft, ReportReceipt } from '../../../src-shared/reports-api.js';
import { escapeHtml } from './html.js';
import { pageFooter, qrBlock } from './page-parts.js';
import type { PrintContext } from './print-job.js';
import { RECEIPT_TEXT_MAX, formatIsoDateTime, maskPhone, truncateText } from './print-format.js';

// Literal keys, so the catalog test can see each one.
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

function field(label: string, valueHtml: string): string {
  return `<p><span class="label">${escapeHtml(label)}：</span>${valueHtml}</p>`;
}

/** Renders the body of a report receipt. */
export function receiptBody(t: Translate, receipt: ReportReceipt, draft: ReportDraft, context: PrintContext): string {
  const text = truncateText(draft.text, RECEIPT_TEXT_MAX);
  const phone = draft.phone === null ? t('print:receipt.noPhone') : maskPhone(draft.phone);
  const record = draft.record === null ? t('print:receipt.noRecord') : draft.record.label;

  const parts = [
    `<h1>${escapeHtml(t('print:receipt.title'))}</h1>`,
    `<p class="label">${escapeHtml(t('print:receipt.caseNumber'))}</p>`,
    `<p><span class="case-number">${escapeHtml(formatCaseNumber(receipt.caseNumber))}</span></p>`,
    field(t('print:receipt.category'), escapeHtml(categoryText(t, draft.category))),
    field(t('print:receipt.record'), escapeHtml(record)),
    field(t('print:receipt.region'), `<span class="number">${escapeHtml(draft.regionCode)}</span>`),
    field(t('print:receipt.filedAt'), `<span class="number">${escapeHtml(formatIsoDateTime(receipt.filedAt))}</span>`),
    field(t('print:receipt.phone'), escapeHtml(phone)),
    `<h2>${escapeHtml(t('print:receipt.text'))}</h2>`,
    `<p class="report-text">${escapeHtml(text.shown)}</p>`,
  ];

  if (text.shownLength < text.totalLength) {
    const note = t('print:receipt.textTruncated', { shown: text.shownLength, total: text.totalLength });
    parts.push(`<p class="muted">${escapeHtml(note)}</p>`);
  }

  parts.push(`<h2>${escapeHtml(t('print:receipt.nextSteps'))}</h2>`);
  parts.push(`<p>${escapeHtml(t('print:receipt.nextTrack'))}</p>`);
  if (receipt.trackUrl !== null) {
    parts.push(qrBlock(receipt.trackUrl, [t('print:trackQr'), t('print:receipt.nextScan')]));
  }
  parts.push(`<p class="muted">${escapeHtml(t('print:receipt.sealed'))}</p>`);
  parts.push(pageFooter(t, context));
  return parts.join('\n');
}
