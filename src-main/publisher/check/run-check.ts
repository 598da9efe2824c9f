// The whole of `minsheng check` short of writing files: the county's rules file, the import of
// the department folder, and the comparison rules over the accepted rows, gathered into one
// CheckResult for the report. `publish` and `preview` run the same steps on a department folder.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { loadHeaderMapping } from '../import/header-mapping-file.js';
import { IssueCollector } from '../issues.js';
import { readSubsidyItems } from '../validate-subsidy-items.js';
import type { CheckResult, FileFailure, Message } from './check-types.js';
import { RULE_IDS } from './check-types.js';
import { loadRulesFile, listFilesIn } from './rules-file.js';
import { runImport } from './run-import.js';
import type { ImportResult } from './run-import.js';
import { checkItemsOf, runRules } from './run-rules.js';

/** The rules file taken from the checked folder when no --rules option names one. */
export const DEFAULT_RULES_FILE = 'check-rules.json';

export interface RunCheckOptions {
  dataDir: string;
  /** The county's rules file; absent, DIR/check-rules.json when it exists, else the defaults. */
  rulesFile?: string;
  /** The county's header mapping file. */
  mappingFile?: string;
  now?: Date;
  t: Translate;
  /** Key of the made-up identifiers (standard-ids.ts); absent, a fresh one per run. */
  idKey?: Uint8Array;
}

export interface CheckRun {
  result: CheckResult;
  /** The import's own result, which writeStandardFolder turns into a standard folder. */
  imported: ImportResult;
  /** Info lines of the folder scan: files skipped, sheets skipped. */
  notices: Message[];
}

/** Thrown when the folder to check is missing or is not a folder; `message` names it and the fix. */
export class DataFolderError extends Error {
  constructor(readonly problem: Message) {
    super(`cannot check ${String(problem.params.dir)}: ${problem.key}`);
    this.name = 'DataFolderError';
  }
}

async function requireDataFolder(dataDir: string): Promise<void> {
  try {
    if ((await stat(dataDir)).isDirectory()) return;
    throw new DataFolderError({ key: 'check:command.dataNotAFolder', params: { dir: dataDir } });
  } catch (error) {
    if (error instanceof DataFolderError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const key = code === 'ENOENT' ? 'check:command.dataNotFound' : 'check:command.dataUnreadable';
    throw new DataFolderError({ key, params: { dir: dataDir, reason: code } });
  }
}

/**
 * Item codes of the folder's subsidy_items.csv, against which the rules file's standards are
 * checked; null when the file is missing or has errors, which the import then reports.
 */
async function itemCodesOf(dataDir: string): Promise<Set<string> | undefined> {
  if (!existsSync(path.join(dataDir, 'subsidy_items.csv'))) return undefined;
  const issues = new IssueCollector(1);
  const items = await readSubsidyItems(dataDir, issues);
  return issues.errorCount === 0 && items.size > 0 ? new Set(items.keys()) : undefined;
}

/**
 * Runs the import and the rules on `dataDir`. Bad files and rows are reported in the result. A
 * missing data folder (DataFolderError), a broken rules file (RulesFileError) or a broken header
 * mapping file (MappingFileError) throws before any department file is read, because the worker
 * must fix the command line or the file first.
 */
export async function runCheck(options: RunCheckOptions): Promise<CheckRun> {
  const now = options.now ?? new Date();
  const dataDir = path.resolve(options.dataDir);
  await requireDataFolder(dataDir);
  const defaultRules = path.join(dataDir, DEFAULT_RULES_FILE);
  const rulesFile = options.rulesFile ?? (existsSync(defaultRules) ? defaultRules : undefined);
  const itemCodes = await itemCodesOf(dataDir);
  const config = await loadRulesFile(rulesFile ?? defaultRules, { required: rulesFile !== undefined, itemCodes });
  const mapping = options.mappingFile === undefined ? null : await loadHeaderMapping(options.mappingFile);

  const imported = await runImport({
    dataDir,
    mapping,
    now,
    t: options.t,
    idKey: options.idKey,
    exclude: [...listFilesIn(config, dataDir)],
  });

  // Without a department folder there are no rows, and "0 warnings" would read as a clean result.
  const base = { dataDir, checkedAt: now.toISOString(), tables: imported.tables };
  if (imported.folderKind !== 'department') {
    const skipped: Message = { key: 'check:command.noRowsToCompare', params: { dir: dataDir } };
    const result: CheckResult = {
      ...base,
      failures: imported.failures,
      persons: [],
      payments: [],
      warnings: [],
      rules: RULE_IDS.map((rule) => ({ rule, ran: false, skipped })),
      rejectedRows: imported.rejectedRows,
    };
    return { imported, notices: imported.notices, result };
  }

  const rules = await runRules({
    persons: imported.persons,
    payments: imported.payments,
    conflicts: imported.conflicts,
    items: checkItemsOf(imported.items),
    config,
    dataDir,
    t: options.t,
    now,
  });

  // A bad standard_amount makes its item's rule skip that item, so the report lists it as a failure.
  const itemFailures: FileFailure[] = rules.itemProblems.map((problem) => ({ file: problem.ref.file, sheet: null, message: problem.message }));
  const listRejected = rules.listSummaries.reduce((sum, table) => sum + table.rejected, 0);
  const result: CheckResult = {
    ...base,
    failures: [...imported.failures, ...itemFailures],
    persons: imported.persons,
    payments: imported.payments,
    warnings: rules.warnings,
    rules: rules.rules,
    rejectedRows: imported.rejectedRows + listRejected,
    listTables: rules.listSummaries,
    listFailures: rules.listFailures,
  };
  return { imported, notices: imported.notices, result };
}

/** True when nothing was rejected: no row, no file, no list, no reference or mapping problem. */
export function checkPassed(result: CheckResult): boolean {
  return result.rejectedRows === 0 && result.failures.length === 0 && (result.listFailures?.length ?? 0) === 0;
}
