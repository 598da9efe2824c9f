// duplicatePayment: the same person paid the same item for the same period more than once. One
// warning per group, linking every payment row of the group. A payment system that splits one
// period's amount into two transfers triggers it too, which the worker confirms from the rows.
import { formatFenAsYuan } from '../../../../src-shared/money.js';
import type { CheckWarning, StandardPayment } from '../check-types.js';
import { personItemParams, warning } from './rule-support.js';
import type { RuleNames } from './rule-support.js';

export function findDuplicatePayments(
  payments: readonly StandardPayment[],
  byPerson: ReadonlyMap<string, readonly number[]>,
  names: RuleNames,
): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  // Per person: the first payment of each (item, period), and the groups of repeats.
  const first = new Map<string, number>();
  const groups = new Map<string, number[]>();
  for (const indexes of byPerson.values()) {
    if (indexes.length < 2) continue;
    first.clear();
    groups.clear();
    for (const index of indexes) {
      const payment = payments[index]!;
      const key = `${payment.item_code}|${payment.period}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, index);
        continue;
      }
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [earlier, index]);
      else group.push(index);
    }
    for (const group of groups.values()) warnings.push(duplicateWarning(group.map((index) => payments[index]!), names));
  }
  return warnings;
}

function duplicateWarning(group: StandardPayment[], names: RuleNames): CheckWarning {
  const { id_number: idNumber, item_code: itemCode, period } = group[0]!;
  const params = {
    ...personItemParams(idNumber, itemCode, names),
    period,
    payments: group.length,
    amounts: group.map((payment) => formatFenAsYuan(payment.amount_fen)).join(', '),
    dates: group.map((payment) => payment.paid_on).join(', '),
  };
  return warning('duplicatePayment', 'found', params, group.map((payment) => payment.source));
}
