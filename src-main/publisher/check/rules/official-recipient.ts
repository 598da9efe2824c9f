// officialRecipient: a recipient who is on the list of village officials and their relatives. Being
// on the list is no fault by itself, so the warning asks to check that the award was made openly.
// One warning per person and item, linking the list rows and every payment row.
import type { CheckWarning, StandardPayment } from '../check-types.js';
import type { OfficialEntry } from '../rule-lists.js';
import { addToGroup, paymentGroupParams, personItemParams, warning } from './rule-support.js';
import type { RuleNames } from './rule-support.js';

/** Relation words that mean the official is the recipient. */
const SELF = /本人|自己/;

function variantOf(entry: OfficialEntry): string {
  if (SELF.test(entry.relation)) return 'self';
  return entry.official_name === null ? 'relative' : 'relativeOfNamed';
}

export function findOfficialRecipients(
  payments: readonly StandardPayment[],
  officials: ReadonlyMap<string, OfficialEntry[]>,
  names: RuleNames,
): CheckWarning[] {
  const groups = new Map<string, number[]>();
  for (let index = 0; index < payments.length; index++) {
    const payment = payments[index]!;
    if (officials.has(payment.id_number)) addToGroup(groups, `${payment.id_number}|${payment.item_code}`, index);
  }

  const warnings: CheckWarning[] = [];
  for (const indexes of groups.values()) {
    const { id_number: idNumber, item_code: itemCode } = payments[indexes[0]!]!;
    const entries = officials.get(idNumber)!;
    const entry = entries[0]!;
    const params = {
      ...personItemParams(idNumber, itemCode, names, entry.name),
      ...paymentGroupParams(payments, indexes),
      post: entry.post,
      relation: entry.relation,
      official: entry.official_name ?? '',
    };
    const rows = [...entries.map((listed) => listed.source), ...indexes.map((index) => payments[index]!.source)];
    warnings.push(warning('officialRecipient', variantOf(entry), params, rows));
  }
  return warnings;
}
