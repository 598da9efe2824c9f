// The printed pages as HTML: self-contained, escaped, in the requested language and layout,
// with masked phone numbers, a shortened report text and QR codes only where an address exists.
import { describe, expect, it } from 'vitest';
import type { PrintRequest } from '../../src-shared/reports-api.js';
import { escapeHtml } from '../../src-main/core/printing/html.js';
import { maskPhone, truncateText } from '../../src-main/core/printing/print-format.js';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import { groupPayments } from '../../src-main/core/printing/statement.js';
import { HOSTILE_LABEL, draft, household, printContext, receipt } from './printing-fixtures.js';

const requests: PrintRequest[] = [
  { document: 'statement', language: 'zh-CN', household },
  { document: 'receipt', language: 'zh-CN', receipt, draft },
  { document: 'test', language: 'zh-CN' },
];

describe('renderPrintJob', () => {
  for (const request of requests) {
    it(`keeps the ${request.document} page self-contained`, () => {
      const { html } = renderPrintJob(request, printContext, { layout: 'a4' });

      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\s(src|href)=/i);
      expect(html).not.toMatch(/url\(/i);
      // The only address left in the markup is the SVG namespace of the QR code.
      expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
      expect(html).toContain('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif');
    });
  }

  it('uses the configured layout by default', () => {
    const job = renderPrintJob({ document: 'test', language: 'zh-CN' }, printContext, { layout: 'receipt-80mm' });
    expect(job.layout).toBe('receipt-80mm');
    expect(job.document).toBe('test');
    expect(job.html).toContain('@page { size: 80mm 297mm;');
  });

  it('lets the request choose the layout', () => {
    const job = renderPrintJob({ document: 'test', language: 'zh-CN', layout: 'a4' }, printContext, { layout: 'receipt-80mm' });
    expect(job.layout).toBe('a4');
    expect(job.html).toContain('@page { size: A4 portrait;');
  });

  it('keeps receipt pages solid black', () => {
    const { html } = renderPrintJob({ document: 'statement', language: 'zh-CN', household, layout: 'receipt-80mm' }, printContext, { layout: 'a4' });
    const colours = [...html.matchAll(/#[0-9a-f]{3,6}\b/gi)].map((match) => match[0].toLowerCase());
    const blackOrWhite = new Set(['#000', '#000000', '#fff', '#ffffff']);
    expect(colours.filter((colour) => !blackOrWhite.has(colour))).toEqual([]);
  });

  it('escapes a hostile record label', () => {
    const { html } = renderPrintJob({ document: 'receipt', language: 'zh-CN', receipt, draft }, printContext, { layout: 'a4' });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
  });

  it('escapes hostile terminal names', () => {
    const context = { ...printContext, terminalName: '"><img src=x>' };
    const { html } = renderPrintJob({ document: 'test', language: 'zh-CN' }, context, { layout: 'a4' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&quot;&gt;&lt;img src=x&gt;');
  });

  it('prints in English on request', () => {
    const { html } = renderPrintJob({ document: 'receipt', language: 'en', receipt, draft }, printContext, { layout: 'a4' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Report receipt');
    expect(html).toContain('Wrong subsidy amount');
    expect(html).toContain('Terminal ID T-431226-07');
    expect(html).not.toContain('举报回执');
  });

  it('masks the phone on a receipt', () => {
    const { html } = renderPrintJob({ document: 'receipt', language: 'zh-CN', receipt, draft }, printContext, { layout: 'a4' });
    expect(html).toContain('138****5678');
    expect(html).not.toContain('13812345678');
  });

  it('says when no phone was given', () => {
    const request: PrintRequest = { document: 'receipt', language: 'zh-CN', receipt, draft: { ...draft, phone: null } };
    expect(renderPrintJob(request, printContext, { layout: 'a4' }).html).toContain('未留电话');
  });

  it('shortens the report text to 500 characters', () => {
    const { html } = renderPrintJob({ document: 'receipt', language: 'zh-CN', receipt, draft }, printContext, { layout: 'a4' });
    const shown = /<p class="report-text">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(Array.from(shown)).toHaveLength(500);
    expect(html).toContain('（以上为前 500 字，全文共 520 字，已加密提交）');
  });

  it('prints a short report text whole', () => {
    const request: PrintRequest = { document: 'receipt', language: 'zh-CN', receipt, draft: { ...draft, text: '补贴少发了 200 元' } };
    const { html } = renderPrintJob(request, printContext, { layout: 'a4' });
    expect(html).toContain('<p class="report-text">补贴少发了 200 元</p>');
    expect(html).not.toContain('以上为前');
  });

  it('leaves out the QR code without an address', () => {
    const context = { ...printContext, reportUrl: null };
    const statement = renderPrintJob({ document: 'statement', language: 'zh-CN', household }, context, { layout: 'a4' });
    expect(statement.html).not.toContain('<svg');
    expect(statement.html).not.toContain('有疑问？扫码举报');

    const request: PrintRequest = { document: 'receipt', language: 'zh-CN', receipt: { ...receipt, trackUrl: null }, draft };
    const receiptPage = renderPrintJob(request, printContext, { layout: 'a4' });
    expect(receiptPage.html).not.toContain('<svg');
    expect(receiptPage.html).not.toContain('扫码查进度');
  });

  it('says when no data is synced', () => {
    const context = { ...printContext, dataAsOf: null };
    const { html } = renderPrintJob({ document: 'test', language: 'zh-CN' }, context, { layout: 'a4' });
    expect(html).toContain('数据截至：尚未同步数据');
  });

  it('prints a household without payments', () => {
    const request: PrintRequest = { document: 'statement', language: 'zh-CN', household: { ...household, payments: [], totalFen: 0 } };
    const { html } = renderPrintJob(request, printContext, { layout: 'receipt-80mm' });
    expect(html).toContain('没有发放记录。');
    expect(html).not.toContain('总计');
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

  it('shortens by code points', () => {
    const text = '𠀀'.repeat(3) + '汉字';
    expect(truncateText(text, 4)).toEqual({ shown: '𠀀𠀀𠀀汉', shownLength: 4, totalLength: 5 });
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });
});

// The fixture label itself must stay hostile, or the escaping tests above prove nothing.
it('fixture label contains markup', () => {
  expect(HOSTILE_LABEL).toContain('<script>');
});
