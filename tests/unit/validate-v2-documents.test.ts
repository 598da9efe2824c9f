// The documents/ folder of a version 2 delivery: named files must exist as regular files of the
// right kind and size, bodies must be UTF-8 text without HTML, and Markdown images must be
// delivered files. Bad input of every kind becomes an issue; nothing throws or blocks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_DOCUMENT_BYTES, MAX_TOTAL_DOCUMENT_BYTES, WARN_TOTAL_DOCUMENT_BYTES } from '../../src-main/publisher/standard-v2/validate-documents.js';
import { findIssue, validateChanged } from './validate-v2-check.js';

const documentsOf = (dir: string, name: string) => path.join(dir, 'documents', name);

describe('version 2 documents named in cells', () => {
  it('reports a missing documents folder', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => rmSync(path.join(dir, 'documents'), { recursive: true }),
    );

    const issue = findIssue(dataset.errors, { file: 'notices.csv', line: 2, column: 'body_file', value: 'gg-001.md', code: 'validation-v2:document.folderMissing' });
    expect(String(issue.params.dir)).toMatch(/documents$/);
    expect(dataset.v2.tables.get('notices')).toEqual([]);
    expect(dataset.v2.documents).toEqual([]);
  });

  it('reports a file not in the folder', async () => {
    const dataset = await validateChanged((rows) => {
      rows['project_progress.csv']![0]!.photo_file = 'xm-001-9.jpg';
    });

    findIssue(dataset.errors, { file: 'project_progress.csv', line: 2, column: 'photo_file', value: 'xm-001-9.jpg', code: 'validation-v2:document.notFound' });
  });

  it('reports a name with a folder', async () => {
    const dataset = await validateChanged((rows) => {
      rows['notices.csv']![0]!.body_file = '../gg-001.md';
    });

    findIssue(dataset.errors, { file: 'notices.csv', line: 2, column: 'body_file', value: '../gg-001.md', code: 'validation-v2:document.invalidName' });
  });

  it('reports an extension the column does not take', async () => {
    const dataset = await validateChanged((rows) => {
      rows['notice_attachments.csv']![0]!.file_name = 'xm-001-1.jpg';
    });

    const issue = findIssue(dataset.errors, { file: 'notice_attachments.csv', line: 2, column: 'file_name', value: 'xm-001-1.jpg', code: 'validation-v2:document.invalidExtension' });
    expect(issue.params).toEqual({ allowed: '.pdf' });
  });

  it('accepts an upper-case extension', async () => {
    const dataset = await validateChanged((rows, documents) => {
      rows['project_progress.csv']![0]!.photo_file = 'XM-001-1.JPG';
      documents['XM-001-1.JPG'] = documents['xm-001-1.jpg']!;
      delete documents['xm-001-1.jpg'];
    });

    expect(dataset.errors).toEqual([]);
    expect(dataset.v2.documents.map((document) => document.name)).toContain('XM-001-1.JPG');
  });

  it('reports a folder in place of a file', async () => {
    const dataset = await validateChanged(
      (_rows, documents) => void delete documents['gg-002.txt'],
      (dir) => mkdirSync(documentsOf(dir, 'gg-002.txt')),
    );

    findIssue(dataset.errors, { file: 'notices.csv', line: 3, column: 'body_file', value: 'gg-002.txt', code: 'validation-v2:document.notAFile' });
  });

  it('reports a FIFO without opening it', async () => {
    const dataset = await validateChanged(
      (_rows, documents) => void delete documents['gg-001-fj.pdf'],
      (dir) => execFileSync('mkfifo', [documentsOf(dir, 'gg-001-fj.pdf')]),
    );

    findIssue(dataset.errors, { file: 'notice_attachments.csv', line: 2, column: 'file_name', value: 'gg-001-fj.pdf', code: 'validation-v2:document.notAFile' });
  });

  it('reports a symbolic link', async () => {
    const dataset = await validateChanged(
      (_rows, documents) => void delete documents['wz-001.txt'],
      (dir) => {
        writeFileSync(path.join(dir, 'outside.txt'), '通报全文');
        symlinkSync(path.join(dir, 'outside.txt'), documentsOf(dir, 'wz-001.txt'));
      },
    );

    findIssue(dataset.errors, { file: 'accountability_notices.csv', line: 2, column: 'text_file', value: 'wz-001.txt', code: 'validation-v2:document.notAFile' });
  });

  it('reports an empty body file', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-002.txt'] = '';
    });

    findIssue(dataset.errors, { file: 'notices.csv', line: 3, column: 'body_file', value: 'gg-002.txt', code: 'validation-v2:document.emptyFile' });
  });

  it('reports a JPEG name holding PNG bytes', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['xm-001-1.jpg'] = documents['xm-001-2.png']!;
    });

    const issue = findIssue(dataset.errors, { file: 'project_progress.csv', line: 2, column: 'photo_file', value: 'xm-001-1.jpg', code: 'validation-v2:document.signatureMismatch' });
    expect(issue.params).toEqual({ expected: 'JPEG', extension: '.jpg' });
  });

  it('reports a PDF name holding text', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001-fj.pdf'] = '收支明细表';
    });

    findIssue(dataset.errors, { file: 'notice_attachments.csv', line: 2, column: 'file_name', value: 'gg-001-fj.pdf', code: 'validation-v2:document.signatureMismatch' });
  });

  it('reports an attachment over the size limit', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => truncateSync(documentsOf(dir, 'gg-001-fj.pdf'), MAX_DOCUMENT_BYTES + 1),
    );

    const issue = findIssue(dataset.errors, { file: 'notice_attachments.csv', line: 2, column: 'file_name', value: 'gg-001-fj.pdf', code: 'validation-v2:document.tooLarge' });
    expect(issue.params).toEqual({ size: MAX_DOCUMENT_BYTES + 1, maxBytes: MAX_DOCUMENT_BYTES });
  });

  it('reports a body over the size limit', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = 'a'.repeat(MAX_BODY_BYTES + 1);
    });

    findIssue(dataset.errors, { file: 'complaint_outcomes.csv', line: 2, column: 'text_file', value: 'ts-001.md', code: 'validation-v2:document.tooLarge' });
  });
});

describe('version 2 body files', () => {
  it('reports invalid UTF-8 at its line', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      // "春季防火" in GBK on the second line.
      documents['gg-002.txt'] = Buffer.concat([Buffer.from('各村：\n'), Buffer.from([0xb4, 0xba, 0xbc, 0xbe, 0xb7, 0xc0, 0xbb, 0xf0]), Buffer.from('\n')]);
    });

    findIssue(dataset.errors, { file: 'documents/gg-002.txt', line: 2, column: null, value: null, code: 'validation-v2:body.notUtf8' });
    expect(dataset.v2.tables.get('notices')!.map((row) => row.notice_id)).toEqual(['GG-001']);
  });

  it('reports a body of white space only', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['wz-001.txt'] = ' \r\n\t\n';
    });

    findIssue(dataset.errors, { file: 'documents/wz-001.txt', line: 1, column: null, value: null, code: 'validation-v2:body.noText' });
  });

  it('reports a control character at its line', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-002.txt'] = '各村：\r\n春季\u0000防火\r\n';
    });

    findIssue(dataset.errors, { file: 'documents/gg-002.txt', line: 2, column: null, value: '春季\\u0000防火', code: 'validation-v2:body.controlCharacter' });
  });

  it('reports HTML in Markdown', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = '经调查：\n\n<div style="color:red">部分属实</div>\n';
    });

    const issue = findIssue(dataset.errors, { file: 'documents/ts-001.md', line: 3, column: null, value: '<div style="color:red">', code: 'validation-v2:body.html' });
    expect(issue.params).toEqual({ tag: 'div' });
  });

  it('accepts tags in code, autolinks and plain text', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = '见 <https://www.hunan.gov.cn>，写法 `<br>`：\n\n```\n<table>\n```\n';
      documents['gg-002.txt'] = '各村：<b>春季防火</b>\n';
    });

    expect(dataset.errors).toEqual([]);
    expect(dataset.v2.tables.get('notices')![1]!.body).toBe('各村：<b>春季防火</b>\n');
  });

  it('reports a Markdown image not delivered', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = '# 公开\n\n![现场](xm-001-2.png)\n\n![票据](piaoju.png "票据")\n';
    });

    findIssue(dataset.errors, { file: 'documents/gg-001.md', line: 5, column: null, value: 'piaoju.png', code: 'validation-v2:document.notFound' });
    expect(dataset.v2.tables.get('notices')!.map((row) => row.notice_id)).toEqual(['GG-002']);
  });

  it('reports a Markdown image from the internet', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = '![现场](https://example.org/a.png)\n';
    });

    findIssue(dataset.errors, { file: 'documents/gg-001.md', line: 1, column: null, value: 'https://example.org/a.png', code: 'validation-v2:body.imageNotLocal' });
  });

  it('reports a Markdown image of another kind', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = '![现场](xm.gif)\n';
    });

    findIssue(dataset.errors, { file: 'documents/gg-001.md', line: 1, column: null, value: 'xm.gif', code: 'validation-v2:document.invalidExtension' });
  });

  it('reports a reference-style image', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = '![现场][1]\n\n[1]: xm-001-2.png\n';
    });

    findIssue(dataset.errors, { file: 'documents/gg-001.md', line: 1, column: null, value: '![现场][1]', code: 'validation-v2:body.imageReferenceStyle' });
  });

  it('reports a shared body once', async () => {
    const dataset = await validateChanged((rows, documents) => {
      rows['complaint_outcomes.csv']![1]!.text_file = 'ts-001.md';
      documents['ts-001.md'] = '<p>部分属实</p>';
    });

    expect(dataset.errors.map((issue) => `${issue.file}:${issue.line} ${issue.code}`)).toEqual(['documents/ts-001.md:1 validation-v2:body.html']);
    expect(dataset.v2.tables.get('complaint_outcomes')).toEqual([]);
  });

  it('ships an image only once it is referenced', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-001.md'] = '没有图片的正文。';
    });

    expect(dataset.v2.documents.map((document) => document.name)).toEqual(['gg-001-fj.pdf', 'xm-001-1.jpg']);
    findIssue(dataset.warnings, { file: 'documents/xm-001-2.png', line: null, column: null, value: null, code: 'validation-v2:document.unreferenced' });
  });
});

describe('version 2 documents folder problems', () => {
  it('reports a file in place of the folder once', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        rmSync(path.join(dir, 'documents'), { recursive: true });
        writeFileSync(path.join(dir, 'documents'), 'x\n');
      },
    );

    const folderIssues = dataset.errors.filter((issue) => issue.code.startsWith('validation-v2:document.'));
    expect(folderIssues).toHaveLength(1);
    const issue = findIssue(dataset.errors, { file: folderIssues[0]!.file, line: folderIssues[0]!.line, column: folderIssues[0]!.column, value: folderIssues[0]!.value, code: 'validation-v2:document.folderNotAFolder' });
    expect(String(issue.params.dir)).toMatch(/documents$/);
  });

  it('reports a link in place of the folder', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        renameSync(path.join(dir, 'documents'), path.join(dir, 'elsewhere'));
        symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'documents'));
      },
    );

    expect(dataset.errors.map((issue) => issue.code)).toEqual(['validation-v2:document.folderNotAFolder']);
  });

  it('warns of no unreferenced file after an unread CSV', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        const notices = path.join(dir, 'notices.csv');
        writeFileSync(notices, readFileSync(notices, 'utf8').replace(/\n(?=.)/, '\n"'));
      },
    );

    expect(dataset.errors.length).toBeGreaterThan(0);
    expect(dataset.warnings.filter((issue) => issue.code === 'validation-v2:document.unreferenced')).toEqual([]);
  });

  it('warns of no unreferenced file after a bad header', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        const notices = path.join(dir, 'notices.csv');
        writeFileSync(notices, readFileSync(notices, 'utf8').replace(/\n/, ',extra\n'));
      },
    );

    expect(dataset.errors.length).toBeGreaterThan(0);
    expect(dataset.warnings.filter((issue) => issue.code === 'validation-v2:document.unreferenced')).toEqual([]);
  });

  it('still warns of an unreferenced file', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['extra.pdf'] = Buffer.from('%PDF-1.4\n');
    });

    expect(dataset.warnings.map((issue) => issue.file)).toContain('documents/extra.pdf');
  });
});

describe('version 2 documents total size', () => {
  // Sparse files: the check reads only the first bytes of a PDF, so no test writes gigabytes.
  const attachments = (count: number) => async () =>
    validateChanged(
      (rows, documents) => {
        for (let index = 0; index < count; index += 1) {
          rows['notice_attachments.csv']!.push({ notice_id: 'GG-001', file_name: `big-${index}.pdf`, title: `附件${index}` });
          documents[`big-${index}.pdf`] = Buffer.from('%PDF-1.4\n');
        }
      },
      (dir) => {
        for (let index = 0; index < count; index += 1) truncateSync(documentsOf(dir, `big-${index}.pdf`), MAX_DOCUMENT_BYTES);
      },
    );

  it('warns above the warning total', async () => {
    const count = Math.floor(WARN_TOTAL_DOCUMENT_BYTES / MAX_DOCUMENT_BYTES) + 1;
    const dataset = await attachments(count)();

    expect(dataset.errors).toEqual([]);
    const warning = dataset.warnings.find((issue) => issue.code === 'validation-v2:document.totalLarge');
    expect(warning?.file).toBe('documents/');
    expect(Number(warning?.params.sizeMiB)).toBeGreaterThan(100);
  });

  it('rejects above the maximum total', async () => {
    const count = Math.floor(MAX_TOTAL_DOCUMENT_BYTES / MAX_DOCUMENT_BYTES) + 1;
    const dataset = await attachments(count)();

    const issue = findIssue(dataset.errors, { file: 'documents/', line: null, column: null, value: null, code: 'validation-v2:document.totalTooLarge' });
    expect(issue.params.maxMiB).toBe(1024);
  });

  it('stays quiet below the warning total', async () => {
    const dataset = await attachments(2)();

    expect(dataset.warnings.map((issue) => issue.code)).not.toContain('validation-v2:document.totalLarge');
  });
});
