// Cost of the comparison rules of `minsheng check` on 1,000,000 payments, with the lists already
// loaded. 80,000 people get a monthly pension for the 12 months of 2024 (960,000 payments) and
// 40,000 of them a yearly subsidy. Some payments are repeated, above the standard or after a death
// on the list, some pensions stop before December, and some recipients are on the officials list,
// so every rule has warnings to build. Generating the rows is not timed.
//
// Run alone: `npx tsx bench/check-rules.ts`, or from `runRulesBench` with the other benchmarks.
import { pathToFileURL } from 'node:url';
import { computeCheckCharacter } from '../src-shared/id-number.js';
import type { CheckItem, StandardPayment, StandardPerson } from '../src-main/publisher/check/check-types.js';
import type { DepartedEntry, OfficialEntry, RuleLists } from '../src-main/publisher/check/rule-lists.js';
import { DEFAULT_RULES } from '../src-main/publisher/check/rules-file.js';
import { applyRules } from '../src-main/publisher/check/run-rules.js';
import { Random } from '../src-main/publisher/demo-data/prng.js';
import { timeSync } from './timing.js';

const PEOPLE = 80_000;
const YEARLY_SHARE = 0.5;
const MONTHS = Array.from({ length: 12 }, (_, index) => `2024-${String(index + 1).padStart(2, '0')}`);
const PENSION_FEN = 15_300;
const SUBSIDY_FEN = 12_580;

function idNumberOf(index: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (index % 20_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `431226${birth}${String(Math.floor(index / 20_000)).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

interface BenchData {
  persons: StandardPerson[];
  payments: StandardPayment[];
  items: CheckItem[];
  lists: RuleLists;
}

function generate(random: Random): BenchData {
  const persons: StandardPerson[] = [];
  const payments: StandardPayment[] = [];
  const departed = new Map<string, DepartedEntry>();
  const officials = new Map<string, OfficialEntry[]>();
  const pay = (idNumber: string, itemCode: string, period: string, amountFen: number): void => {
    const row = payments.length + 2;
    const paidOn = period.length === 7 ? `${period}-15` : `${period}-06-15`;
    payments.push({ payment_id: `P${row}`, id_number: idNumber, item_code: itemCode, amount_fen: amountFen, paid_on: paidOn, period, department: '县人社局', source: { file: 'payments.xlsx', sheet: '发放明细', row } });
  };

  for (let index = 0; index < PEOPLE; index++) {
    const idNumber = idNumberOf(index);
    persons.push({ id_number: idNumber, name: '张三丰', household_id: `H${index}`, relation: '户主', village_code: '431226101201', source: { file: 'persons.xlsx', sheet: '名册', row: index + 2 } });

    // About 0.5% of pensions stop before December, and 0.5% of people are on the departed list.
    const months = random.chance(0.005) ? MONTHS.slice(0, 11) : MONTHS;
    for (const month of months) pay(idNumber, 'YL', month, random.chance(0.001) ? PENSION_FEN + 100 : PENSION_FEN);
    if (random.chance(0.002)) pay(idNumber, 'YL', '2024-06', PENSION_FEN);
    if (index < PEOPLE * YEARLY_SHARE) pay(idNumber, 'GD', '2024', SUBSIDY_FEN);
    if (random.chance(0.005)) departed.set(idNumber, { id_number: idNumber, name: '张三丰', left_on: '2024-09-01', departure: 'death', departureText: '死亡', source: { file: 'lists/departed.csv', sheet: null, row: departed.size + 2 } });
    if (random.chance(0.002)) officials.set(idNumber, [{ id_number: idNumber, name: '张三丰', post: '村委会主任', relation: '本人', official_name: null, source: { file: 'lists/officials.csv', sheet: null, row: officials.size + 2 } }]);
  }

  // Fill up to exactly 1,000,000 payments with yearly subsidies of people without one.
  for (let index = PEOPLE * YEARLY_SHARE; payments.length < 1_000_000; index++) pay(idNumberOf(index), 'GD', '2024', SUBSIDY_FEN);

  const source = { file: 'subsidy_items.csv', sheet: null, row: 2 };
  const items: CheckItem[] = [
    { item_code: 'YL', name: '城乡居民基本养老保险', standard_amount: '153.00', cadence: 'monthly', source },
    { item_code: 'GD', name: '耕地地力保护补贴', standard_amount: '125.80', cadence: 'yearly', source },
  ];
  const lists: RuleLists = {
    departed,
    officials,
    status: { afterDeathOrMove: 'loaded', officialRecipient: 'loaded' },
    files: { afterDeathOrMove: 'lists/departed.csv', officialRecipient: 'lists/officials.csv' },
    tables: [],
    failures: [],
  };
  return { persons, payments, items, lists };
}

/** Runs every rule over 1,000,000 generated payments; returns the bench table's lines. */
export function runRulesBench(): [string, string][] {
  const data = generate(new Random(7));
  const input = { persons: data.persons, payments: data.payments, conflicts: [], items: data.items, config: { ...DEFAULT_RULES, minPeriods: 3 } };
  const { value: outcome, ms } = timeSync(() => applyRules(input, data.lists));

  const counts = new Map<string, number>();
  for (const warning of outcome.warnings) counts.set(warning.rule, (counts.get(warning.rule) ?? 0) + 1);
  const perRule = [...counts].map(([rule, count]) => `${rule} ${count}`).join(', ');
  return [
    ['check rules: payments', data.payments.length.toLocaleString('en-US')],
    ['check rules: all six rules', `${(ms / 1000).toFixed(2)} s`],
    ['check rules: warnings', `${outcome.warnings.length} (${perRule})`],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, value] of runRulesBench()) process.stdout.write(`${name}  ${value}\n`);
}
