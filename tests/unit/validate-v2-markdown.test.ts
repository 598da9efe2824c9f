// Markdown bodies of a version 2 delivery, read with the kiosk's own parser. Every image the kiosk
// would show must be delivered. Image syntax the kiosk would show as text, HTML and script links
// outside code are rejected.
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src-shared/markdown.js';
import type { Inline } from '../../src-shared/markdown.js';
import { findIssue, validateChanged } from './validate-v2-check.js';

function kioskImages(source: string): string[] {
  const names: string[] = [];
  const walk = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'image') names.push(node.name);
      if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'link') walk(node.children);
    }
  };
  for (const block of parseMarkdown(source).blocks) {
    if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote') walk(block.children);
  }
  return names;
}

describe('Markdown images as the kiosk reads them', () => {
  const body = '# 公示\n\n![c](no here3.png)\n\n```\n![d](nothere4.png)\n```\n\n![g](xm-001-1.jpg "t")\n';

  it('agrees with the kiosk on titles and code', async () => {
    expect(kioskImages(body)).toEqual(['xm-001-1.jpg']);

    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = body;
    });

    findIssue(dataset.errors, { file: 'documents/gg-001.md', line: 3, column: null, value: '![c](no here3.png)', code: 'validation-v2:body.imageUnread' });
    expect(dataset.errors.map((issue) => issue.line)).toEqual([3]);
  });

  it('ships an image with a title', async () => {
    const dataset = await validateChanged((rows, documents) => {
      rows['project_progress.csv']![0]!.photo_file = '';
      documents['gg-001.md'] = '![g](xm-001-1.jpg "施工现场")\n';
    });

    expect(dataset.errors).toEqual([]);
    expect(dataset.v2.documents.map((document) => document.name)).toContain('xm-001-1.jpg');
  });

  it('checks a name in angle brackets', async () => {
    const source = '![现场](<xm 001.png>)\n';
    expect(kioskImages(source)).toEqual(['xm 001.png']);

    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = source;
    });

    findIssue(dataset.errors, { file: 'documents/gg-001.md', line: 1, column: null, value: 'xm 001.png', code: 'validation-v2:document.notFound' });
  });
});

describe('HTML and links in Markdown bodies', () => {
  it('reports a tag whose name ends the line', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = '# t\n\n<img\nsrc=x onerror=alert(1)>\n\n<div\nonclick=x>\n';
    });

    const issue = findIssue(dataset.errors, { file: 'documents/ts-001.md', line: 3, column: null, value: '<img', code: 'validation-v2:body.html' });
    expect(issue.params).toEqual({ tag: 'img' });
    findIssue(dataset.errors, { file: 'documents/ts-001.md', line: 6, column: null, value: '<div', code: 'validation-v2:body.html' });
  });

  it('reports comments, declarations and end tags', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = '<!-- x -->\n\n<?php x ?>\n\n</div>\n';
    });

    expect(dataset.errors.filter((issue) => issue.code === 'validation-v2:body.html').map((issue) => issue.params.tag)).toEqual(['!--', '?', 'div']);
  });

  it('reports script links and autolinks', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = '[点我](javascript:alert(1))\n\n[图](DATA:text/html,x) [v](vbscript:x)\n\n<javascript:alert(1)>\n';
    });

    findIssue(dataset.errors, { file: 'documents/ts-001.md', line: 1, column: null, value: 'javascript:alert(1)', code: 'validation-v2:body.scriptLink' });
    expect(dataset.errors.filter((issue) => issue.line === 3).map((issue) => issue.code)).toEqual(['validation-v2:body.scriptLink', 'validation-v2:body.scriptLink']);
    findIssue(dataset.errors, { file: 'documents/ts-001.md', line: 5, column: null, value: '<javascript:alert(1)>', code: 'validation-v2:body.html' });
  });

  it('accepts tags in code and web links only', async () => {
    // The unclosed ``<img on line 1 is not code for the kiosk, so it is the one error.
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = '见 <https://www.hunan.gov.cn> 与 [网站](https://www.hunan.gov.cn/)，写法 `<br>`、``<img\n\n~~~~\n<script>\n~~~\n</div>\n~~~~\n\n收入<5 万元\n';
    });

    expect(dataset.errors.map((issue) => `${issue.line} ${issue.code}`)).toEqual(['1 validation-v2:body.html']);
  });
});
