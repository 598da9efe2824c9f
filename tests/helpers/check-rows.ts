// Standard rows, items and lists for the tests of the comparison rules, built in a line each. ID
// numbers are generated with valid check characters, not real.
import { DEFAULT_RULES } from '../../src-main/publisher/check/rules-file.js';
import type { RulesConfig } from '../../src-main/publisher/check/rules-file.js';
import type { CheckItem, StandardPayment, StandardPerson } from '../../src-main/publisher/check/check-types.js';
import type { DepartedEntry, OfficialEntry, RuleLists } from '../../src-main/publisher/check/rule-lists.js';
import { makeIdNumber } from './publisher-data.js';

export const ID_A = makeIdNumber('431226', '19500101', 11);
export const ID_B = makeIdNumber('431226', '19620304', 22);
export const ID_C = makeIdNumber('431226', '19781225', 33);

let paymentRow = 1;

/** Builds a payment of 100.00 yuan paid on the 10th, on the next row of payments.xlsx. */
export function payment(idNumber: string, itemCode: string, period: string, fields: Partial<StandardPayment> = {}): StandardPayment {
  paymentRow++;
  const paidOn = period.length === 7 ? `${period}-10` : `${period}-06-10`;
  return {
    payment_id: `P${paymentRow}`,
    id_number: idNumber,
    item_code: itemCode,
    amount_fen: 10_000,
    paid_on: paidOn,
    period,
    department: '县民政局',
    source: { file: 'payments.xlsx', sheet: '发放明细', row: paymentRow },
    ...fields,
  };
}

export function person(idNumber: string, name: string, householdId: string, relation = '户主', row = 2): StandardPerson {
  return { id_number: idNumber, name, household_id: householdId, relation, village_code: '431226101201', source: { file: 'persons.csv', sheet: null, row } };
}

export function item(itemCode: string, name: string, fields: Partial<CheckItem> = {}): CheckItem {
  return { item_code: itemCode, name, standard_amount: null, cadence: null, source: { file: 'subsidy_items.csv', sheet: null, row: 2 }, ...fields };
}

export function config(fields: Partial<RulesConfig> = {}): RulesConfig {
  return { ...DEFAULT_RULES, ...fields };
}

export function departed(idNumber: string, leftOn: string, fields: Partial<DepartedEntry> = {}): DepartedEntry {
  return { id_number: idNumber, name: '张三丰', left_on: leftOn, departure: 'death', departureText: '死亡', source: { file: 'lists/departed.csv', sheet: null, row: 3 }, ...fields };
}

export function official(idNumber: string, fields: Partial<OfficialEntry> = {}): OfficialEntry {
  return { id_number: idNumber, name: '李四', post: '村委会主任', relation: '配偶', official_name: '王五', source: { file: 'officials.xlsx', sheet: 'Sheet1', row: 4 }, ...fields };
}

/** Loaded lists as loadRuleLists returns them. */
export function lists(departedEntries: DepartedEntry[] = [], officialEntries: OfficialEntry[] = []): RuleLists {
  const officials = new Map<string, OfficialEntry[]>();
  for (const entry of officialEntries) officials.set(entry.id_number, [...(officials.get(entry.id_number) ?? []), entry]);
  return {
    departed: new Map(departedEntries.map((entry) => [entry.id_number, entry])),
    officials,
    status: { afterDeathOrMove: departedEntries.length > 0 ? 'loaded' : 'none', officialRecipient: officialEntries.length > 0 ? 'loaded' : 'none' },
    files: { afterDeathOrMove: null, officialRecipient: null },
    tables: [],
    failures: [],
  };
}
