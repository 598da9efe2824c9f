// CheckResult objects built by hand for tests of the check report, with masked ID numbers as the
// import writes them. `largeCheckResult` has the shape of a 1,000,000-row payment export.
import type { CellRejection, CellRepair } from '../../src-main/publisher/import/clean-rows.js';
import type { RepairKind } from '../../src-main/publisher/import/clean-result.js';
import type { CheckResult, CheckWarning, RowRef, TableSummary } from '../../src-main/publisher/check/check-types.js';

/** A masked ID number, as maskIdNumber writes it. */
export const MASKED_ID = '430*************1X';

export function repairAt(file: string, sheet: string | null, row: number, kind: RepairKind, before: string, after: string): CellRepair {
  return { file, sheet, row, column: 'B', header: '身份证号', field: 'id_number', kind, before, after };
}

export function rejectionAt(file: string, sheet: string | null, row: number, value = '4.30123E+17'): CellRejection {
  return { file, sheet, row, column: 'B', header: '身份证号', field: 'id_number', reason: 'idScientificNotation', value };
}

/** Builds a table summary with no repairs or rejections, with `fields` overriding any field. */
export function tableSummary(fields: Partial<TableSummary> = {}): TableSummary {
  return {
    file: 'payments.xlsx',
    sheet: 'Sheet1',
    encoding: 'xlsx',
    delimiter: null,
    kind: 'payments',
    titleRows: [],
    headerRow: 1,
    headerNotices: [],
    footerRows: [],
    rowsRead: 0,
    accepted: 0,
    repairedRows: 0,
    rejected: 0,
    repairCounts: {},
    repairs: [],
    cellRejections: [],
    rowProblems: [],
    ...fields,
  };
}

export function checkResult(fields: Partial<CheckResult> = {}): CheckResult {
  return {
    dataDir: '/data/county',
    checkedAt: '2024-06-01T09:30:00+08:00',
    tables: [],
    failures: [],
    persons: [],
    payments: [],
    warnings: [],
    rules: [],
    rejectedRows: 0,
    ...fields,
  };
}

/** Builds a warning of `rule` with the message `check:rules.<rule>.<variant>`. */
export function warning(rule: CheckWarning['rule'], rows: RowRef[], params: Record<string, string | number> = {}, variant = 'found'): CheckWarning {
  return { rule, message: { key: `check:rules.${rule}.${variant}`, params }, rows };
}

/**
 * Builds a check of one CSV payment export with `rows` data rows, `rejected` of them rejected by the
 * cleaners, one repair on each of the first `repairs` accepted rows, and `warnings` duplicate
 * payment warnings of two rows each.
 */
export function largeCheckResult(options: { rows: number; rejected: number; repairs: number; warnings: number }): CheckResult {
  const file = '一卡通发放明细.csv';
  const cellRejections = [];
  for (let index = 0; index < options.rejected; index += 1) {
    const row = 2 + index * 20;
    cellRejections.push({ row, rejections: [rejectionAt(file, null, row)] });
  }
  const repairs: CellRepair[] = [];
  for (let index = 0; index < options.repairs; index += 1) {
    repairs.push(repairAt(file, null, 3 + index, 'idLowerCaseX', MASKED_ID.replace('X', 'x'), MASKED_ID));
  }
  const warnings: CheckWarning[] = [];
  for (let index = 0; index < options.warnings; index += 1) {
    const ref = (row: number): RowRef => ({ file, sheet: null, row });
    warnings.push(warning('duplicatePayment', [ref(5 + index), ref(6 + index)], { id: MASKED_ID, item: '耕地地力保护补贴', period: '2024' }));
  }

  const table = tableSummary({
    file,
    sheet: null,
    encoding: 'gbk',
    delimiter: ',',
    rowsRead: options.rows,
    accepted: options.rows - options.rejected,
    repairedRows: options.repairs,
    rejected: options.rejected,
    repairCounts: options.repairs > 0 ? { idLowerCaseX: options.repairs } : {},
    repairs,
    cellRejections,
  });
  return checkResult({
    tables: [table],
    warnings,
    rules: [{ rule: 'duplicatePayment', ran: true }],
    rejectedRows: options.rejected,
  });
}
