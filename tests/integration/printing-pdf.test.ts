// Every document in both layouts, printed through the real PDF printer (Debian's Chromium) and
// read back with poppler: the text, the totals in fen, the QR codes, the fonts and the paper.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFenAsYuan } from '../../src-shared/money.js';
import type { Household } from '../../src-shared/kiosk-api.js';
import type { PrintLayout, PrintResult } from '../../src-shared/reports-api.js';
import { createPdfPrinter } from '../../src-main/browser-host/pdf-printer.js';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import type { PrintDocument } from '../../src-main/core/printing/render.js';
import { decodePdfQrCodes, pdfFonts, pdfPageSizesMm, pdfText } from '../helpers/pdf.js';
import { makeTempDir } from '../helpers/temp.js';
import { CASE_NUMBER, HOSTILE_LABEL, draft, filedReceipt, household, printContext } from '../unit/printing-fixtures.js';

const LAYOUTS: PrintLayout[] = ['a4', 'receipt-80mm'];

let temp: ReturnType<typeof makeTempDir>;
const printed = new Map<string, { result: PrintResult; file: string; text: string }>();

function documentFor(document: PrintDocument['document']): PrintDocument {
  if (document === 'statement') return { document, household };
  if (document === 'receipt') return { document, receipt: filedReceipt };
  return { document };
}

function outputOf(document: string, layout: PrintLayout): { result: PrintResult; file: string; text: string } {
  const output = printed.get(`${document}/${layout}`);
  if (!output) throw new Error(`${document} on ${layout} was not printed`);
  return output;
}

// pdftotext -layout pads columns with runs of spaces; one space is enough to compare lines.
function squeezed(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}

beforeAll(async () => {
  temp = makeTempDir();
  const outDir = path.join(temp.dir, 'pdf');
  let tick = 0;
  // A distinct time per job, so each file name is predictable.
  const printer = createPdfPrinter({ outDir, clock: () => new Date(2026, 4, 12, 9, 5, 30, tick++) });

  for (const document of ['statement', 'receipt', 'test'] as const) {
    for (const layout of LAYOUTS) {
      const job = renderPrintJob(documentFor(document), printContext, { language: 'zh-CN', layout });
      const result = await printer.print(job);
      const file = result.status === 'printed' ? path.join(outDir, result.output) : '';
      printed.set(`${document}/${layout}`, { result, file, text: file ? squeezed(pdfText(file)) : '' });
    }
  }
});

afterAll(() => {
  if (process.env.DEBUG_PDF) return;
  temp.remove();
});

describe('PDF printer output', () => {
  it('names files by time, document and layout', () => {
    expect(outputOf('statement', 'a4').result).toEqual({
      status: 'printed',
      layout: 'a4',
      output: '20260512-090530-000-statement-a4.pdf',
    });
    expect(outputOf('test', 'receipt-80mm').result).toEqual({
      status: 'printed',
      layout: 'receipt-80mm',
      output: '20260512-090530-005-test-receipt-80mm.pdf',
    });
  });

  it('leaves no temporary files behind', () => {
    const names = readdirSync(path.dirname(outputOf('statement', 'a4').file));
    expect(names.filter((name) => !name.endsWith('.pdf'))).toEqual([]);
    expect(names).toHaveLength(6);
  });

  for (const layout of LAYOUTS) {
    describe(`on ${layout}`, () => {
      it('prints the statement with masked names', () => {
        const { text } = outputOf('statement', layout);
        expect(text).toContain('惠民惠农补贴明细单');
        expect(text).toContain('麻阳苗族自治县 城关镇 白岩村');
        expect(text).toContain('张*丰（户主）');
        expect(text).toContain('李*（配偶）');
        expect(text).toContain('欧**娜（孙子女）');
      });

      it('adds statement totals up in fen', () => {
        const { text } = outputOf('statement', layout);
        const sumFen = household.payments.reduce((sum, payment) => sum + payment.amountFen, 0);
        expect(sumFen).toBe(153_445);

        expect(text).toMatch(new RegExp(`总计（共 4 笔） ${formatFenAsYuan(sumFen)}`));
        expect(text).toMatch(/2025 年合计 1,434\.50/);
        expect(text).toMatch(/2024 年合计 99\.95/);
        expect(text).toMatch(/耕地地力保护补贴 小计 1,234\.50/);
        expect(text).toMatch(/高龄津贴 小计 200\.00/);
      });

      it('prints the statement footer', () => {
        const { text } = outputOf('statement', layout);
        expect(text).toContain('数据截至：2026-04-30');
        expect(text).toContain('打印时间：2026-05-12 09:05');
        expect(text).toContain('终端编号：T-431226-07');
        expect(text).toContain('有疑问？扫码举报');
      });

      it('encodes the village report address', () => {
        const { file } = outputOf('statement', layout);
        expect(decodePdfQrCodes(file)).toEqual([
          'https://jb.example.gov.cn/report?county=431226&region=431226101201&terminal=T-431226-07',
        ]);
      });

      it('prints the receipt case number', () => {
        const { text, file } = outputOf('receipt', layout);
        expect(text).toContain('举报回执');
        // pdftotext -layout splits the large number across lines; raw mode keeps its digits together.
        expect(pdfText(file, 'raw')).toContain(CASE_NUMBER);
      });

      it('prints the receipt details', () => {
        const { text } = outputOf('receipt', layout);
        expect(text).toContain('补贴金额不对');
        expect(text).toContain('2026-05-12 09:04');
        expect(text).toContain('138****5678');
        expect(text).not.toContain('13812345678');
        expect(text).toContain('终端编号：T-431226-07');
      });

      it('leaves the report text off the receipt', () => {
        const { text } = outputOf('receipt', layout);
        expect(text.replace(/\s+/g, '')).not.toContain(draft.text.slice(0, 8));
      });

      it('prints a hostile label as text', () => {
        const { text } = outputOf('receipt', layout);
        const compact = text.replace(/\s+/g, '');
        expect(compact).toContain(HOSTILE_LABEL.replace(/\s+/g, ''));
      });

      it('encodes the receipt tracking address', () => {
        const { file } = outputOf('receipt', layout);
        expect(decodePdfQrCodes(file)).toEqual([`https://jb.example.gov.cn/track?case=${CASE_NUMBER}`]);
      });

      it('prints the test page and its code', () => {
        const { text, file } = outputOf('test', layout);
        expect(text).toContain('打印测试页');
        expect(text).toContain('终端编号：T-431226-07');
        expect(decodePdfQrCodes(file)).toEqual(['T-431226-07 2026-05-12 09:05']);
      });

      it('embeds every font with Unicode maps', () => {
        for (const document of ['statement', 'receipt', 'test']) {
          const fonts = pdfFonts(outputOf(document, layout).file);
          expect(fonts.length, `${document} has no fonts`).toBeGreaterThan(0);
          expect(fonts.filter((font) => !font.embedded), `${document} has fonts not embedded`).toEqual([]);
          expect(fonts.filter((font) => !font.toUnicode), `${document} has fonts without ToUnicode`).toEqual([]);
        }
      });
    });
  }

  it('writes PDFs readable by the owner only', () => {
    for (const document of ['statement', 'receipt', 'test']) {
      expect(statSync(outputOf(document, 'a4').file).mode & 0o777, document).toBe(0o600);
    }
  });

  it('prints roll amounts with their unit', () => {
    const { text } = outputOf('statement', 'receipt-80mm');
    expect(text).toContain('总计（共 4 笔） 1,534.45 元');
    expect(text).toContain('2025 年合计 1,434.50 元');
  });

  it('numbers A4 pages', () => {
    expect(outputOf('statement', 'a4').text).toContain('第 1 页，共 1 页');
  });

  it('prints A4 pages 210 by 297 mm', () => {
    for (const page of pdfPageSizesMm(outputOf('statement', 'a4').file)) {
      expect(page.width).toBeCloseTo(210, 0);
      expect(page.height).toBeCloseTo(297, 0);
    }
  });

  it('prints receipts 80 mm wide', () => {
    for (const document of ['statement', 'receipt', 'test']) {
      const pages = pdfPageSizesMm(outputOf(document, 'receipt-80mm').file);
      expect(pages.length, document).toBeGreaterThan(0);
      for (const page of pages) expect(page.width, document).toBeCloseTo(80, 0);
    }
  });

  it('prints a short receipt on one short page', () => {
    for (const document of ['receipt', 'test']) {
      const pages = pdfPageSizesMm(outputOf(document, 'receipt-80mm').file);
      expect(pages, document).toHaveLength(1);
      expect(pages[0]!.height, document).toBeLessThan(297);
    }
  });

  it('prints a roll statement on one page', () => {
    expect(pdfPageSizesMm(outputOf('statement', 'receipt-80mm').file)).toHaveLength(1);
  });

  it('prints a long statement on one uncut strip', async () => {
    // Five years of a monthly allowance, newest first: about four times as long as an A4 page.
    const payments = Array.from({ length: 60 }, (_, index) => {
      const year = 2025 - Math.floor(index / 12);
      const month = String(12 - (index % 12)).padStart(2, '0');
      return { ...household.payments[1]!, paymentId: `P-LONG-${index}`, amountFen: 10_000 + index, paidOn: `${year}-${month}-15`, period: `${year}-${month}` };
    });
    const longHousehold: Household = { ...household, payments, totalFen: payments.reduce((sum, payment) => sum + payment.amountFen, 0) };
    const printer = createPdfPrinter({ outDir: path.join(temp.dir, 'long') });

    const result = await printer.print(renderPrintJob({ document: 'statement', household: longHousehold }, printContext, { language: 'zh-CN', layout: 'receipt-80mm' }));

    if (result.status !== 'printed') throw new Error(`printing the long statement failed: ${JSON.stringify(result)}`);
    const file = path.join(temp.dir, 'long', result.output);
    const pages = pdfPageSizesMm(file);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.height).toBeGreaterThan(297);

    const text = squeezed(pdfText(file));
    expect(text).toContain('2025-12-15');
    expect(text).toContain('2021-01-15');
    // pdftotext -layout may or may not put a space between a label and a large amount.
    expect(text).toMatch(new RegExp(`总计（共 60 笔） ?${formatFenAsYuan(longHousehold.totalFen)}`));
    expect(text).toContain('终端编号：T-431226-07');
  });
});
