// @vitest-environment happy-dom
// The notice Markdown renderer: supported marks, and hostile input that must stay inert text.
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskDocument } from '../../src-shared/boards-api.js';
import { isDocumentName, MAX_MARKDOWN_CHARS, parseMarkdown } from '../../src-shared/markdown.js';
import { imageDataUrl, MarkdownView } from '../../src-renderer/boards/MarkdownView.js';
import type { LoadDocument } from '../../src-renderer/boards/MarkdownView.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';

// A 1x1 transparent PNG.
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function documents(entries: Record<string, KioskDocument>): LoadDocument & { requested: string[] } {
  const requested: string[] = [];
  const load = async (name: string) => {
    requested.push(name);
    return entries[name] ?? null;
  };
  return Object.assign(load, { requested });
}

function renderMarkdown(source: string, loadDocument: LoadDocument = documents({})) {
  return render(
    <I18nextProvider i18n={createRendererI18n()}>
      <MarkdownView source={source} format="markdown" loadDocument={loadDocument} />
    </I18nextProvider>,
  );
}

afterEach(() => {
  cleanup();
});

describe('parseMarkdown', () => {
  it('reads headings, lists, quotes and rules', () => {
    const { blocks } = parseMarkdown('# 通知\n\n- 第一条\n- 第二条\n\n1. 甲\n2. 乙\n\n> 引用\n\n---\n## 结尾 ##');

    expect(blocks.map((block) => block.type)).toEqual(['heading', 'list', 'list', 'quote', 'rule', 'heading']);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, children: [{ type: 'text', text: '通知' }] });
    expect(blocks[1]).toMatchObject({ type: 'list', ordered: false, items: [[{ text: '第一条' }], [{ text: '第二条' }]] });
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: true, start: 1 });
    expect(blocks[5]).toEqual({ type: 'heading', level: 2, children: [{ type: 'text', text: '结尾' }] });
  });

  it('keeps line breaks inside a paragraph', () => {
    const { blocks } = parseMarkdown('第一行\n第二行');

    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: '第一行' }, { type: 'break' }, { type: 'text', text: '第二行' }],
      },
    ]);
  });

  it('reads strong, emphasis, code and escapes', () => {
    const { blocks } = parseMarkdown('**金额** *说明* `A-1` \\*不是强调\\*');

    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'strong', children: [{ type: 'text', text: '金额' }] },
        { type: 'text', text: ' ' },
        { type: 'emphasis', children: [{ type: 'text', text: '说明' }] },
        { type: 'text', text: ' ' },
        { type: 'code', text: 'A-1' },
        { type: 'text', text: ' *不是强调*' },
      ],
    });
  });

  it('reads a pipe table and pads short rows', () => {
    const { blocks } = parseMarkdown('| 项目 | 金额 |\n| --- | ---: |\n| 修路 | 1000 |\n| 路灯 |');

    expect(blocks).toHaveLength(1);
    const table = blocks[0]!;
    expect(table.type).toBe('table');
    if (table.type !== 'table') return;
    expect(table.header).toEqual([[{ type: 'text', text: '项目' }], [{ type: 'text', text: '金额' }]]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]).toEqual([[{ type: 'text', text: '路灯' }], []]);
  });

  it('leaves unclosed marks as text', () => {
    const { blocks } = parseMarkdown('**没有结尾 [链接](没有括号');

    expect(blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '**没有结尾 [链接](没有括号' }] });
  });

  it('truncates huge input', () => {
    const huge = '甲'.repeat(MAX_MARKDOWN_CHARS + 10);
    const document = parseMarkdown(huge);

    expect(document.truncated).toBe(true);
    expect(document.blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '甲'.repeat(MAX_MARKDOWN_CHARS) }] });
  });

  it('parses pathological input in linear time', () => {
    // Each of these makes a naive parser search the rest of the text for every opening mark.
    const inputs = [
      '['.repeat(MAX_MARKDOWN_CHARS),
      '*a'.repeat(MAX_MARKDOWN_CHARS / 2),
      '![x]('.repeat(MAX_MARKDOWN_CHARS / 5),
      `# ${' '.repeat(MAX_MARKDOWN_CHARS - 4)}x`,
      '|\n'.repeat(MAX_MARKDOWN_CHARS / 2),
      '`'.repeat(MAX_MARKDOWN_CHARS),
    ];

    for (const input of inputs) {
      const document = parseMarkdown(input);
      expect(document.blocks.length).toBeGreaterThan(0);
    }
  });

  it('reads fenced code as text without images', () => {
    const { blocks } = parseMarkdown('前言\n```\n![d](x.png)\n<b>粗</b>\n```\n后记');

    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '前言' }] },
      { type: 'code', text: '![d](x.png)\n<b>粗</b>' },
      { type: 'paragraph', children: [{ type: 'text', text: '后记' }] },
    ]);
  });

  it('reads image titles, bracketed names and lines', () => {
    const { blocks } = parseMarkdown('甲\n![g](office-mark.png "t") ![h](<a b.png>)\n\n![c](no here.png)');

    expect(blocks[0]).toMatchObject({
      children: [
        { type: 'text', text: '甲' },
        { type: 'break' },
        { type: 'image', alt: 'g', name: 'office-mark.png', line: 2 },
        { type: 'text', text: ' ' },
        { type: 'image', alt: 'h', name: 'a b.png', line: 2 },
      ],
    });
    expect(blocks[1]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '![c](no here.png)' }] });
  });

  it('accepts only relative document names for images', () => {
    expect(isDocumentName('photo-1.png')).toBe(true);
    expect(isDocumentName('documents/photo-1.png')).toBe(true);
    expect(isDocumentName('javascript:alert(1)')).toBe(false);
    expect(isDocumentName('http://example.org/a.png')).toBe(false);
    expect(isDocumentName('data:image/png;base64,AAAA')).toBe(false);
    expect(isDocumentName('/etc/passwd')).toBe(false);
    expect(isDocumentName('../secret.png')).toBe(false);
    expect(isDocumentName('')).toBe(false);
  });
});

describe('MarkdownView', () => {
  it('renders HTML tags as visible text', () => {
    const { container } = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> <b>粗</b>');

    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('never renders a link element', () => {
    const { container } = renderMarkdown('[点我](javascript:alert(1)) [政府网站](https://www.hunan.gov.cn/)');

    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.querySelectorAll('[href]')).toHaveLength(0);
    expect(container.textContent).toContain('点我');
    expect(container.textContent).not.toContain('javascript');
    expect(container.textContent).toContain('政府网站（https://www.hunan.gov.cn/）');
  });

  it('renders fenced code as text', () => {
    const { container } = renderMarkdown('```\n<script>alert(1)</script>\n```');

    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('pre code')?.textContent).toBe('<script>alert(1)</script>');
  });

  it('renders headings below the screen heading', () => {
    const { container } = renderMarkdown('# 一级\n\n## 二级\n\n### 三级');

    expect(container.querySelector('h1, h2')).toBeNull();
    expect(container.querySelector('h3')?.textContent).toBe('一级');
    expect(container.querySelector('h4')?.textContent).toBe('二级');
    expect(container.querySelector('h5')?.textContent).toBe('三级');
  });

  it('renders lists, bold and tables', () => {
    const { container } = renderMarkdown('**重要**\n\n3. 三\n4. 四\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |');

    expect(container.querySelector('strong')?.textContent).toBe('重要');
    expect(container.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(container.querySelectorAll('ol li')).toHaveLength(2);
    expect(container.querySelectorAll('table td')).toHaveLength(2);
  });

  it('shows delivered images as data URLs', async () => {
    const loadDocument = documents({ 'site.png': { name: 'site.png', mediaType: 'image/png', dataBase64: PIXEL_PNG } });
    renderMarkdown('![施工现场](site.png)', loadDocument);

    const image = await screen.findByAltText('施工现场');
    expect(image.getAttribute('src')).toBe(`data:image/png;base64,${PIXEL_PNG}`);
    expect(loadDocument.requested).toEqual(['site.png']);
  });

  it('shows a missing image in words', async () => {
    renderMarkdown('![公示照片](missing.png)');

    expect(await screen.findByText('图片“公示照片”无法显示')).toBeTruthy();
  });

  it('fetches no image with a URL for a name', async () => {
    const loadDocument = documents({});
    const { container } = renderMarkdown('![x](javascript:alert(1)) ![y](https://example.org/a.png)', loadDocument);

    expect(await screen.findByText('图片“x”无法显示')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(loadDocument.requested).toEqual([]);
  });

  it('refuses documents that are not images', () => {
    expect(imageDataUrl({ name: 'a.pdf', mediaType: 'application/pdf', dataBase64: 'JVBERi0=' })).toBeNull();
    expect(imageDataUrl({ name: 'a.svg', mediaType: 'image/svg+xml', dataBase64: 'PHN2Zz4=' })).toBeNull();
    expect(imageDataUrl({ name: 'a.png', mediaType: 'image/png', dataBase64: 'AAA"onerror=x' })).toBeNull();
  });

  it('notes when a huge text was cut', () => {
    renderMarkdown('乙'.repeat(MAX_MARKDOWN_CHARS + 1));

    expect(screen.getByText(/正文太长/)).toBeTruthy();
  });
});
