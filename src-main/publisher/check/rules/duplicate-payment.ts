// duplicatePayment: the same person paid the same item for the same period more than once. One
// warning per group, linking every payment row of the group. A payment system that splits one
// period's amount into two transfers triggers it too, which the worker confirms from the rows.
import { formatFenAsYuan } from '../../../../src-shared/money.js';
import type { CheckWarning, StandardPayment } from '../check-types.js';
import { personItemParams, warning } from './rule-support.js';
import type { RuleNames } from './rule-support.js';

export function findDuplicatePayments(payments: readonly StandardPayment[], names: RuleNames): CheckWarning[] {
  // The index of the first payment of each (ID number, item, period), and the groups of repeats.
  const first = new Map<string, number>();
  const groups = new Map<string, number[]>();
  for (let index = 0; index < payments.length; index++) {
    const payment = payments[index]!;
    const key = `${payment.id_number}|${payment.item_code}|${payment.period}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      continue;
    }
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [earlier, index]);
    else group.push(index);
  }

  const warnings: CheckWarning[] = [];
  for (const indexes of groups.values()) {
    const group = indexes.map((index) => payments[index]!);
    const { id_number: idNumber, item_code: itemCode, period } = group[0]!;
    const params = {
      ...personItemParams(idNumber, itemCode, names),
      period,
      payments: group.length,
      amounts: group.map((payment) => formatFenAsYuan(payment.amount_fen)).join(', '),
      dates: group.map((payment) => payment.paid_on).join(', '),
    };
    warnings.push(warning('duplicatePayment', 'found', params, group.map((payment) => payment.source)));
  }
  return warnings;
}
