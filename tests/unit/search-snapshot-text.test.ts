import { describe, expect, it } from 'vitest';
import { makeSnippet, SNIPPET_LENGTH } from '../../src-main/core/search/snippet.js';
import { stripMarkdown } from '../../src-main/core/search/strip-markdown.js';

describe('markdown stripping', () => {
  const cases: [string, string, string][] = [
    ['headings', '# 公示\n## 二、名单 ##', '公示 二、名单'],
    ['emphasis', '本村**低保户**共 *36* 户，~~作废~~，__重点__', '本村低保户共 36 户，作废，重点'],
    ['masked names', '李*明、王*华、张_丰_', '李*明、王*华、张_丰_'],
    ['links', '详见[名单附件](list.pdf "名单")和<https://example.org/a>', '详见名单附件和https://example.org/a'],
    ['images', '![公示现场照片](photo.png)拍摄于村部', '公示现场照片拍摄于村部'],
    ['reference links', '见[通知][1]\n\n[1]: notice.pdf', '见通知'],
    ['lists', '- 第一项\n* 第二项\n1. 第三项\n- [x] 已完成', '第一项 第二项 第三项 已完成'],
    ['quotes', '> 如有异议\n> > 请反映', '如有异议 请反映'],
    ['tables', '| 户主 | 金额 |\n| --- | ---: |\n| 李*明 | 300元 |', '户主 金额 李*明 300元'],
    ['rules', '上文\n\n---\n\n下文', '上文 下文'],
    ['code', '执行`低保`标准\n```\n代码 块\n```', '执行低保标准 代码 块'],
    ['html', '<p>村务<br/>公开</p>', '村务公开'],
    ['escapes', '\\*不是强调\\*', '*不是强调*'],
    ['setext headings', '公示\n====\n正文', '公示 正文'],
  ];

  for (const [name, markdown, expected] of cases) {
    it(`strips ${name}`, () => {
      expect(stripMarkdown(markdown)).toBe(expected);
    });
  }

  it('keeps plain text', () => {
    expect(stripMarkdown('  全县低保标准提高到每人每月450元。\n\n')).toBe('全县低保标准提高到每人每月450元。');
  });
});

describe('snippet', () => {
  const long = `${'甲'.repeat(100)}低保${'乙'.repeat(100)}`;

  it('keeps a short text whole', () => {
    expect(makeSnippet('低保公示', [{ start: 0, end: 2 }])).toEqual({ text: '低保公示', highlights: [{ start: 0, end: 2 }] });
  });

  it('moves to the first match', () => {
    const snippet = makeSnippet(long, [{ start: 100, end: 102 }]);

    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBe(SNIPPET_LENGTH + 2);
    expect(snippet.highlights.map((range) => snippet.text.slice(range.start, range.end))).toEqual(['低保']);
  });

  it('starts at the text start without a match', () => {
    const snippet = makeSnippet(long, []);

    expect(snippet.text).toBe(`${long.slice(0, SNIPPET_LENGTH)}…`);
    expect(snippet.highlights).toEqual([]);
  });

  it('ends at the text end for a late match', () => {
    const text = `${'甲'.repeat(200)}低保`;
    const snippet = makeSnippet(text, [{ start: 200, end: 202 }]);

    expect(snippet.text.endsWith('低保')).toBe(true);
    expect(snippet.highlights.map((range) => snippet.text.slice(range.start, range.end))).toEqual(['低保']);
  });

  it('drops ranges outside the window and clips cut ones', () => {
    const text = '乙'.repeat(300);
    const snippet = makeSnippet(text, [
      { start: 40, end: 42 },
      { start: 128, end: 134 },
      { start: 280, end: 282 },
    ]);

    // The window starts at 10 and ends at 130, so the second range keeps 128-130.
    expect(snippet.highlights).toEqual([
      { start: 31, end: 33 },
      { start: 119, end: 121 },
    ]);
  });

  it('never splits a surrogate pair', () => {
    const text = '𠀀'.repeat(200);
    const snippet = makeSnippet(text, [{ start: 101, end: 103 }]);

    expect(snippet.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
