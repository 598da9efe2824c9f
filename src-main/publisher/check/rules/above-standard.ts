// aboveStandard: one payment larger than the item's standard amount per payment. The standard
// comes from the rules file, else from the optional standard_amount column of subsidy_items.csv.
// A payment exactly at the standard is fine; items without a standard are not checked.
import { formatFenAsYuan, parseYuanToFen } from '../../../../src-shared/money.js';
import type { CheckItem, CheckWarning, RowProblem, StandardPayment } from '../check-types.js';
import { personItemParams, warning } from './rule-support.js';
import type { RuleNames } from './rule-support.js';

export interface ItemStandard {
  fen: number;
  /** Source of the standard, for the message. */
  from: 'rulesFile' | 'catalogue';
}

/**
 * Collects the standards: the catalogue's standard_amount column, overridden by the rules file. A
 * standard_amount that is not an amount in yuan is reported with its row and leaves the item
 * unchecked, unless the rules file sets that item's standard.
 */
export function collectStandards(
  items: readonly CheckItem[],
  fromRulesFile: ReadonlyMap<string, number>,
): { standards: Map<string, ItemStandard>; problems: RowProblem[] } {
  const standards = new Map<string, ItemStandard>();
  const problems: RowProblem[] = [];
  for (const item of items) {
    const text = item.standard_amount?.trim() ?? '';
    if (text === '' || fromRulesFile.has(item.item_code)) continue;
    const parsed = parseYuanToFen(text);
    if (parsed.ok) standards.set(item.item_code, { fen: parsed.fen, from: 'catalogue' });
    else {
      const params = { file: item.source.file, row: item.source.row, item: item.item_code, value: text };
      problems.push({ ref: item.source, message: { key: 'check:rules.aboveStandard.invalidCatalogueStandard', params } });
    }
  }
  for (const [itemCode, fen] of fromRulesFile) standards.set(itemCode, { fen, from: 'rulesFile' });
  return { standards, problems };
}

export function findAboveStandard(
  payments: readonly StandardPayment[],
  standards: ReadonlyMap<string, ItemStandard>,
  names: RuleNames,
): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  for (const payment of payments) {
    const standard = standards.get(payment.item_code);
    if (standard === undefined || payment.amount_fen <= standard.fen) continue;
    const params = {
      ...personItemParams(payment.id_number, payment.item_code, names),
      period: payment.period,
      paidOn: payment.paid_on,
      amount: formatFenAsYuan(payment.amount_fen),
      standard: formatFenAsYuan(standard.fen),
      excess: formatFenAsYuan(payment.amount_fen - standard.fen),
    };
    warnings.push(warning('aboveStandard', standard.from, params, [payment.source]));
  }
  return warnings;
}
