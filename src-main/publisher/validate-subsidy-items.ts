// subsidy_items.csv: the subsidy items paid in the county, with the department and policy basis.
import { readCsvRows } from './csv-source.js';
import { requireIdentifier, requireText } from './field-checks.js';
import type { RowContext } from './field-checks.js';
import type { IssueCollector } from './issues.js';
import { FILE_SPECS } from './standard.js';

export interface SubsidyItemRow {
  itemCode: string;
  name: string;
  department: string;
  policyBasis: string;
  /** The optional cadence column (yearly, monthly, once); null when the catalogue has none. */
  cadence: string | null;
  /** The optional standard_amount column: yuan per payment as written; null when the catalogue has none. */
  standardAmount: string | null;
  line: number;
}

const FILE = 'subsidy_items.csv';

/** Reads and checks subsidy_items.csv; returns the valid rows by item code. */
export async function readSubsidyItems(dataDir: string, issues: IssueCollector): Promise<Map<string, SubsidyItemRow>> {
  const items = new Map<string, SubsidyItemRow>();

  const spec = { ...FILE_SPECS[FILE], optionalHeaders: ['cadence', 'standard_amount'] };
  for await (const { line, values } of readCsvRows(dataDir, spec, issues)) {
    const row: RowContext = { file: FILE, line, values, issues };
    const itemCode = requireIdentifier(row, 'item_code');
    const name = requireText(row, 'name');
    const department = requireText(row, 'department');
    const policyBasis = requireText(row, 'policy_basis');
    if (itemCode === null || name === null || department === null || policyBasis === null) continue;

    const first = items.get(itemCode);
    if (first !== undefined) {
      issues.error(FILE, line, 'item_code', itemCode, 'items.duplicateCode', { firstLine: first.line });
      continue;
    }
    const optional = (column: string): string | null => (values[column] === undefined || values[column] === '' ? null : values[column]);
    items.set(itemCode, { itemCode, name, department, policyBasis, cadence: optional('cadence'), standardAmount: optional('standard_amount'), line });
  }

  return items;
}
