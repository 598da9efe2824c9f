// Every rule of data standard version 1, as a table of bad rows, each checked for the file, the
// physical line, the column, the printed value, the code and a real message in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { issueMessage } from '../../src-main/publisher/issues.js';
import type { ValidationIssue } from '../../src-main/publisher/issues.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import {
  REGIONS_CSV,
  SAMPLE_PERSONS,
  SUBSIDY_ITEMS_CSV,
  makeIdNumber,
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

async function validateWith(overrides: Partial<Record<string, string>>) {
  const temp = makeTempDir('minsheng-validate-');
  cleanups.push(temp.remove);
  writeSampleDataset(temp.dir, overrides);
  return validateDataset(temp.dir, { now: NOW });
}

function expectMessagesInBothLanguages(issue: ValidationIssue): void {
  for (const language of ['zh-CN', 'en'] as const) {
    const message = issueMessage(issue, translatorFor(language));
    expect(message, `${language} ${issue.code}`).not.toBe(issue.code);
    expect(message, `${language} ${issue.code}`).not.toContain(issue.code);
    expect(message, `${language} ${issue.code}`).not.toMatch(/\{\{/);
    expect(message.length, `${language} ${issue.code}`).toBeGreaterThan(4);
  }
  const zh = issueMessage(issue, translatorFor('zh-CN'));
  const en = issueMessage(issue, translatorFor('en'));
  expect(zh).not.toBe(en);
}

interface Expected {
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
}

function findIssue(issues: ValidationIssue[], expected: Expected): ValidationIssue {
  const issue = issues.find((candidate) => candidate.code === expected.code && candidate.line === expected.line);
  expect(issue, `no ${expected.code} on line ${expected.line} in ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  expect(issue!.file).toBe(expected.file);
  expect(issue!.column).toBe(expected.column);
  expect(issue!.value).toBe(expected.value);
  expectMessagesInBothLanguages(issue!);
  return issue!;
}

const personRow = (id: string, name: string, household: string, relation: string, village: string) =>
  [id, name, household, relation, village].join(',');
const paymentRow = (...fields: string[]) => fields.join(',');
const knownId = SAMPLE_PERSONS[0]!.idNumber;
const strangerId = makeIdNumber('431226', '19800101', 99);
const badChecksumId = knownId.slice(0, 17) + (knownId[17] === '0' ? '1' : '0');
const masked = (id: string) => `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;

// Appended rows land on line 8 of regions.csv, 4 of subsidy_items.csv, 6 of persons.csv and
// 6 of payments.csv.
const CASES: Array<{ name: string; file: string; row: string; expected: Omit<Expected, 'file'> }> = [
  { name: 'region code not digits', file: 'regions.csv', row: '43122610120X,坏村,431226101,village', expected: { line: 8, column: 'code', value: '43122610120X', code: 'regions.invalidCode' } },
  { name: 'region code of 10 digits', file: 'regions.csv', row: '4312261012,坏村,431226101,village', expected: { line: 8, column: 'code', value: '4312261012', code: 'regions.invalidCode' } },
  { name: 'unknown level', file: 'regions.csv', row: '431226101203,新村,431226101,hamlet', expected: { line: 8, column: 'level', value: 'hamlet', code: 'regions.invalidLevel' } },
  { name: 'code length not matching level', file: 'regions.csv', row: '431226102,新镇,431226,village', expected: { line: 8, column: 'code', value: '431226102', code: 'regions.codeLengthMismatch' } },
  { name: 'duplicate region code', file: 'regions.csv', row: '431226101201,重复村,431226101,village', expected: { line: 8, column: 'code', value: '431226101201', code: 'regions.duplicateCode' } },
  { name: 'parent not in file', file: 'regions.csv', row: '431226102203,新村,431226102,village', expected: { line: 8, column: 'parent_code', value: '431226102', code: 'regions.parentNotFound' } },
  { name: 'parent two levels up', file: 'regions.csv', row: '431226101203,新村,431226,village', expected: { line: 8, column: 'parent_code', value: '431226', code: 'regions.parentLevelMismatch' } },
  { name: 'code outside parent', file: 'regions.csv', row: '431226102203,新村,431226101,village', expected: { line: 8, column: 'code', value: '431226102203', code: 'regions.codeOutsideParent' } },
  { name: 'missing parent', file: 'regions.csv', row: '431226101203,新村,,village', expected: { line: 8, column: 'parent_code', value: '', code: 'regions.missingParent' } },
  { name: 'province with parent', file: 'regions.csv', row: '44,广东省,43,province', expected: { line: 8, column: 'parent_code', value: '43', code: 'regions.provinceWithParent' } },
  { name: 'parent code not digits', file: 'regions.csv', row: '431226101203,新村,4312261O1,village', expected: { line: 8, column: 'parent_code', value: '4312261O1', code: 'regions.invalidParentCode' } },
  { name: 'empty region name', file: 'regions.csv', row: '431226101203,,431226101,village', expected: { line: 8, column: 'name', value: '', code: 'row.required' } },
  { name: 'duplicate item code', file: 'subsidy_items.csv', row: 'GDDL,重复项目,县农业农村局,依据,,,', expected: { line: 4, column: 'item_code', value: 'GDDL', code: 'items.duplicateCode' } },
  { name: 'item code with space', file: 'subsidy_items.csv', row: 'BAD CODE,名称,部门,依据,,,', expected: { line: 4, column: 'item_code', value: 'BAD CODE', code: 'row.invalidIdentifier' } },
  { name: 'item without department', file: 'subsidy_items.csv', row: 'X1,名称,,依据,,,', expected: { line: 4, column: 'department', value: '', code: 'row.required' } },
  { name: 'item without policy basis', file: 'subsidy_items.csv', row: 'X1,名称,部门,,,,', expected: { line: 4, column: 'policy_basis', value: '', code: 'row.required' } },
  { name: 'ID number checksum', file: 'persons.csv', row: personRow(badChecksumId, '王五', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'id_number', value: masked(badChecksumId), code: 'idNumber.invalidChecksum' } },
  { name: 'ID number too short', file: 'persons.csv', row: personRow('4312261965', '王五', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'id_number', value: '431*****65', code: 'idNumber.invalidLength' } },
  { name: 'ID number with letters', file: 'persons.csv', row: personRow('43122619650312A011', '王五', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'id_number', value: '431*************11', code: 'idNumber.invalidCharacters' } },
  { name: 'ID number birth date', file: 'persons.csv', row: personRow(makeIdNumber('431226', '19651332', 1), '王五', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'id_number', value: masked(makeIdNumber('431226', '19651332', 1)), code: 'idNumber.invalidBirthDate' } },
  { name: 'empty ID number', file: 'persons.csv', row: personRow('', '王五', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'id_number', value: '', code: 'idNumber.empty' } },
  { name: 'duplicate person', file: 'persons.csv', row: personRow(knownId, '张三丰', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'id_number', value: masked(knownId), code: 'persons.duplicateIdNumber' } },
  { name: 'name with a right-to-left override, masked', file: 'persons.csv', row: personRow(strangerId, '王\u202e五六', 'H009', '户主', '431226101201'), expected: { line: 6, column: 'name', value: '王**六', code: 'row.controlCharacter' } },
  { name: 'department with a zero-width space', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '10', '2025-06-01', '2025-06', '县\u200b民政局'), expected: { line: 6, column: 'department', value: '县\\u200b民政局', code: 'row.controlCharacter' } },
  { name: 'unknown relation', file: 'persons.csv', row: personRow(strangerId, '王五', 'H001', '表亲', '431226101201'), expected: { line: 6, column: 'relation', value: '表亲', code: 'persons.invalidRelation' } },
  { name: 'village not in regions', file: 'persons.csv', row: personRow(strangerId, '王五', 'H009', '户主', '431226101299'), expected: { line: 6, column: 'village_code', value: '431226101299', code: 'persons.villageNotFound' } },
  { name: 'village code of a township', file: 'persons.csv', row: personRow(strangerId, '王五', 'H009', '户主', '431226101'), expected: { line: 6, column: 'village_code', value: '431226101', code: 'persons.notAVillage' } },
  { name: 'second head of household', file: 'persons.csv', row: personRow(strangerId, '王五', 'H001', '户主', '431226101201'), expected: { line: 6, column: 'relation', value: '户主', code: 'persons.secondHead' } },
  { name: 'household in two villages', file: 'persons.csv', row: personRow(strangerId, '王五', 'H001', '子女', '431226101202'), expected: { line: 6, column: 'village_code', value: '431226101202', code: 'persons.householdVillageMismatch' } },
  { name: 'household without head', file: 'persons.csv', row: personRow(strangerId, '王五', 'H009', '子女', '431226101201'), expected: { line: 6, column: 'household_id', value: 'H009', code: 'persons.noHead' } },
  { name: 'person name too long', file: 'persons.csv', row: personRow(strangerId, '王'.repeat(51), 'H009', '户主', '431226101201'), expected: { line: 6, column: 'name', value: `王${'*'.repeat(49)}王`, code: 'row.tooLong' } },
  { name: 'household id with slash', file: 'persons.csv', row: personRow(strangerId, '王五', 'H/9', '户主', '431226101201'), expected: { line: 6, column: 'household_id', value: 'H/9', code: 'row.invalidIdentifier' } },
  { name: 'duplicate payment id', file: 'payments.csv', row: paymentRow('P0001', knownId, 'GDDL', '1.00', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'payment_id', value: 'P0001', code: 'payments.duplicateId' } },
  { name: 'recipient not in persons', file: 'payments.csv', row: paymentRow('P0009', strangerId, 'GDDL', '1.00', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'id_number', value: masked(strangerId), code: 'payments.personNotFound' } },
  { name: 'recipient ID checksum', file: 'payments.csv', row: paymentRow('P0009', badChecksumId, 'GDDL', '1.00', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'id_number', value: masked(badChecksumId), code: 'idNumber.invalidChecksum' } },
  { name: 'unknown item', file: 'payments.csv', row: paymentRow('P0009', knownId, 'ZZZZ', '1.00', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'item_code', value: 'ZZZZ', code: 'payments.itemNotFound' } },
  { name: 'three decimals', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.234', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '1.234', code: 'amount.tooManyDecimals' } },
  { name: 'amount not a number', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '一百', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '一百', code: 'amount.notANumber' } },
  { name: 'negative amount', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '-5', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '-5', code: 'amount.negative' } },
  { name: 'empty amount', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '', code: 'amount.empty' } },
  { name: 'huge amount', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '123456789012', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '123456789012', code: 'amount.tooLarge' } },
  { name: 'not a real date', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2024-02-30', '2024', '县民政局'), expected: { line: 6, column: 'paid_on', value: '2024-02-30', code: 'payments.invalidDate' } },
  { name: 'date with slashes', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2024/01/01', '2024', '县民政局'), expected: { line: 6, column: 'paid_on', value: '2024/01/01', code: 'payments.invalidDate' } },
  { name: 'date in the future', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2025-06-02', '2025', '县民政局'), expected: { line: 6, column: 'paid_on', value: '2025-06-02', code: 'payments.dateInFuture' } },
  { name: 'month 13 period', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2024-01-01', '2024-13', '县民政局'), expected: { line: 6, column: 'period', value: '2024-13', code: 'payments.invalidPeriod' } },
  { name: 'period of 1800', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2024-01-01', '1800', '县民政局'), expected: { line: 6, column: 'period', value: '1800', code: 'payments.periodTooEarly' } },
  { name: 'paid_on of 1900', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '1900-01-01', '2024', '县民政局'), expected: { line: 6, column: 'paid_on', value: '1900-01-01', code: 'payments.dateTooEarly' } },
  { name: 'amount with thousands separators in wrong groups', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '"1,2,3.00"', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '1,2,3.00', code: 'amount.badGrouping' } },
  { name: 'amount with a yuan sign', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '¥5', '2024-01-01', '2024', '县民政局'), expected: { line: 6, column: 'amount', value: '¥5', code: 'amount.currencySign' } },
  { name: 'period far ahead', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2024-01-01', '2099', '县民政局'), expected: { line: 6, column: 'period', value: '2099', code: 'payments.periodTooLate' } },
  { name: 'payment without department', file: 'payments.csv', row: paymentRow('P0009', knownId, 'GDDL', '1.00', '2024-01-01', '2024', ''), expected: { line: 6, column: 'department', value: '', code: 'row.required' } },
];

const BASE: Record<string, string> = {
  'regions.csv': REGIONS_CSV,
  'subsidy_items.csv': SUBSIDY_ITEMS_CSV,
  'persons.csv': personsCsv(),
  'payments.csv': paymentsCsv(),
};

describe('validateDataset rules', () => {
  it('accepts the sample delivery', async () => {
    const dataset = await validateWith({});
    expect(dataset.errors).toEqual([]);
    expect(dataset.errorCount).toBe(0);
    expect(dataset.persons).toHaveLength(4);
    expect(dataset.payments).toHaveLength(4);
    expect(dataset.county?.code).toBe('431226');
    expect(dataset.dataAsOf).toBe('2024-05-20');
    expect(dataset.payments.map((payment) => payment.amountFen)).toEqual([10550, 36000, 123456, 7]);
  });

  it.each(CASES)('rejects $name', async ({ file, row, expected }) => {
    const dataset = await validateWith({ [file]: `${BASE[file]}\n${row}` });
    findIssue(dataset.errors, { file, ...expected });
    expect(dataset.errorCount).toBeGreaterThan(0);
  });

  it('accepts one more valid row of each file', async () => {
    const dataset = await validateWith({
      'regions.csv': `${REGIONS_CSV}\n431226101203,新村,431226101,village`,
      'subsidy_items.csv': `${SUBSIDY_ITEMS_CSV}\nX1,名称,部门,依据,,,`,
      'persons.csv': `${personsCsv()}\n${personRow(strangerId, '王五', 'H009', '户主', '431226101203')}`,
      'payments.csv': `${paymentsCsv()}\n${paymentRow('P0009', strangerId, 'X1', '0', '2025-06-01', '2025-06', '部门')}`,
    });
    expect(dataset.errors).toEqual([]);
    expect(dataset.payments).toHaveLength(5);
    expect(dataset.dataAsOf).toBe('2025-06-01');
  });

  it('rejects persons of two counties', async () => {
    const regions = `${REGIONS_CSV}\n4331,湘西土家族苗族自治州,43,city\n433122,泸溪县,4331,county\n433122100,白沙镇,433122,township\n433122100201,红岩村,433122100,village`;
    const persons = `${personsCsv()}\n${personRow(strangerId, '王五', 'H009', '户主', '433122100201')}`;
    const dataset = await validateWith({ 'regions.csv': regions, 'persons.csv': persons });
    const issue = findIssue(dataset.errors, {
      file: 'persons.csv',
      line: 6,
      column: 'village_code',
      value: '433122100201',
      code: 'persons.otherCounty',
    });
    expect(issue.params.county).toBe('433122 泸溪县');
    expect(issue.params.majorityCounty).toBe('431226 麻阳苗族自治县');
    expect(dataset.county?.code).toBe('431226');
  });

  it('takes the county of most persons and names only the one row of another county', async () => {
    const regions = `${REGIONS_CSV}\n4331,湘西土家族苗族自治州,43,city\n433122,泸溪县,4331,county\n433122100,白沙镇,433122,township\n433122100201,红岩村,433122100,village`;
    const lines = personsCsv().split('\n');
    // The stranger comes first, so the first row no longer decides the county.
    const persons = [lines[0], personRow(strangerId, '王五', 'H009', '户主', '433122100201'), ...lines.slice(1)].join('\n');
    const dataset = await validateWith({ 'regions.csv': regions, 'persons.csv': persons });

    const countyErrors = dataset.errors.filter((issue) => issue.code === 'persons.otherCounty');
    expect(countyErrors.map((issue) => [issue.line, issue.value])).toEqual([[2, '433122100201']]);
    expect(countyErrors[0]!.params.majorityCount).toBe(SAMPLE_PERSONS.length);
    expect(dataset.county?.code).toBe('431226');
  });

  it('breaks a tie between counties by the smaller code', async () => {
    const regions = `${REGIONS_CSV}\n4331,湘西土家族苗族自治州,43,city\n433122,泸溪县,4331,county\n433122100,白沙镇,433122,township\n433122100201,红岩村,433122100,village`;
    const rows = [personRow(strangerId, '王五', 'H009', '户主', '433122100201'), personRow(SAMPLE_PERSONS[0]!.idNumber, '张三', 'H001', '户主', '431226101201')];
    const dataset = await validateWith({ 'regions.csv': regions, 'persons.csv': [personsCsv().split('\n')[0], ...rows].join('\n') });

    expect(dataset.county?.code).toBe('431226');
    expect(dataset.errors.filter((issue) => issue.code === 'persons.otherCounty').map((issue) => issue.line)).toEqual([2]);
  });
});
