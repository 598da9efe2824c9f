// Runs the comparison rules (信息比对) of `minsheng check` over the standard rows. Each rule is one
// pass over the payments, or over the payments grouped by person, with Maps keyed by strings, so
// the six rules take about a second on 1,000,000 payments (bench/check-rules.ts). A rule that is switched off, or has no list or standard to
// compare with, is reported as skipped with the reason.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { translatorFor } from '../../../src-shared/messages/translator.js';
import { cleanContextAt } from '../import/clean-result.js';
import type { SubsidyItemRow } from '../validate-subsidy-items.js';
import type { CheckItem, CheckWarning, FileFailure, IdNumberConflict, Message, RowProblem, RuleId, StandardPayment, StandardPerson, TableSummary } from './check-types.js';
import { RULE_IDS } from './check-types.js';
import { loadRuleLists } from './rule-lists.js';
import type { RuleLists } from './rule-lists.js';
import type { ListRule, RulesConfig } from './rules-file.js';
import { collectStandards, findAboveStandard } from './rules/above-standard.js';
import { findPaymentsAfterDeparture } from './rules/after-death-or-move.js';
import { findDuplicatePayments } from './rules/duplicate-payment.js';
import { findOfficialRecipients } from './rules/official-recipient.js';
import { groupByPerson, RuleNames } from './rules/rule-support.js';
import { findSharedIdNumbers } from './rules/shared-id-number.js';
import { findStoppedRecurring } from './rules/stopped-recurring.js';

export interface RuleRun {
  rule: RuleId;
  ran: boolean;
  skipped?: Message;
}

export interface RulesOutcome {
  warnings: CheckWarning[];
  rules: RuleRun[];
  /** What the import made of each table of the lists. */
  listSummaries: TableSummary[];
  /** Lists, and tables of them, that could not be read or mapped. */
  listFailures: FileFailure[];
  /** Rows of subsidy_items.csv whose standard_amount is not an amount in yuan. */
  itemProblems: RowProblem[];
}

export interface RulesInput {
  persons: readonly StandardPerson[];
  payments: readonly StandardPayment[];
  /** ID numbers the import found in several households. */
  conflicts: readonly IdNumberConflict[];
  items: readonly CheckItem[];
  config: RulesConfig;
}

/** Returns the rows of subsidy_items.csv as the rules read them. */
export function checkItemsOf(items: ReadonlyMap<string, SubsidyItemRow>): CheckItem[] {
  return [...items.values()].map((item) => ({
    item_code: item.itemCode,
    name: item.name,
    standard_amount: item.standardAmount,
    cadence: item.cadence,
    source: { file: 'subsidy_items.csv', sheet: null, row: item.line },
  }));
}

const skip = (name: string, params: Record<string, string | number> = {}): Message => ({ key: `check:rules.skipped.${name}`, params });

/** The reason a list rule cannot run, or null when its list is loaded. */
function listSkip(rule: ListRule, lists: RuleLists): Message | null {
  const status = lists.status[rule];
  if (status === 'loaded') return null;
  if (status === 'unusable') return skip('listUnusable', { file: lists.files[rule] ?? '' });
  return skip('noList', { key: `${rule}.list` });
}

/** Runs the enabled rules over the rows, with the lists already loaded. */
export function applyRules(input: RulesInput, lists: RuleLists): Omit<RulesOutcome, 'listSummaries' | 'listFailures'> {
  const { persons, payments, config } = input;
  const names = new RuleNames(input.items, persons);
  const { standards, problems } = collectStandards(input.items, config.standards);
  let byPerson: Map<string, number[]> | null = null;
  const paymentsByPerson = (): Map<string, number[]> => (byPerson ??= groupByPerson(payments));

  const run: Record<RuleId, () => CheckWarning[] | Message> = {
    duplicatePayment: () => findDuplicatePayments(payments, paymentsByPerson(), names),
    aboveStandard: () => (standards.size === 0 ? skip('noStandards') : findAboveStandard(payments, standards, names)),
    afterDeathOrMove: () => listSkip('afterDeathOrMove', lists) ?? findPaymentsAfterDeparture(payments, lists.departed, names),
    sharedIdNumber: () => findSharedIdNumbers(persons, input.conflicts),
    officialRecipient: () => listSkip('officialRecipient', lists) ?? findOfficialRecipients(payments, lists.officials, names),
    stoppedRecurring: () => findStoppedRecurring(payments, paymentsByPerson(), { items: input.items, minPeriods: config.minPeriods, departed: lists.departed, names }),
  };

  const warnings: CheckWarning[] = [];
  const rules: RuleRun[] = [];
  for (const rule of RULE_IDS) {
    if (!config.enabled[rule]) {
      rules.push({ rule, ran: false, skipped: skip('disabled', { file: config.file ?? '' }) });
      continue;
    }
    const result = run[rule]();
    if (!Array.isArray(result)) {
      rules.push({ rule, ran: false, skipped: result });
      continue;
    }
    for (const found of result) warnings.push(found);
    rules.push({ rule, ran: true });
  }
  return { warnings, rules, itemProblems: problems };
}

/**
 * Reads the lists the rules file names and runs the enabled rules. `dataDir` is the checked
 * folder: the report names list files relative to it.
 */
export async function runRules(input: RulesInput & { dataDir: string; t?: Translate; now?: Date }): Promise<RulesOutcome> {
  const t = input.t ?? translatorFor('zh-CN');
  const context = cleanContextAt(input.now ?? new Date());
  const lists = await loadRuleLists(input.config, input.dataDir, { context, t });
  const outcome = applyRules(input, lists);
  return { ...outcome, listSummaries: lists.tables, listFailures: lists.failures };
}
