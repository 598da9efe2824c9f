// Every cell rule of data standard version 2, one bad cell per case. The issue names the file,
// line, column and printed value (personal values masked) and renders in both languages. The bad
// row stays out of the snapshot rows.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../src-shared/id-number.js';
import { findIssue, validateChanged } from './validate-v2-check.js';
import type { Expected } from './validate-v2-check.js';
import { COUNTY, HEAD_ID_NUMBER, VILLAGE, validRows } from './validate-v2-delivery.js';

interface CellCase {
  name: string;
  file: string;
  /** Index of the changed row; it lands on line index + 2. */
  row: number;
  cells: Record<string, string>;
  expected: Omit<Expected, 'file' | 'line'>;
}

const badChecksum = HEAD_ID_NUMBER.slice(0, 17) + (HEAD_ID_NUMBER[17] === '0' ? '1' : '0');
const longName = '孙' + '七'.repeat(49) + '八';

const CASES: CellCase[] = [
  { name: 'required text empty', file: 'projects.csv', row: 0, cells: { name: '' }, expected: { column: 'name', value: '', code: 'row.required' } },
  { name: 'required enum empty', file: 'notices.csv', row: 1, cells: { board: '' }, expected: { column: 'board', value: '', code: 'row.required' } },
  { name: 'text too long', file: 'finance_entries.csv', row: 0, cells: { voucher_number: '记'.repeat(33) }, expected: { column: 'voucher_number', value: '记'.repeat(33), code: 'row.tooLong' } },
  { name: 'text with direction override', file: 'finance_entries.csv', row: 0, cells: { summary: '鱼塘\u202E承包费' }, expected: { column: 'summary', value: '鱼塘\\u202e承包费', code: 'row.controlCharacter' } },
  { name: 'identifier with a space', file: 'projects.csv', row: 0, cells: { project_id: 'XM 001' }, expected: { column: 'project_id', value: 'XM 001', code: 'row.invalidIdentifier' } },
  { name: 'identifier too long', file: 'collective_assets.csv', row: 0, cells: { asset_id: 'Z'.repeat(65) }, expected: { column: 'asset_id', value: `${'Z'.repeat(60)}…(65)`, code: 'row.tooLong' } },
  { name: 'ID number with a bad checksum', file: 'poverty_households.csv', row: 0, cells: { head_id_number: badChecksum }, expected: { column: 'head_id_number', value: maskIdNumber(badChecksum), code: 'idNumber.invalidChecksum' } },
  { name: 'ID number too short', file: 'poverty_households.csv', row: 0, cells: { head_id_number: '43122619650312' }, expected: { column: 'head_id_number', value: '431*********12', code: 'idNumber.invalidLength' } },
  { name: 'region code not digits', file: 'projects.csv', row: 0, cells: { region_code: '43122610120X' }, expected: { column: 'region_code', value: '43122610120X', code: 'validation-v2:region.invalidCode' } },
  { name: 'region not in regions.csv', file: 'finance_entries.csv', row: 0, cells: { village_code: '431226101299' }, expected: { column: 'village_code', value: '431226101299', code: 'validation-v2:region.notFound' } },
  { name: 'township where a village is required', file: 'finance_balances.csv', row: 0, cells: { village_code: '431226101' }, expected: { column: 'village_code', value: '431226101', code: 'validation-v2:region.wrongLevel' } },
  { name: 'county where a township is required', file: 'notices.csv', row: 1, cells: { region_code: COUNTY }, expected: { column: 'region_code', value: COUNTY, code: 'validation-v2:region.wrongLevel' } },
  { name: 'date not in the calendar', file: 'project_progress.csv', row: 0, cells: { report_date: '2025-02-29' }, expected: { column: 'report_date', value: '2025-02-29', code: 'validation-v2:cell.invalidDate' } },
  { name: 'date with slashes', file: 'fund_allocations.csv', row: 0, cells: { allocated_on: '2025/03/10' }, expected: { column: 'allocated_on', value: '2025/03/10', code: 'validation-v2:cell.invalidDate' } },
  { name: 'date after today', file: 'complaint_outcomes.csv', row: 0, cells: { published_on: '2025-06-02' }, expected: { column: 'published_on', value: '2025-06-02', code: 'validation-v2:cell.dateInFuture' } },
  { name: 'period without month', file: 'finance_entries.csv', row: 0, cells: { period: '2025' }, expected: { column: 'period', value: '2025', code: 'validation-v2:cell.invalidPeriod' } },
  { name: 'period month 13', file: 'finance_entries.csv', row: 0, cells: { period: '2025-13' }, expected: { column: 'period', value: '2025-13', code: 'validation-v2:cell.invalidPeriod' } },
  { name: 'year below the range', file: 'poverty_households.csv', row: 0, cells: { registered_year: '2013' }, expected: { column: 'registered_year', value: '2013', code: 'validation-v2:cell.invalidYear' } },
  { name: 'year not a number', file: 'projects.csv', row: 0, cells: { year: '二〇二四' }, expected: { column: 'year', value: '二〇二四', code: 'validation-v2:cell.invalidYear' } },
  { name: 'integer with a unit', file: 'poverty_households.csv', row: 0, cells: { household_size: '4人' }, expected: { column: 'household_size', value: '4人', code: 'validation-v2:cell.invalidInteger' } },
  { name: 'integer above the range', file: 'project_progress.csv', row: 0, cells: { progress_percent: '101' }, expected: { column: 'progress_percent', value: '101', code: 'validation-v2:cell.invalidInteger' } },
  { name: 'integer with decimals', file: 'fund_allocations.csv', row: 0, cells: { recipient_count: '12.5' }, expected: { column: 'recipient_count', value: '12.5', code: 'validation-v2:cell.invalidInteger' } },
  { name: 'decimal with three places', file: 'collective_assets.csv', row: 0, cells: { quantity: '12.505' }, expected: { column: 'quantity', value: '12.505', code: 'validation-v2:cell.invalidDecimal' } },
  { name: 'decimal negative', file: 'collective_assets.csv', row: 0, cells: { quantity: '-1' }, expected: { column: 'quantity', value: '-1', code: 'validation-v2:cell.invalidDecimal' } },
  { name: 'money with a currency sign', file: 'finance_entries.csv', row: 0, cells: { amount: '¥6000' }, expected: { column: 'amount', value: '¥6000', code: 'amount.currencySign' } },
  { name: 'money negative', file: 'asset_contracts.csv', row: 0, cells: { total_amount: '-30000' }, expected: { column: 'total_amount', value: '-30000', code: 'amount.negative' } },
  { name: 'money with three decimals', file: 'projects.csv', row: 0, cells: { funding_amount: '500000.001' }, expected: { column: 'funding_amount', value: '500000.001', code: 'amount.tooManyDecimals' } },
  { name: 'enum value not listed', file: 'projects.csv', row: 0, cells: { category: '修路' }, expected: { column: 'category', value: '修路', code: 'validation-v2:cell.invalidEnum' } },
  { name: 'enum value in other case', file: 'finance_balances.csv', row: 0, cells: { counterparty_kind: 'Person' }, expected: { column: 'counterparty_kind', value: 'Person', code: 'validation-v2:cell.invalidEnum' } },
  { name: 'unique value repeated', file: 'finance_entries.csv', row: 1, cells: { entry_id: 'CW-001' }, expected: { column: 'entry_id', value: 'CW-001', code: 'validation-v2:cell.duplicate' } },
  { name: 'reference to an unknown project', file: 'project_progress.csv', row: 1, cells: { project_id: 'XM-999' }, expected: { column: 'project_id', value: 'XM-999', code: 'validation-v2:reference.notFound' } },
  { name: 'reference to an unknown subsidy item', file: 'fund_allocations.csv', row: 0, cells: { item_code: 'WXYZ' }, expected: { column: 'item_code', value: 'WXYZ', code: 'validation-v2:reference.notFound' } },
  { name: 'reference to an unknown asset', file: 'asset_contracts.csv', row: 0, cells: { asset_id: 'ZC-404' }, expected: { column: 'asset_id', value: 'ZC-404', code: 'validation-v2:reference.notFound' } },
  { name: 'masked name too long', file: 'accountability_notices.csv', row: 0, cells: { person_name: longName }, expected: { column: 'person_name', value: `孙${'*'.repeat(49)}八`, code: 'row.tooLong' } },
  { name: 'masked head name with a tab', file: 'poverty_households.csv', row: 0, cells: { head_name: '张三\t丰' }, expected: { column: 'head_name', value: '张**丰', code: 'row.controlCharacter' } },
];

describe('version 2 cell rules', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('reports %s', async (_name, testCase) => {
    const dataset = await validateChanged((rows) => Object.assign(rows[testCase.file]![testCase.row]!, testCase.cells));

    findIssue(dataset.errors, { file: testCase.file, line: testCase.row + 2, ...testCase.expected });
    const table = dataset.v2.tables.get(testCase.file.replace('.csv', ''))!;
    expect(table, 'the bad row is left out').toHaveLength(validRows()[testCase.file]!.length - 1);
  });

  it('counts the bad row out of its table', async () => {
    const dataset = await validateChanged((rows) => {
      rows['finance_entries.csv']![1]!.amount = 'abc';
    });

    expect(dataset.v2.tables.get('finance_entries')!.map((row) => row.entry_id)).toEqual(['CW-001']);
    expect(dataset.errorCount).toBe(1);
  });

  it('reports a region of another county', async () => {
    const otherCounty = ['431227,新晃侗族自治县,4312,county', '431227101,波洲镇,431227,township', '431227101201,中寨村,431227101,village'];
    const dataset = await validateChanged(
      (rows) => {
        rows['finance_entries.csv']![0]!.village_code = '431227101201';
      },
      (dir) => appendFileSync(path.join(dir, 'regions.csv'), `${otherCounty.join('\n')}\n`),
    );

    const issue = findIssue(dataset.errors, {
      file: 'finance_entries.csv',
      line: 2,
      column: 'village_code',
      value: '431227101201',
      code: 'validation-v2:region.otherCounty',
    });
    expect(issue.params).toEqual({ county: '新晃侗族自治县', publicationCounty: '麻阳苗族自治县' });
  });

  it('accepts the county for complaints', async () => {
    const dataset = await validateChanged((rows) => {
      rows['complaint_outcomes.csv']![0]!.region_code = COUNTY;
      rows['projects.csv']![0]!.region_code = VILLAGE;
    });

    expect(dataset.errors).toEqual([]);
  });

  it('masks a repeated head ID number', async () => {
    const dataset = await validateChanged((rows) => {
      const first = rows['poverty_households.csv']![0]!;
      rows['poverty_households.csv']!.push({ ...first, household_id: 'PH-002', head_name: '李四' });
    });

    const issue = findIssue(dataset.errors, {
      file: 'poverty_households.csv',
      line: 3,
      column: 'head_id_number',
      value: maskIdNumber(HEAD_ID_NUMBER),
      code: 'validation-v2:cell.duplicate',
    });
    expect(issue.params).toEqual({ firstLine: 2 });
  });

  it('converts a 15-digit head ID number with a warning', async () => {
    const legacy = HEAD_ID_NUMBER.slice(0, 6) + HEAD_ID_NUMBER.slice(8, 17);
    const dataset = await validateChanged((rows) => {
      rows['poverty_households.csv']![0]!.head_id_number = legacy;
    });

    expect(dataset.errors).toEqual([]);
    findIssue(dataset.warnings, { file: 'poverty_households.csv', line: 2, column: 'head_id_number', value: maskIdNumber(legacy), code: 'idNumber.converted' });
    expect(dataset.v2.tables.get('poverty_households')![0]!.head_id_number).toBe(HEAD_ID_NUMBER.slice(0, 17) + HEAD_ID_NUMBER[17]);
  });

  it('accepts future planned dates', async () => {
    const dataset = await validateChanged((rows) => {
      rows['projects.csv']![0]!.planned_end_date = '2030-12-31';
      rows['asset_contracts.csv']![0]!.end_date = '2040-01-31';
    });

    expect(dataset.errors).toEqual([]);
  });
});
