// Rules between cells and rows of data standard version 2: dates in order, columns filled
// together, finance categories by direction, unique combinations and falling progress.
import { describe, expect, it } from 'vitest';
import { findIssue, validateChanged } from './validate-v2-check.js';
import type { Expected } from './validate-v2-check.js';
import { VILLAGE, validRows } from './validate-v2-delivery.js';
import type { Rows } from './validate-v2-delivery.js';

interface RuleCase {
  name: string;
  change: (rows: Rows) => void;
  expected: Expected;
  params?: Record<string, string | number>;
}

const CASES: RuleCase[] = [
  {
    name: 'planned end before start',
    change: (rows) => void (rows['projects.csv']![0]!.planned_end_date = '2024-03-31'),
    expected: { file: 'projects.csv', line: 2, column: 'planned_end_date', value: '2024-03-31', code: 'validation-v2:rule.orderReversed' },
    params: { otherColumn: 'planned_start_date', other: '2024-04-01' },
  },
  {
    name: 'contract period end before start',
    change: (rows) => void (rows['projects.csv']![0]!.contract_period_end_date = '2024-01-01'),
    expected: { file: 'projects.csv', line: 2, column: 'contract_period_end_date', value: '2024-01-01', code: 'validation-v2:rule.orderReversed' },
  },
  {
    name: 'award before the tender',
    change: (rows) => void (rows['projects.csv']![0]!.tender_period_start_date = '2024-03-21'),
    expected: { file: 'projects.csv', line: 2, column: 'award_date', value: '2024-03-20', code: 'validation-v2:rule.orderReversed' },
  },
  {
    name: 'contract signed before the award',
    change: (rows) => void (rows['projects.csv']![0]!.contract_date_signed = '2024-03-19'),
    expected: { file: 'projects.csv', line: 2, column: 'contract_date_signed', value: '2024-03-19', code: 'validation-v2:rule.orderReversed' },
  },
  {
    name: 'asset contract end before start',
    change: (rows) => void (rows['asset_contracts.csv']![0]!.end_date = '2023-01-31'),
    expected: { file: 'asset_contracts.csv', line: 2, column: 'end_date', value: '2023-01-31', code: 'validation-v2:rule.orderReversed' },
  },
  {
    name: 'complaint replied before received',
    change: (rows) => void (rows['complaint_outcomes.csv']![1]!.replied_on = '2025-02-28'),
    expected: { file: 'complaint_outcomes.csv', line: 3, column: 'replied_on', value: '2025-02-28', code: 'validation-v2:rule.orderReversed' },
  },
  {
    name: 'exit year before registration',
    change: (rows) => void (rows['poverty_households.csv']![0]!.exit_year = '2014'),
    expected: { file: 'poverty_households.csv', line: 2, column: 'exit_year', value: '2014', code: 'validation-v2:rule.orderReversed' },
    params: { otherColumn: 'registered_year', other: 2015 },
  },
  {
    name: 'balance arising after its date',
    change: (rows) => void (rows['finance_balances.csv']![0]!.arose_on = '2025-04-01'),
    expected: { file: 'finance_balances.csv', line: 2, column: 'as_of', value: '2025-03-31', code: 'validation-v2:rule.orderReversed' },
  },
  {
    name: 'award supplier without kind',
    change: (rows) => void (rows['projects.csv']![0]!.award_supplier_kind = ''),
    expected: { file: 'projects.csv', line: 2, column: 'award_supplier_kind', value: '', code: 'validation-v2:rule.fillTogether' },
    params: {
      filled: 'award_date, award_supplier_name, award_value_amount',
      group: 'award_date, award_supplier_name, award_supplier_kind, award_value_amount',
    },
  },
  {
    name: 'acceptance date without result',
    change: (rows) => void (rows['projects.csv']![1]!.acceptance_result = ''),
    expected: { file: 'projects.csv', line: 3, column: 'acceptance_result', value: '', code: 'validation-v2:rule.fillTogether' },
  },
  {
    name: 'contract signed without value',
    change: (rows) => void (rows['projects.csv']![0]!.contract_value_amount = ''),
    expected: { file: 'projects.csv', line: 2, column: 'contract_value_amount', value: '', code: 'validation-v2:rule.fillTogether' },
  },
  {
    name: 'counterparty name without kind',
    change: (rows) => void (rows['finance_entries.csv']![0]!.counterparty_kind = ''),
    expected: { file: 'finance_entries.csv', line: 2, column: 'counterparty_kind', value: '', code: 'validation-v2:rule.fillTogether' },
  },
  {
    name: 'expenditure category on income',
    change: (rows) => void (rows['finance_entries.csv']![0]!.category = '公益支出'),
    expected: { file: 'finance_entries.csv', line: 2, column: 'category', value: '公益支出', code: 'validation-v2:rule.categoryDirection' },
    params: { direction: '收入', allowed: '经营收入, 发包及上交收入, 投资收益, 补助收入, 其他收入' },
  },
  {
    name: 'income category on expenditure',
    change: (rows) => void (rows['finance_entries.csv']![1]!.category = '补助收入'),
    expected: { file: 'finance_entries.csv', line: 3, column: 'category', value: '补助收入', code: 'validation-v2:rule.categoryDirection' },
  },
  {
    name: 'entry date outside its period',
    change: (rows) => void (rows['finance_entries.csv']![0]!.entry_date = '2025-04-01'),
    expected: { file: 'finance_entries.csv', line: 2, column: 'entry_date', value: '2025-04-01', code: 'validation-v2:rule.dateOutsidePeriod' },
    params: { period: '2025-03' },
  },
  {
    name: 'second allocation of one batch',
    change: (rows) => void rows['fund_allocations.csv']!.push({ ...rows['fund_allocations.csv']![0]!, allocation_id: 'FP-002' }),
    expected: { file: 'fund_allocations.csv', line: 3, column: 'village_code', value: VILLAGE, code: 'validation-v2:rule.duplicateCombination' },
    params: { columns: 'item_code, batch, village_code', firstLine: 2 },
  },
  {
    name: 'attachment listed twice',
    change: (rows) => void rows['notice_attachments.csv']!.push({ ...rows['notice_attachments.csv']![0]!, title: '明细表' }),
    expected: { file: 'notice_attachments.csv', line: 3, column: 'file_name', value: 'gg-001-fj.pdf', code: 'validation-v2:rule.duplicateCombination' },
  },
];

describe('version 2 rules between cells', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('reports %s', async (_name, testCase) => {
    const dataset = await validateChanged(testCase.change);

    const issue = findIssue(dataset.errors, testCase.expected);
    if (testCase.params !== undefined) expect(issue.params).toEqual(testCase.params);
    expect(dataset.errorCount).toBe(1);
  });

  it('leaves the broken row out', async () => {
    const dataset = await validateChanged((rows) => {
      rows['finance_entries.csv']![0]!.category = '公益支出';
    });

    expect(dataset.v2.tables.get('finance_entries')!.map((row) => row.entry_id)).toEqual(['CW-002']);
  });

  it('warns when progress falls', async () => {
    const dataset = await validateChanged((rows) => {
      // Rows in reverse date order: the fall is found by report date, not by line.
      const [first, second] = rows['project_progress.csv']!;
      second!.progress_percent = '30';
      rows['project_progress.csv'] = [second!, first!];
    });

    expect(dataset.errors).toEqual([]);
    const issue = findIssue(dataset.warnings, {
      file: 'project_progress.csv',
      line: 2,
      column: 'progress_percent',
      value: '30',
      code: 'validation-v2:rule.progressFell',
    });
    expect(issue.params).toEqual({ previous: 40, previousDate: '2024-06-30', previousLine: 3 });
    expect(dataset.v2.tables.get('project_progress')).toHaveLength(validRows()['project_progress.csv']!.length);
  });
});
