// Reads the lists that the rules file names: people who died or moved away (死亡迁出名单) and village
// officials with their relatives (村干部及亲属名单). Counties keep these as spreadsheets as messy as
// the department files, so they go through the same readers, table finder, header mapper and
// cleaners. A rejected list row is reported like a rejected department row, and the rule that
// reads the list does without it.
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { CleanContext } from '../import/clean-result.js';
import { cleanTableRows } from '../import/clean-rows.js';
import type { ImportRecord } from '../import/clean-rows.js';
import { describeHeaderMap } from '../import/header-notices.js';
import { ImportError } from '../import/import-error.js';
import { mapHeaders } from '../import/map-headers.js';
import type { HeaderMap } from '../import/map-headers.js';
import { readDepartmentFile } from '../import/read-department-file.js';
import type { SourceTable } from '../import/source-table.js';
import type { FileFailure, RowRef, TableSummary } from './check-types.js';
import { summariseCleanedTable } from './import-table.js';
import { LIST_RULES } from './rules-file.js';
import type { ListRule, RulesConfig } from './rules-file.js';

/** Reason a person is on the departed list; for 'other', `departureText` keeps the list's own word. */
export type Departure = 'death' | 'moveAway' | 'deregistered' | 'other';

export interface DepartedEntry {
  id_number: string;
  name: string;
  /** YYYY-MM-DD: the date of death, moving away or deregistration. */
  left_on: string;
  departure: Departure;
  departureText: string;
  source: RowRef;
}

export interface OfficialEntry {
  id_number: string;
  name: string;
  post: string;
  /** Relation to the official, such as 本人, 配偶 or 子女. */
  relation: string;
  official_name: string | null;
  source: RowRef;
}

/** State of a list rule's list: 'none' when no list is named or the rule is off. */
export type ListStatus = 'none' | 'loaded' | 'unusable';

export interface RuleLists {
  /** The earliest departure of each ID number on the departed list. */
  departed: ReadonlyMap<string, DepartedEntry>;
  /** Every entry of each ID number on the officials list. */
  officials: ReadonlyMap<string, OfficialEntry[]>;
  status: Record<ListRule, ListStatus>;
  /** The list's file name as the report shows it, by rule. */
  files: Record<ListRule, string | null>;
  tables: TableSummary[];
  failures: FileFailure[];
}

/** Returns `filePath` relative to the checked folder, with "/" separators. */
export function displayName(dataDir: string, filePath: string): string {
  return path.relative(dataDir, filePath).split(path.sep).join('/');
}

/**
 * Tells why a person left from the list's type column, or else from the date column's header
 * (死亡日期, 迁出日期, 注销日期).
 */
export function departureOf(typeText: string | null, dateHeader: string): { departure: Departure; departureText: string } {
  const text = typeText ?? '';
  if (/死|亡|故|殁/.test(text)) return { departure: 'death', departureText: text };
  if (/迁/.test(text)) return { departure: 'moveAway', departureText: text };
  if (/注销/.test(text)) return { departure: 'deregistered', departureText: text };
  if (text !== '') return { departure: 'other', departureText: text };

  if (/死亡/.test(dateHeader)) return { departure: 'death', departureText: '死亡' };
  if (/迁出/.test(dateHeader)) return { departure: 'moveAway', departureText: '迁出' };
  return { departure: 'deregistered', departureText: '注销' };
}

function addDeparted(records: ImportRecord[], table: SourceTable, map: HeaderMap, departed: Map<string, DepartedEntry>): void {
  const dateHeader = map.kept.find((column) => column.field === 'left_on')?.header ?? '';
  for (const record of records) {
    const entry: DepartedEntry = {
      id_number: record.id_number!,
      name: record.name!,
      left_on: record.left_on!,
      ...departureOf(record.departure ?? null, dateHeader),
      source: { file: table.file, sheet: table.sheet, row: record.row },
    };
    const earlier = departed.get(entry.id_number);
    if (earlier === undefined || entry.left_on < earlier.left_on) departed.set(entry.id_number, entry);
  }
}

function addOfficials(records: ImportRecord[], table: SourceTable, officials: Map<string, OfficialEntry[]>): void {
  for (const record of records) {
    const entry: OfficialEntry = {
      id_number: record.id_number!,
      name: record.name!,
      post: record.post!,
      relation: record.official_relation!,
      official_name: record.official_name ?? null,
      source: { file: table.file, sheet: table.sheet, row: record.row },
    };
    const entries = officials.get(entry.id_number);
    if (entries === undefined) officials.set(entry.id_number, [entry]);
    else entries.push(entry);
  }
}

/**
 * Reads the list of `rule` at `filePath`. Every sheet whose headers map to the list's fields is
 * read; returns false when none is, after recording the failures.
 */
async function readList(
  rule: ListRule,
  filePath: string,
  dataDir: string,
  options: { context: CleanContext; t: Translate },
  lists: RuleLists & { departed: Map<string, DepartedEntry>; officials: Map<string, OfficialEntry[]> },
): Promise<boolean> {
  const file = displayName(dataDir, filePath);
  const kind = LIST_RULES[rule];
  let workbook;
  try {
    workbook = await readDepartmentFile(dataDir, file);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    lists.failures.push({ file, sheet: null, message: { key: `import:${error.code}`, params: error.params } });
    return false;
  }

  let usable = false;
  for (const table of workbook.tables) {
    const map = mapHeaders(table.headers, kind);
    if (map.problems.length > 0) {
      const problems = describeHeaderMap(table, map, options.t)
        .filter((notice) => notice.severity === 'problem')
        .map((notice) => notice.text)
        .join(' ');
      lists.failures.push({ file, sheet: table.sheet, message: { key: 'check:lists.notMapped', params: { file, problems } } });
      continue;
    }

    const cleaned = cleanTableRows(table, map, { context: options.context });
    lists.tables.push(summariseCleanedTable(table, map, cleaned, options.t));
    if (kind === 'departedList') addDeparted(cleaned.records, table, map, lists.departed);
    else addOfficials(cleaned.records, table, lists.officials);
    usable = true;
  }
  return usable;
}

/** Reads the lists of the enabled list rules; a list that cannot be read makes its rule unusable. */
export async function loadRuleLists(config: RulesConfig, dataDir: string, options: { context: CleanContext; t: Translate }): Promise<RuleLists> {
  const lists = {
    departed: new Map<string, DepartedEntry>(),
    officials: new Map<string, OfficialEntry[]>(),
    status: { afterDeathOrMove: 'none', officialRecipient: 'none' } as Record<ListRule, ListStatus>,
    files: { afterDeathOrMove: null, officialRecipient: null } as Record<ListRule, string | null>,
    tables: [] as TableSummary[],
    failures: [] as FileFailure[],
  };

  for (const rule of Object.keys(LIST_RULES) as ListRule[]) {
    const filePath = config.lists[rule];
    if (filePath === null || !config.enabled[rule]) continue;
    lists.files[rule] = displayName(dataDir, filePath);
    lists.status[rule] = (await readList(rule, filePath, dataDir, options, lists)) ? 'loaded' : 'unusable';
  }
  return lists;
}
