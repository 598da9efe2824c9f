// The county's rules file for the comparison rules (信息比对) of `minsheng check`. A JSON file such as
//
//   {
//     "description": "某县 2024 年信息比对规则",
//     "aboveStandard": { "standards": { "GDLB": "125.80" } },
//     "afterDeathOrMove": { "list": "名单/死亡迁出名单.xlsx" },
//     "officialRecipient": { "list": "名单/村干部及亲属.csv" },
//     "sharedIdNumber": { "enabled": false },
//     "stoppedRecurring": { "minPeriods": 3 }
//   }
//
// Every rule is on unless its "enabled" is false. Standards are yuan per payment, written as text
// so that no floating-point value stands for money. List paths are relative to the rules file.
// Without a rules file every rule runs with the defaults, and the list rules are skipped.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseYuanToFen } from '../../../src-shared/money.js';
import { keyOf, valueAt } from '../import/header-mapping-file.js';
import { RULE_IDS } from './check-types.js';
import type { Message, RuleId } from './check-types.js';

export const MIN_PERIODS_DEFAULT = 3;
/** Bounds of stoppedRecurring.minPeriods. 30 periods is two and a half years of a monthly item. */
export const MIN_PERIODS_LOWEST = 2;
export const MIN_PERIODS_HIGHEST = 30;

/** The rules that read a list, with the list kind each reads. */
export const LIST_RULES = { afterDeathOrMove: 'departedList', officialRecipient: 'officialsList' } as const;
export type ListRule = keyof typeof LIST_RULES;

export interface RulesConfig {
  /** The rules file, absolute; null when no rules file was found and the defaults apply. */
  file: string | null;
  enabled: Readonly<Record<RuleId, boolean>>;
  /** Standards the rules file sets, in fen per payment, by item code. */
  standards: ReadonlyMap<string, number>;
  /** Absolute paths of the lists, by rule; null when the rules file names none. */
  lists: Readonly<Record<ListRule, string | null>>;
  minPeriods: number;
}

export const DEFAULT_RULES: RulesConfig = {
  file: null,
  enabled: Object.fromEntries(RULE_IDS.map((rule) => [rule, true])) as Record<RuleId, boolean>,
  standards: new Map(),
  lists: { afterDeathOrMove: null, officialRecipient: null },
  minPeriods: MIN_PERIODS_DEFAULT,
};

/** A rules file that cannot be used; each problem is a message of the `check` namespace. */
export class RulesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Message[],
  ) {
    super(`invalid rules file ${file}: ${problems.map((problem) => `${problem.key} ${JSON.stringify(problem.params)}`).join('; ')}`);
    this.name = 'RulesFileError';
  }
}

const enabled = z.boolean().optional();
const listPath = z.string().optional();

const rulesSchema = z.strictObject({
  description: z.string().optional(),
  duplicatePayment: z.strictObject({ enabled }).optional(),
  aboveStandard: z.strictObject({ enabled, standards: z.record(z.string(), z.string()).optional() }).optional(),
  afterDeathOrMove: z.strictObject({ enabled, list: listPath }).optional(),
  sharedIdNumber: z.strictObject({ enabled }).optional(),
  officialRecipient: z.strictObject({ enabled, list: listPath }).optional(),
  stoppedRecurring: z
    .strictObject({ enabled, minPeriods: z.number().int().min(MIN_PERIODS_LOWEST).max(MIN_PERIODS_HIGHEST).optional() })
    .optional(),
});

type RulesJson = z.infer<typeof rulesSchema>;

const problem = (name: string, params: Record<string, string | number>): Message => ({ key: `check:rulesFile.${name}`, params });

/** Keys the object at `issuePath` allows, for the message of an unknown key. */
function allowedKeys(issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return ['description', ...RULE_IDS].join(', ');
  const rule = String(issuePath[0]);
  const extra: Partial<Record<string, string>> = { aboveStandard: 'standards', afterDeathOrMove: 'list', officialRecipient: 'list', stoppedRecurring: 'minPeriods' };
  return extra[rule] === undefined ? 'enabled' : `enabled, ${extra[rule]}`;
}

/** Returns the name of the message for a value of the wrong type at `issuePath`. */
function wrongTypeMessage(issuePath: readonly PropertyKey[]): string {
  const last = String(issuePath[issuePath.length - 1] ?? '');
  if (last === 'enabled') return 'wrongTypeBoolean';
  if (last === 'minPeriods') return 'minPeriodsOutOfRange';
  if (issuePath[0] === 'aboveStandard' && issuePath[1] === 'standards' && issuePath.length === 3) return 'wrongTypeAmount';
  if (last === 'list' || last === 'description') return 'wrongTypeText';
  return 'wrongTypeObject';
}

function describeIssue(issue: z.core.$ZodIssue, file: string, json: unknown): Message[] {
  const key = keyOf(issue.path);
  const value = valueAt(json, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((name) => problem('unknownKey', { file, key: keyOf([...issue.path, name]), allowed: allowedKeys(issue.path) }));
  }
  const name = wrongTypeMessage(issue.path);
  if (name === 'minPeriodsOutOfRange') return [problem(name, { file, key, value, lowest: MIN_PERIODS_LOWEST, highest: MIN_PERIODS_HIGHEST })];
  return [problem(name, { file, key, value })];
}

function parseStandards(json: RulesJson, file: string, itemCodes: ReadonlySet<string> | null, problems: Message[]): Map<string, number> {
  const standards = new Map<string, number>();
  for (const [itemCode, text] of Object.entries(json.aboveStandard?.standards ?? {})) {
    const key = `aboveStandard.standards.${itemCode}`;
    if (itemCodes !== null && !itemCodes.has(itemCode)) {
      problems.push(problem('unknownItem', { file, key, value: itemCode, items: [...itemCodes].slice(0, 20).join(', ') }));
      continue;
    }
    const parsed = parseYuanToFen(text.trim());
    if (!parsed.ok) problems.push(problem('invalidStandard', { file, key, value: JSON.stringify(text) }));
    else standards.set(itemCode, parsed.fen);
  }
  return standards;
}

export interface RulesFileOptions {
  /** Item codes of subsidy_items.csv; when given, a standard for any other code is a problem. */
  itemCodes?: ReadonlySet<string>;
}

/**
 * Parses the text of the rules file at `filePath` (absolute). List paths are resolved against the
 * file's folder but not looked at; loadRulesFile checks that they exist. Throws a RulesFileError
 * naming every problem.
 */
export function parseRulesFile(text: string, filePath: string, options: RulesFileOptions = {}): RulesConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RulesFileError(filePath, [problem('notJson', { file: filePath, reason: (error as Error).message })]);
  }

  const parsed = rulesSchema.safeParse(json);
  if (!parsed.success) throw new RulesFileError(filePath, parsed.error.issues.flatMap((issue) => describeIssue(issue, filePath, json)));
  const data = parsed.data;

  const problems: Message[] = [];
  const standards = parseStandards(data, filePath, options.itemCodes ?? null, problems);
  const lists = { afterDeathOrMove: null, officialRecipient: null } as Record<ListRule, string | null>;
  for (const rule of Object.keys(LIST_RULES) as ListRule[]) {
    const list = data[rule]?.list;
    if (list === undefined) continue;
    if (list.trim() === '') problems.push(problem('emptyListPath', { file: filePath, key: `${rule}.list` }));
    else lists[rule] = path.resolve(path.dirname(filePath), list.trim());
  }
  if (problems.length > 0) throw new RulesFileError(filePath, problems);

  const enabledRules = Object.fromEntries(RULE_IDS.map((rule) => [rule, data[rule]?.enabled ?? true])) as Record<RuleId, boolean>;
  return {
    file: filePath,
    enabled: enabledRules,
    standards,
    lists,
    minPeriods: data.stoppedRecurring?.minPeriods ?? MIN_PERIODS_DEFAULT,
  };
}

/**
 * Returns the names of the lists that lie at the top level of `dataDir`, so the import of the
 * folder leaves them out of the department files, also when their rule is switched off.
 */
export function listFilesIn(config: RulesConfig, dataDir: string): Set<string> {
  const names = new Set<string>();
  for (const rule of Object.keys(LIST_RULES) as ListRule[]) {
    const list = config.lists[rule];
    if (list !== null && path.dirname(list) === path.resolve(dataDir)) names.add(path.basename(list));
  }
  return names;
}

/** Checks that each list of an enabled rule is a file; returns a problem for each that is not. */
async function checkListFiles(config: RulesConfig, filePath: string): Promise<Message[]> {
  const problems: Message[] = [];
  for (const rule of Object.keys(LIST_RULES) as ListRule[]) {
    const list = config.lists[rule];
    if (list === null || !config.enabled[rule]) continue;
    const params = { file: filePath, key: `${rule}.list`, value: list };
    try {
      if (!(await stat(list)).isFile()) problems.push(problem('listNotAFile', params));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(code === 'ENOENT' ? problem('listNotFound', params) : problem('listReadFailed', { ...params, reason: String(code ?? error) }));
    }
  }
  return problems;
}

/**
 * Reads the rules file at `filePath` and checks that its lists exist. A missing file gives the
 * defaults unless `required` is set (the worker named the file); any other problem throws a
 * RulesFileError.
 */
export async function loadRulesFile(filePath: string, options: RulesFileOptions & { required?: boolean } = {}): Promise<RulesConfig> {
  const absolute = path.resolve(filePath);
  let text: string;
  try {
    text = await readFile(absolute, 'utf-8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.required !== true) return DEFAULT_RULES;
    if (code === 'ENOENT') throw new RulesFileError(absolute, [problem('notFound', { file: absolute })]);
    throw new RulesFileError(absolute, [problem('readFailed', { file: absolute, reason: String(code ?? error) })]);
  }

  const config = parseRulesFile(text.replace(/^\uFEFF/, ''), absolute, options);
  const problems = await checkListFiles(config, absolute);
  if (problems.length > 0) throw new RulesFileError(absolute, problems);
  return config;
}
