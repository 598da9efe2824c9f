// afterDeathOrMove: payments to a person on the departed list dated after the person died, moved
// away or was deregistered. A payment on the date itself is not reported, because a date without a
// time cannot tell whether it came before. One warning per person and item, linking the list row
// and every payment row after the date.
import type { CheckWarning, StandardPayment } from '../check-types.js';
import type { DepartedEntry } from '../rule-lists.js';
import { addToGroup, paymentGroupParams, personItemParams, warning } from './rule-support.js';
import type { RuleNames } from './rule-support.js';

export function findPaymentsAfterDeparture(
  payments: readonly StandardPayment[],
  departed: ReadonlyMap<string, DepartedEntry>,
  names: RuleNames,
): CheckWarning[] {
  const groups = new Map<string, number[]>();
  for (let index = 0; index < payments.length; index++) {
    const payment = payments[index]!;
    const entry = departed.get(payment.id_number);
    if (entry !== undefined && payment.paid_on > entry.left_on) addToGroup(groups, `${payment.id_number}|${payment.item_code}`, index);
  }

  const warnings: CheckWarning[] = [];
  for (const indexes of groups.values()) {
    const { id_number: idNumber, item_code: itemCode } = payments[indexes[0]!]!;
    const entry = departed.get(idNumber)!;
    const params = {
      ...personItemParams(idNumber, itemCode, names, entry.name),
      ...paymentGroupParams(payments, indexes),
      leftOn: entry.left_on,
      type: entry.departureText,
    };
    const rows = [entry.source, ...indexes.map((index) => payments[index]!.source)];
    warnings.push(warning('afterDeathOrMove', entry.departure, params, rows));
  }
  return warnings;
}
