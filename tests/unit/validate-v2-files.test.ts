// Whole-file problems of version 2 files: headers, encodings, line endings and quoting through the
// version 1 reader, paths that are not files, and files that refer to a file not delivered.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../src-main/publisher/issues.js';
import { FILE_SPECS } from '../../src-main/publisher/standard.js';
import { FINANCE_ENTRIES_FILE } from '../../src-main/publisher/standard-v2/village-finance.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { findIssue, validateChanged } from './validate-v2-check.js';
import { csvText, validRows } from './validate-v2-delivery.js';

describe('version 2 files', () => {
  it('reports a missing header', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        const text = csvText(FINANCE_ENTRIES_FILE, validRows()['finance_entries.csv']!);
        writeFileSync(path.join(dir, 'finance_entries.csv'), text.replace('approver_role,', ''));
      },
    );

    const issue = dataset.errors.find((candidate) => candidate.file === 'finance_entries.csv')!;
    expect(issue.code).toBe('file.headerMissing');
    expect(issue.line).toBe(1);
    expect(issue.params.missing).toBe('approver_role');
    expect(dataset.v2.tables.get('finance_entries')).toEqual([]);
  });

  it('reports an unknown header', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        const rows = validRows()['finance_entries.csv']!.map((row) => ({ ...row }));
        const text = csvText({ ...FINANCE_ENTRIES_FILE, columns: [...FINANCE_ENTRIES_FILE.columns, { name: 'remark', type: 'text', required: false }] }, rows);
        writeFileSync(path.join(dir, 'finance_entries.csv'), text);
      },
    );

    const issue = dataset.errors.find((candidate) => candidate.file === 'finance_entries.csv')!;
    expect(issue.code).toBe('file.headerUnexpected');
    expect(issue.params.unexpected).toBe('remark');
  });

  it('reads a BOM, CRLF and quoted fields', async () => {
    const dataset = await validateChanged(
      (rows) => {
        rows['finance_entries.csv']![0]!.summary = '鱼塘承包费，"一年期"';
      },
      (dir) => {
        const file = path.join(dir, 'finance_entries.csv');
        const rows = validRows()['finance_entries.csv']!;
        rows[0]!.summary = '鱼塘承包费，"一年期"';
        writeFileSync(file, `\uFEFF${csvText(FINANCE_ENTRIES_FILE, rows).replace(/\n/g, '\r\n')}`);
      },
    );

    expect(dataset.errors).toEqual([]);
    expect(dataset.v2.tables.get('finance_entries')![0]!.summary).toBe('鱼塘承包费，"一年期"');
  });

  it('reports a GBK file', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => {
        const header = FINANCE_ENTRIES_FILE.columns.map((column) => column.name).join(',');
        writeFileSync(path.join(dir, 'finance_entries.csv'), Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xca, 0xd5, 0xc8, 0xeb, 0x0a])]));
      },
    );

    findIssue(dataset.errors, { file: 'finance_entries.csv', line: 2, column: null, value: null, code: 'file.notUtf8' });
  });

  it('accepts header-only files with a warning', async () => {
    const dataset = await validateChanged((rows) => {
      rows['collective_assets.csv'] = [];
      rows['asset_contracts.csv'] = [];
    });

    expect(dataset.errors).toEqual([]);
    for (const file of ['collective_assets.csv', 'asset_contracts.csv']) {
      const warning = findIssue(dataset.warnings, { file, line: null, column: null, value: null, code: 'validation-v2:file.headerOnly' });
      expect(warning.params).toEqual({ file });
      expect(issueMessage(warning, translatorFor('zh-CN'))).toContain(file);
      expect(issueMessage(warning, translatorFor('en'))).toContain(file);
    }
    expect(dataset.v2.tables.get('collective_assets')).toEqual([]);
    expect(dataset.v2.tables.get('asset_contracts')).toEqual([]);
  });

  it('checks references to a header-only file', async () => {
    const dataset = await validateChanged((rows) => {
      rows['poverty_households.csv'] = [];
    });

    findIssue(dataset.errors, { file: 'poverty_measures.csv', line: 2, column: 'household_id', value: 'PH-001', code: 'validation-v2:reference.notFound' });
    expect(dataset.errors.some((issue) => issue.code === 'file.crossCheckSkipped')).toBe(false);
    findIssue(dataset.warnings, { file: 'poverty_households.csv', line: null, column: null, value: null, code: 'validation-v2:file.headerOnly' });
  });

  it('keeps header-only version 1 files an error', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => writeFileSync(path.join(dir, 'payments.csv'), `${FILE_SPECS['payments.csv'].headers.join(',')}\n`),
    );

    findIssue(dataset.errors, { file: 'payments.csv', line: null, column: null, value: null, code: 'file.noRows' });
    expect(dataset.warnings.some((issue) => issue.code === 'validation-v2:file.headerOnly')).toBe(false);
  });

  it('reports a folder named like a data file', async () => {
    const dataset = await validateChanged(
      (rows) => void delete rows['notices.csv'],
      (dir) => mkdirSync(path.join(dir, 'notices.csv')),
    );

    findIssue(dataset.errors, { file: 'notices.csv', line: null, column: null, value: null, code: 'file.notAFile' });
  });

  it('reports a FIFO named like a data file', async () => {
    const dataset = await validateChanged(
      (rows) => void delete rows['complaint_outcomes.csv'],
      (dir) => execFileSync('mkfifo', [path.join(dir, 'complaint_outcomes.csv')]),
    );

    findIssue(dataset.errors, { file: 'complaint_outcomes.csv', line: null, column: null, value: null, code: 'file.notAFile' });
  });

  it('reports a referenced file not delivered', async () => {
    const dataset = await validateChanged((rows) => void delete rows['projects.csv']);

    findIssue(dataset.errors, { file: 'project_progress.csv', line: null, column: 'project_id', value: null, code: 'validation-v2:reference.fileMissing' });
    expect(dataset.errorCount).toBe(1);
  });

  it('skips references to a file with a broken header', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => writeFileSync(path.join(dir, 'poverty_households.csv'), 'household_id;head_id_number\n'),
    );

    findIssue(dataset.errors, { file: 'poverty_households.csv', line: 1, column: null, value: 'household_id;head_id_number', code: 'file.wrongDelimiter' });
    const skipped = findIssue(dataset.errors, { file: 'poverty_measures.csv', line: null, column: 'household_id', value: null, code: 'file.crossCheckSkipped' });
    expect(skipped.params).toEqual({ other: 'poverty_households.csv' });
    expect(dataset.errorCount).toBe(2);
  });

  it('skips region checks when regions.csv stops early', async () => {
    const dataset = await validateChanged(
      () => undefined,
      (dir) => writeFileSync(path.join(dir, 'regions.csv'), 'code,name,parent_code,level\n"43,湖南省,,province\n'),
    );

    findIssue(dataset.errors, { file: 'projects.csv', line: null, column: null, value: null, code: 'file.crossCheckSkipped' });
    expect(dataset.errors.some((issue) => issue.code.startsWith('validation-v2:region.'))).toBe(false);
  });

  it('sorts issues by file order', async () => {
    const dataset = await validateChanged(
      (rows, documents) => {
        rows['accountability_notices.csv']![0]!.published_on = '2025-13-01';
        rows['projects.csv']![0]!.year = '1999';
        documents['gg-002.txt'] = '\u202E';
      },
      (dir) => rmSync(path.join(dir, 'payments.csv')),
    );

    expect(dataset.errors.map((issue) => issue.file)).toEqual([
      'payments.csv',
      'projects.csv',
      'accountability_notices.csv',
      'documents/gg-002.txt',
    ]);
  });
});
