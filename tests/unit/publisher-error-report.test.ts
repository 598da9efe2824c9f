// The --errors-out CSV report: cells that a spreadsheet would evaluate as formulas are defused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quoteCsv, writeErrorReport } from '../../src-main/publisher/error-report.js';
import type { ValidationIssue } from '../../src-main/publisher/issues.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-error-report-');
afterAll(() => temp.remove());

describe('quoteCsv', () => {
  it.each([
    ['=HYPERLINK(1)', "'=HYPERLINK(1)"],
    ['+cmd|x', "'+cmd|x"],
    ['-1', "'-1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=1,2', `"'=1,2"`],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['say "hi"', '"say ""hi"""'],
  ])('writes %j as %j', (value, cell) => {
    expect(quoteCsv(value)).toBe(cell);
  });

  it('leaves numbers and empty cells alone', () => {
    expect(quoteCsv(12)).toBe('12');
    expect(quoteCsv(null)).toBe('');
  });
});

describe('writeErrorReport', () => {
  it('prefixes a formula-like value with a quote in the written file', async () => {
    const issue: ValidationIssue = {
      severity: 'error',
      file: 'payments.csv',
      line: 3,
      column: 'amount',
      value: '=1+2',
      code: 'amount.notANumber',
      params: {},
    };
    const file = path.join(temp.dir, 'errors.csv');
    await writeErrorReport(file, [issue]);

    const rows = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[1]!.startsWith("payments.csv,3,amount,'=1+2,amount.notANumber,")).toBe(true);
  });
});
