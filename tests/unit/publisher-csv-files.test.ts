// File-level handling of the data files: encodings, line endings, headers, delimiters, quoting,
// oversized rows, legacy ID numbers and masking of ID numbers in everything that is printed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { convert15To18 } from '../../src-shared/id-number.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { formatIssueLine, issueMessage } from '../../src-main/publisher/issues.js';
import type { ValidationIssue } from '../../src-main/publisher/issues.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import {
  REGIONS_CSV,
  SAMPLE_PERSONS,
  SUBSIDY_ITEMS_CSV,
  paymentsCsv,
  personsCsv,
  writeSampleDataset,
} from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2025-06-01T04:00:00Z');
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function tempDir(): string {
  const temp = makeTempDir('minsheng-csv-');
  cleanups.push(temp.remove);
  return temp.dir;
}

async function validateWith(overrides: Partial<Record<string, string>>, raw: Record<string, Buffer> = {}) {
  const dir = tempDir();
  writeSampleDataset(dir, overrides);
  for (const [name, bytes] of Object.entries(raw)) writeFileSync(path.join(dir, name), bytes);
  return validateDataset(dir, { now: NOW });
}

function only(issues: ValidationIssue[], code: string): ValidationIssue {
  const matching = issues.filter((issue) => issue.code === code);
  expect(matching, JSON.stringify(issues, null, 1)).toHaveLength(1);
  return matching[0]!;
}

function expectBothLanguages(issue: ValidationIssue): void {
  for (const language of ['zh-CN', 'en'] as const) {
    const message = issueMessage(issue, translatorFor(language));
    expect(message).not.toContain(issue.code);
    expect(message).not.toMatch(/\{\{/);
  }
}

describe('data file encodings and line endings', () => {
  it('accepts a BOM and CRLF in every file', async () => {
    const crlf = (text: string) => Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n')}\r\n`, 'utf8');
    const dataset = await validateWith({}, {
      'regions.csv': crlf(REGIONS_CSV),
      'subsidy_items.csv': crlf(SUBSIDY_ITEMS_CSV),
      'persons.csv': crlf(personsCsv()),
      'payments.csv': crlf(paymentsCsv()),
    });
    expect(dataset.errors).toEqual([]);
    expect(dataset.regions.get('43')?.name).toBe('湖南省');
    expect(dataset.persons[0]!.idNumber).toBe(SAMPLE_PERSONS[0]!.idNumber);
  });

  it('counts physical lines across quoted line breaks with CRLF', async () => {
    // Line 4 opens a quoted policy basis that ends on line 5, and line 3 is empty, so the bad
    // row after them is on physical line 6.
    const text = [
      'item_code,name,department,policy_basis',
      'A1,名称,部门,依据',
      '',
      'A2,名称,部门,"第一行',
      '第二行"',
      'A1,重复,部门,依据',
    ].join('\r\n');
    const dataset = await validateWith({ 'subsidy_items.csv': text });
    const controlIssue = dataset.errors.find((issue) => issue.code === 'row.controlCharacter');
    expect(controlIssue?.line).toBe(4);
    expect(controlIssue?.value).toBe('第一行\\n第二行');
    expect(only(dataset.errors, 'items.duplicateCode').line).toBe(6);
  });

  it('reads quoted fields with commas and doubled quotes', async () => {
    const dataset = await validateWith({});
    expect(dataset.subsidyItems.get('GDDL')?.policyBasis).toBe('财政部 农业部《关于全面推开农业"三项补贴"改革工作的通知》');
    expect(dataset.payments.find((payment) => payment.paymentId === 'P0003')?.amountFen).toBe(123456);
  });

  it('rejects a GBK file naming the line', async () => {
    // "村" in GBK is B4 E5, which is not valid UTF-8.
    const gbk = Buffer.concat([Buffer.from('code,name,parent_code,level\n43,湖南省,,province\n4312,'), Buffer.from([0xb4, 0xe5]), Buffer.from(',43,city\n')]);
    const dataset = await validateWith({}, { 'regions.csv': gbk });
    const issue = only(dataset.errors, 'file.notUtf8');
    expect(issue.file).toBe('regions.csv');
    expect(issue.line).toBe(3);
    expectBothLanguages(issue);
  });
});

describe('data file headers and structure', () => {
  it('names a missing file', async () => {
    const dataset = await validateWith({ 'payments.csv': undefined });
    const issue = only(dataset.errors, 'file.missing');
    expect(issue.file).toBe('payments.csv');
    expect(issue.line).toBeNull();
    expectBothLanguages(issue);
  });

  it('rejects an empty file', async () => {
    const dataset = await validateWith({}, { 'persons.csv': Buffer.alloc(0) });
    expect(only(dataset.errors, 'file.empty').file).toBe('persons.csv');
  });

  it('rejects a file with only a header', async () => {
    const dataset = await validateWith({ 'payments.csv': 'payment_id,id_number,item_code,amount,paid_on,period,department' });
    expect(only(dataset.errors, 'file.noRows').file).toBe('payments.csv');
  });

  it('names a misspelled header and the expected list', async () => {
    const text = personsCsv().replace('id_number,name', 'id_numer,name');
    const dataset = await validateWith({ 'persons.csv': text });
    const issue = only(dataset.errors, 'file.headerMismatch');
    expect(issue.line).toBe(1);
    expect(issue.params.missing).toBe('id_number');
    expect(issue.params.unexpected).toBe('id_numer');
    expect(issue.params.expected).toBe('id_number,name,household_id,relation,village_code');
    expect(issueMessage(issue, translatorFor('en'))).toContain('id_numer');
    expect(issueMessage(issue, translatorFor('zh-CN'))).toContain('id_number,name,household_id,relation,village_code');
    // One header error stands for the file; its rows are not checked against wrong columns.
    expect(dataset.errors.filter((error) => error.file === 'persons.csv')).toHaveLength(1);
  });

  it('rejects an extra column in persons.csv', async () => {
    const text = personsCsv()
      .split('\n')
      .map((line, index) => `${line},${index === 0 ? 'phone' : ''}`)
      .join('\n');
    const dataset = await validateWith({ 'persons.csv': text });
    const issue = only(dataset.errors, 'file.headerUnexpected');
    expect(issue.params.unexpected).toBe('phone');
    expect(issueMessage(issue, translatorFor('en'))).not.toContain('missing');
    expect(issueMessage(issue, translatorFor('zh-CN'))).not.toContain('缺少');
  });

  it('rejects a missing column', async () => {
    const dataset = await validateWith({ 'regions.csv': 'code,name,level\n43,湖南省,province' });
    const issue = only(dataset.errors, 'file.headerMissing');
    expect(issue.params.missing).toBe('parent_code');
    expect(issueMessage(issue, translatorFor('en'))).not.toContain('unexpected');
    expect(issueMessage(issue, translatorFor('zh-CN'))).not.toContain('多余');
  });

  it('rejects a repeated header', async () => {
    const dataset = await validateWith({ 'regions.csv': 'code,name,parent_code,level,name\n43,湖南省,,province,x' });
    expect(only(dataset.errors, 'file.duplicateHeader').column).toBe('name');
  });

  it('accepts headers with different case and spaces', async () => {
    const dataset = await validateWith({ 'regions.csv': REGIONS_CSV.replace('code,name,parent_code,level', ' Code , NAME,parent_code,level') });
    expect(dataset.errors).toEqual([]);
  });

  it.each([
    [';', ';'],
    ['\t', 'TAB'],
    ['，', '，'],
  ])('rejects the delimiter %j', async (delimiter, shown) => {
    const dataset = await validateWith({ 'regions.csv': REGIONS_CSV.replace(/,/g, delimiter) });
    const issue = only(dataset.errors, 'file.wrongDelimiter');
    expect(issue.line).toBe(1);
    expect(issue.params.delimiter).toBe(shown);
    expectBothLanguages(issue);
  });

  it('rejects a row with an unquoted comma', async () => {
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n431226101203,新,村,431226101,village` });
    const issue = only(dataset.errors, 'row.fieldCount');
    expect(issue.line).toBe(8);
    expect(issue.params).toEqual({ count: 5, expected: 4 });
  });

  it('skips blank lines and rows of empty fields', async () => {
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n\n,,,\n   ` });
    expect(dataset.errors).toEqual([]);
  });

  it('reports an unclosed quote where its record starts', async () => {
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n431226101203,"新村,431226101,village\n431226101204,旧村,431226101,village` });
    const issue = only(dataset.errors, 'file.quoteNotClosed');
    expect(issue.line).toBe(8);
    expectBothLanguages(issue);
  });

  it('skips the checks against a file whose reading stopped, and says so once', async () => {
    const lines = personsCsv().split('\n');
    const persons = [lines[0], lines[1]!.replace(',', ',"'), ...lines.slice(2)].join('\n');
    const dataset = await validateWith({ 'persons.csv': persons });

    expect(only(dataset.errors, 'file.quoteNotClosed').line).toBe(2);
    expect(dataset.errors.filter((issue) => issue.code === 'payments.personNotFound')).toEqual([]);
    const skipped = only(dataset.errors, 'file.crossCheckSkipped');
    expect(skipped.file).toBe('payments.csv');
    expect(skipped.params.other).toBe('persons.csv');
    expectBothLanguages(skipped);
  });

  it('reports a stray closing quote', async () => {
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n431226101203,"新"村,431226101,village` });
    expect(only(dataset.errors, 'file.strayQuote').line).toBe(8);
  });

  it('reports a quote inside an unquoted field', async () => {
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n431226101203,新"村,431226101,village` });
    const issue = only(dataset.errors, 'file.strayQuote');
    expect(issue.line).toBe(8);
    expectBothLanguages(issue);
  });

  it('rejects a record longer than the limit without reading on', async () => {
    const huge = 'x'.repeat(1_100_000);
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n431226101203,${huge},431226101,village` });
    const issue = only(dataset.errors, 'file.recordTooLong');
    expect(issue.line).toBe(8);
    expect(issue.value).toBeNull();
  });

  it('shortens a long value in the issue', async () => {
    const name = '长'.repeat(300);
    const dataset = await validateWith({ 'regions.csv': `${REGIONS_CSV}\n431226101203,${name},431226101,village` });
    const issue = only(dataset.errors, 'row.tooLong');
    expect(issue.value).toBe(`${'长'.repeat(60)}…(300)`);
  });
});

describe('legacy ID numbers and masking', () => {
  // 431226650312001 is the 15-digit form of a person born 1965-03-12.
  const legacy = '431226650312001';
  const converted = '43122619650312001';

  it('converts a 15-digit number with a warning', async () => {
    const persons = `${personsCsv()}\n${legacy},王五,H009,户主,431226101201`;
    const dataset = await validateWith({ 'persons.csv': persons });
    expect(dataset.errors).toEqual([]);
    const person = dataset.persons.find((candidate) => candidate.name === '王五');
    expect(person?.idNumber.startsWith(converted)).toBe(true);
    expect(person?.idNumber).toHaveLength(18);

    const warning = only(dataset.warnings, 'idNumber.converted');
    expect(warning.line).toBe(6);
    expect(warning.value).toBe('431**********01');
    expect(String(warning.params.converted)).not.toContain(converted);
    expectBothLanguages(warning);
  });

  it('matches a payment by either form of the number', async () => {
    const persons = `${personsCsv()}\n${legacy},王五,H009,户主,431226101201`;
    const payments = `${paymentsCsv()}\nP0009,${legacy},GDDL,1.00,2024-01-01,2024,县农业农村局`;
    const dataset = await validateWith({ 'persons.csv': persons, 'payments.csv': payments });
    expect(dataset.errors).toEqual([]);
    expect(dataset.payments).toHaveLength(5);
  });

  it('treats the two forms as one person', async () => {
    const persons = `${personsCsv()}\n${legacy},王五,H009,户主,431226101201\n${convert15To18(legacy)},赵六,H010,户主,431226101201`;
    const dataset = await validateWith({ 'persons.csv': persons });
    const sameNumber = dataset.errors.find((issue) => issue.code === 'persons.duplicateIdNumber');
    expect(sameNumber?.line).toBe(7);
  });

  it('never prints a whole ID number', async () => {
    const id = SAMPLE_PERSONS[0]!.idNumber;
    const persons = `${personsCsv()}\n${id},张三丰,H001,户主,431226101201\n${SAMPLE_PERSONS[1]!.idNumber.slice(0, 17)}Y,${id},H009,户主,431226101201`;
    const payments = `${paymentsCsv()}\nP0009,${id.slice(0, 17)}9,GDDL,1.00,2024-01-01,${id},县民政局`;
    const dataset = await validateWith({ 'persons.csv': persons, 'payments.csv': payments });
    expect(dataset.errorCount).toBeGreaterThanOrEqual(4);

    const printed = dataset.errors.flatMap((issue) => [
      JSON.stringify(issue),
      formatIssueLine(issue, translatorFor('zh-CN')),
      formatIssueLine(issue, translatorFor('en')),
    ]);
    for (const text of printed) {
      expect(text).not.toMatch(/\d{15,18}/);
      for (const person of SAMPLE_PERSONS) expect(text).not.toContain(person.idNumber);
    }
  });
});
