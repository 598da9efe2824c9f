// The length of an 80 mm receipt page from its measured content height, and the @page rule that
// sets it on a rendered page.
import { describe, expect, it } from 'vitest';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import {
  MAX_RECEIPT_HEIGHT_MM,
  MIN_RECEIPT_HEIGHT_MM,
  receiptPageHeightMm,
  withReceiptPageHeight,
} from '../../src-main/core/printing/receipt-page.js';
import { printContext } from './printing-fixtures.js';

// 96 CSS px are one inch, 25.4 mm.
const PX_PER_MM = 96 / 25.4;

describe('receiptPageHeightMm', () => {
  it('adds margins and the cut allowance', () => {
    // 100 mm of content, 3 mm margins above and below, 10 mm to the cutter.
    expect(receiptPageHeightMm(100 * PX_PER_MM)).toBe(116);
  });

  it('rounds up to whole millimetres', () => {
    expect(receiptPageHeightMm(100.2 * PX_PER_MM)).toBe(117);
  });

  it.each([
    ['zero', 0],
    ['negative', -50],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
    ['tiny', 10],
  ])('keeps the minimum for %s content', (_case, heightPx) => {
    expect(receiptPageHeightMm(heightPx)).toBe(MIN_RECEIPT_HEIGHT_MM);
  });

  it('caps 3 m of content at the maximum', () => {
    expect(receiptPageHeightMm(3000 * PX_PER_MM)).toBe(MAX_RECEIPT_HEIGHT_MM);
  });
});

describe('withReceiptPageHeight', () => {
  const job = renderPrintJob({ document: 'test' }, printContext, { language: 'zh-CN', layout: 'receipt-80mm' });

  it('adds the @page rule after the page style', () => {
    const html = withReceiptPageHeight(job.html, 143);

    const rule = '<style>@page { size: 80mm 143mm; margin: 3mm 4mm; }</style>';
    expect(html).toContain(`${rule}\n</head>`);
    expect(html.indexOf(rule)).toBeGreaterThan(html.indexOf('@page { size: 80mm 297mm;'));
    expect(html.replace(`${rule}\n`, '')).toBe(job.html);
  });

  it('rejects a page without a head', () => {
    expect(() => withReceiptPageHeight('<p>no head</p>', 100)).toThrow('the print page has no </head>');
  });
});
