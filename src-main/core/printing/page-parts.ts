// Parts that every printed page shares: the footer with data-as-of date, printing time and
// terminal, and a QR code with its caption.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { escapeHtml, qrCodeSvg } from './html.js';
import type { PrintContext } from './print-job.js';
import { formatLocalDateTime } from './print-format.js';

/** Renders the footer lines: data as of, printed at, terminal ID and name. */
export function pageFooter(t: Translate, context: PrintContext): string {
  const dataAsOf =
    context.dataAsOf === null ? t('print:footer.noData') : t('print:footer.dataAsOf', { date: context.dataAsOf });

  const lines = [
    dataAsOf,
    t('print:footer.printedAt', { time: formatLocalDateTime(context.printedAt) }),
    t('print:footer.terminal', { id: context.terminalId, name: context.terminalName }),
  ];
  return `<footer>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</footer>`;
}

/** Renders a QR code of `content` beside (A4) or above (receipt) its caption lines. */
export function qrBlock(content: string, captions: string[]): string {
  const captionHtml = captions.map((caption) => `<p class="label">${escapeHtml(caption)}</p>`).join('');
  return `<section class="qr">${qrCodeSvg(content)}<div>${captionHtml}</div></section>`;
}
