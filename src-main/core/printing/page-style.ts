// Inline CSS of the printed pages, per paper. A4 is a portrait sheet with ordinary margins. The
// 80 mm thermal roll has a 72 mm printable width, one column, larger digits and only solid
// black: a thermal head prints dots or none, so grey text and hairlines come out broken.
import type { PrintLayout } from '../../../src-shared/reports-api.js';

const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

const COMMON = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_FAMILY}; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { margin: 0 0 2mm; text-align: center; }
h2 { margin: 4mm 0 1.5mm; }
p { margin: 1mm 0; }
table { width: 100%; border-collapse: collapse; }
.amount, .number { font-variant-numeric: tabular-nums; white-space: nowrap; }
.amount { text-align: right; }
.case-number { font-weight: 700; white-space: nowrap; }
.report-text { white-space: pre-wrap; overflow-wrap: anywhere; }
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
tr.subtotal td { font-weight: 700; border-bottom: 0.3mm solid #000; }
tr.year-total td { font-weight: 700; background: #eee; }
.grand-total { display: flex; justify-content: space-between; font-size: 14pt; font-weight: 700; margin-top: 3mm; }
.case-number { font-size: 24pt; }
.qr svg { width: 32mm; height: 32mm; }
.muted { color: #555; }
footer { border-top: 0.3mm solid #000; padding-top: 2mm; font-size: 9.5pt; }
`;

const RECEIPT = `
@page { size: 80mm 297mm; margin: 3mm 4mm; }
body { font-size: 3.6mm; width: 72mm; }
h1 { font-size: 5.5mm; }
h2 { font-size: 4.2mm; border-bottom: 0.4mm solid #000; padding-bottom: 0.5mm; }
.entry { padding: 1mm 0; border-bottom: 0.3mm dashed #000; break-inside: avoid; }
.entry .line { display: flex; justify-content: space-between; gap: 2mm; }
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

/** Returns the CSS of a printed page on the given paper. */
export function pageStyle(layout: PrintLayout): string {
  return COMMON + (layout === 'a4' ? A4 : RECEIPT);
}
