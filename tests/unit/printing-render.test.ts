// The printed pages as HTML: self-contained, escaped, in the requested language and layout,
// with masked phone numbers, no report text, clean values and QR codes only where an address exists.
import { describe, expect, it } from 'vitest';
import { escapeHtml, stripUnprintable } from '../../src-main/core/printing/html.js';
import { pageNumberContent } from '../../src-main/core/printing/page-style.js';
import { maskPhone } from '../../src-main/core/printing/print-format.js';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import type { PrintDocument } from '../../src-main/core/printing/render.js';
import { groupPayments } from '../../src-main/core/printing/statement.js';
import { CASE_NUMBER, HOSTILE_LABEL, draft, filedReceipt, household, printContext } from './printing-fixtures.js';

const documents: PrintDocument[] = [
  { document: 'statement', household },
  { document: 'receipt', receipt: filedReceipt },
  { document: 'test' },
];

const ZH_A4 = { language: 'zh-CN', layout: 'a4' } as const;
const ZH_ROLL = { language: 'zh-CN', layout: 'receipt-80mm' } as const;

function textOf(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '');
}

describe('renderPrintJob', () => {
  for (const document of documents) {
    it(`keeps the ${document.document} page self-contained`, () => {
      const { html } = renderPrintJob(document, printContext, ZH_A4);

      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\s(src|href)=/i);
      expect(html).not.toMatch(/url\(/i);
      // The only address left in the markup is the SVG namespace of the QR code.
      expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
      expect(html).toContain('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif');
    });
  }

  it('renders the given layout', () => {
    const roll = renderPrintJob({ document: 'test' }, printContext, ZH_ROLL);
    expect(roll.layout).toBe('receipt-80mm');
    expect(roll.document).toBe('test');
    expect(roll.html).toContain('@page { size: 80mm 297mm;');

    const a4 = renderPrintJob({ document: 'test' }, printContext, ZH_A4);
    expect(a4.layout).toBe('a4');
    expect(a4.html).toContain('@page { size: A4 portrait;');
  });

  it('numbers A4 pages in the margin', () => {
    const zh = renderPrintJob({ document: 'test' }, printContext, ZH_A4).html;
    expect(zh).toContain('@bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页";');

    const en = renderPrintJob({ document: 'test' }, printContext, { language: 'en', layout: 'a4' }).html;
    expect(en).toContain('@bottom-center { content: "Page " counter(page) " of " counter(pages);');

    const roll = renderPrintJob({ document: 'test' }, printContext, ZH_ROLL).html;
    expect(roll).not.toContain('counter(page)');
  });

  it('quotes page-number text for CSS', () => {
    expect(pageNumberContent(({ page, pages }) => `a"b\\c ${page}/${pages}`)).toBe('"a\\"b\\\\c " counter(page) "/" counter(pages)');
  });

  it('keeps receipt pages solid black', () => {
    const { html } = renderPrintJob({ document: 'statement', household }, printContext, ZH_ROLL);
    const colours = [...html.matchAll(/#[0-9a-f]{3,6}\b/gi)].map((match) => match[0].toLowerCase());
    const blackOrWhite = new Set(['#000', '#000000', '#fff', '#ffffff']);
    expect(colours.filter((colour) => !blackOrWhite.has(colour))).toEqual([]);
  });

  it('wraps long values on both layouts', () => {
    for (const options of [ZH_A4, ZH_ROLL]) {
      const { html } = renderPrintJob({ document: 'statement', household }, printContext, options);
      expect(html, options.layout).toMatch(/h1, h2, p, li, td, th, span, div \{ overflow-wrap: anywhere; min-width: 0; \}/);
      expect(html, options.layout).toContain('table-layout: fixed;');
    }
  });

  it('repeats the A4 table heading', () => {
    const { html } = renderPrintJob({ document: 'statement', household }, printContext, ZH_A4);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/<thead><tr><th>发放日期<\/th>.*<\/tr><\/thead><tbody>/);
  });

  it('escapes a hostile record label', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, ZH_A4);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
  });

  it('escapes hostile terminal names', () => {
    const context = { ...printContext, terminalName: '"><img src=x>' };
    const { html } = renderPrintJob({ document: 'test' }, context, ZH_A4);
    expect(html).not.toContain('<img');
    expect(html).toContain('&quot;&gt;&lt;img src=x&gt;');
  });

  it('prints in English on request', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, { language: 'en', layout: 'a4' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Report receipt');
    expect(html).toContain('Wrong subsidy amount');
    expect(html).toContain('Terminal ID T-431226-07');
    expect(html).not.toContain('举报回执');
  });

  it('uses an ASCII colon in English', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, { language: 'en', layout: 'a4' });
    expect(textOf(html)).toContain('Category: Wrong subsidy amount');
    expect(textOf(html)).toContain('Phone: 138****5678');
    expect(textOf(html)).not.toContain('：');
  });

  it('uses a full-width colon in Chinese', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, ZH_A4);
    expect(textOf(html)).toContain('举报类别：补贴金额不对');
  });

  it('prints the masked phone on a receipt', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, ZH_A4);
    expect(html).toContain('138****5678');
    expect(html).not.toContain('13812345678');
  });

  it('prints a note when no phone was given', () => {
    const receipt = { ...filedReceipt, maskedPhone: null };
    expect(renderPrintJob({ document: 'receipt', receipt }, printContext, ZH_A4).html).toContain('未留电话');
  });

  it('leaves the report text off the receipt', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, ZH_A4);
    expect(html).not.toContain(draft.text.slice(0, 10));
    expect(html).not.toContain('举报内容：');
    expect(html).toContain('举报内容已加密');
  });

  it('builds the receipt code from the configured address', () => {
    const { html } = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, printContext, ZH_A4);
    expect(html).toContain('<svg');
    expect(html).toContain('扫码查进度');
    expect(CASE_NUMBER).toHaveLength(14);
  });

  it('leaves out the QR code without an address', () => {
    const context = { ...printContext, reportUrl: null, trackUrl: null };
    const statement = renderPrintJob({ document: 'statement', household }, context, ZH_A4);
    expect(statement.html).not.toContain('<svg');
    expect(statement.html).not.toContain('有疑问？扫码举报');

    const receiptPage = renderPrintJob({ document: 'receipt', receipt: filedReceipt }, context, ZH_A4);
    expect(receiptPage.html).not.toContain('<svg');
    expect(receiptPage.html).not.toContain('扫码查进度');
  });

  it('prints a note when no data is synced', () => {
    const context = { ...printContext, dataAsOf: null };
    const { html } = renderPrintJob({ document: 'test' }, context, ZH_A4);
    expect(html).toContain('数据截至：尚未同步数据');
  });

  it('prints a household without payments', () => {
    const empty = { ...household, payments: [], totalFen: 0 };
    const { html } = renderPrintJob({ document: 'statement', household: empty }, printContext, ZH_ROLL);
    expect(html).toContain('没有发放记录。');
    expect(html).not.toContain('总计');
  });

  it('puts the unit on roll amounts', () => {
    const { html } = renderPrintJob({ document: 'statement', household }, printContext, ZH_ROLL);
    expect(html).toContain('<span class="amount">1,234.50 元</span>');
    expect(html).toContain('<span class="amount">1,434.50 元</span>');
    expect(html).toContain('<span class="amount">1,534.45 元</span>');

    const en = renderPrintJob({ document: 'statement', household }, printContext, { language: 'en', layout: 'receipt-80mm' });
    expect(en.html).toContain('<span class="amount">1,534.45 yuan</span>');
  });

  it('strips controls and bidi overrides', () => {
    const hostile = {
      ...household,
      villageName: '白岩\u202E村\u0007',
      payments: household.payments.map((payment) => ({ ...payment, itemName: `\u2066${payment.itemName}\u0085\u001b`, department: `县\u200F民政局\u007f` })),
    };
    for (const options of [ZH_A4, ZH_ROLL]) {
      const { html } = renderPrintJob({ document: 'statement', household: hostile }, printContext, options);
      // Line breaks between the page's own tags are the only control characters allowed.
      expect(html.replace(/\n/g, ''), options.layout).not.toMatch(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
      expect(html, options.layout).toContain('白岩村');
      expect(html, options.layout).toContain('县民政局');
    }
  });
});

describe('groupPayments', () => {
  it('groups by year then item', () => {
    const groups = groupPayments(household.payments);

    expect(groups.map((year) => year.year)).toEqual(['2025', '2024']);
    expect(groups[0]!.items.map((item) => [item.itemName, item.subtotalFen, item.payments.length])).toEqual([
      ['耕地地力保护补贴', 123_450, 1],
      ['高龄津贴', 20_000, 2],
    ]);
    expect(groups[0]!.totalFen).toBe(143_450);
    expect(groups[1]!.totalFen).toBe(9_995);
  });

  it('returns no groups for no payments', () => {
    expect(groupPayments([])).toEqual([]);
  });
});

describe('print formatting', () => {
  it('masks mobile and landline numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('073112345678')).toBe('073*****5678');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });

  it('turns line breaks into spaces', () => {
    expect(stripUnprintable('a\nb\r\n\tc')).toBe('a b c');
  });

  it('strips every bidi control', () => {
    const controls = ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const control of controls) expect(stripUnprintable(`a${control}b`), control.codePointAt(0)!.toString(16)).toBe('ab');
  });

  it('strips C0 and C1 controls', () => {
    expect(stripUnprintable('a\u0000\u0007\u001b\u007f\u0085\u009fb')).toBe('ab');
  });
});

// The fixture label itself must stay hostile, or the escaping tests above prove nothing.
it('fixture label contains markup', () => {
  expect(HOSTILE_LABEL).toContain('<script>');
});
