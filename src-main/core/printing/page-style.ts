// Inline CSS of the printed pages, per paper. A4 is a portrait sheet with ordinary margins. The
// 80 mm thermal roll has a 72 mm printable width, one column, larger digits and only solid
// black: a thermal head prints dots or none, so grey text and hairlines come out broken.
import type { PrintLayout } from '../../../src-shared/reports-api.js';
import { RECEIPT_DEFAULT_HEIGHT_MM, receiptPageRule } from './receipt-page.js';

const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

const COMMON = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_FAMILY}; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { margin: 0 0 2mm; text-align: center; }
h2 { margin: 4mm 0 1.5mm; }
p { margin: 1mm 0; }
h1, h2, p, li, td, th, span, div { overflow-wrap: anywhere; min-width: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.amount, .number { font-variant-numeric: tabular-nums; }
.amount { text-align: right; white-space: nowrap; }
.case-number { font-weight: 700; white-space: nowrap; }
.label { font-weight: 700; }
.qr { display: flex; align-items: center; gap: 3mm; page-break-inside: avoid; break-inside: avoid; }
.qr svg { flex: none; }
.ruler { display: flex; height: 8mm; border-bottom: 0.5mm solid #000; }
.ruler span { flex: none; width: 10mm; border-left: 0.5mm solid #000; font-size: 2.8mm; padding-left: 0.5mm; }
footer { margin-top: 4mm; }
`;

const A4 = `
@page { size: A4 portrait; margin: 15mm 15mm 18mm; }
body { font-size: 10.5pt; }
h1 { font-size: 18pt; }
h2 { font-size: 12.5pt; border-bottom: 0.3mm solid #000; padding-bottom: 1mm; }
th, td { padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; border-bottom: 0.2mm solid #999; }
th { border-bottom: 0.4mm solid #000; }
th.amount, td.amount { text-align: right; }
col.paid-on { width: 17%; }
col.period { width: 15%; }
col.recipient { width: 16%; }
col.amount { width: 20%; }
tr.subtotal td { font-weight: 700; border-bottom: 0.3mm solid #000; }
tr.year-total td { font-weight: 700; background: #eee; }
.grand-total { display: flex; justify-content: space-between; font-size: 14pt; font-weight: 700; margin-top: 3mm; }
.case-number { font-size: 24pt; }
.qr svg { width: 32mm; height: 32mm; }
.muted { color: #555; }
footer { border-top: 0.3mm solid #000; padding-top: 2mm; font-size: 9.5pt; }
`;

// Hosts print a receipt on a page as long as its content (receipt-page.ts); the default length
// here applies only to a page printed without measuring.
const RECEIPT = `
${receiptPageRule(RECEIPT_DEFAULT_HEIGHT_MM)}
body { font-size: 3.6mm; width: 72mm; max-width: 72mm; }
h1 { font-size: 5.5mm; }
h2 { font-size: 4.2mm; border-bottom: 0.4mm solid #000; padding-bottom: 0.5mm; }
.entry { padding: 1mm 0; border-bottom: 0.3mm dashed #000; break-inside: avoid; }
.entry .line { display: flex; justify-content: space-between; gap: 2mm; }
.entry .line > span:first-child, .subtotal > span:first-child, .year-total > span:first-child, .grand-total > span:first-child { flex: 1 1 auto; }
.entry .line > span:last-child { flex: 0 1 auto; text-align: right; }
.entry .amount, .subtotal .amount { font-size: 4.6mm; font-weight: 700; }
.subtotal { display: flex; justify-content: space-between; font-weight: 700; padding: 1mm 0; }
.year-total { display: flex; justify-content: space-between; font-weight: 700; padding: 1mm 0; border-top: 0.4mm solid #000; border-bottom: 0.4mm solid #000; }
.grand-total { display: flex; justify-content: space-between; font-size: 5.5mm; font-weight: 700; margin-top: 2mm; border-top: 0.6mm solid #000; padding-top: 1mm; }
.case-number { font-size: 6.5mm; display: block; text-align: center; }
.qr { flex-direction: column; text-align: center; }
.qr svg { width: 36mm; height: 36mm; }
.muted { color: #000; }
footer { border-top: 0.4mm solid #000; padding-top: 1mm; }
`;

// Quotes text as a CSS string for the `content` property.
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`).replace(/[\n\r]/g, ' ')}"`;
}

/**
 * Returns the `content` value of a page-number margin box from a message with {{page}} and
 * {{pages}} placeholders, for example "第 " counter(page) " 页，共 " counter(pages) " 页".
 */
export function pageNumberContent(translatePageNumber: (markers: { page: string; pages: string }) => string): string {
  const text = translatePageNumber({ page: '\u0000page\u0000', pages: '\u0000pages\u0000' });
  return text
    .split('\u0000')
    .map((part, index) => {
      if (index % 2 === 0) return part === '' ? '' : cssString(part);
      return part === 'pages' ? 'counter(pages)' : 'counter(page)';
    })
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * Returns the CSS of a printed page on the given paper. A4 pages carry a page number in the
 * bottom margin: Debian's Chromium 156 prints @page margin boxes also with
 * --no-pdf-header-footer (tests/integration/printing-pdf.test.ts reads them back). The 80 mm
 * roll has none, because its pages follow each other on one strip.
 */
export function pageStyle(layout: PrintLayout, pageNumber: string): string {
  if (layout !== 'a4') return COMMON + RECEIPT;
  const margin = `@page { @bottom-center { content: ${pageNumber}; font-size: 9pt; } }\n`;
  return COMMON + A4 + margin;
}
