// The import half of `minsheng check`: a folder of department files in, the standard persons and
// payments out, with what became of every table, row and file. The comparison rules and the report
// work on its result; writeStandardFolder (write-standard-folder.ts) turns it into a folder that
// `publish` accepts.
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { cleanContextAt } from '../import/clean-result.js';
import { loadHeaderMapping, MappingFileError } from '../import/header-mapping-file.js';
import type { HeaderMapping } from '../import/header-mapping-file.js';
import { formatIssueLine, IssueCollector } from '../issues.js';
import { readRegions } from '../validate-regions.js';
import type { RegionRow } from '../validate-regions.js';
import { readSubsidyItems } from '../validate-subsidy-items.js';
import type { SubsidyItemRow } from '../validate-subsidy-items.js';
import type { FileFailure, IdNumberConflict, Message, StandardPayment, StandardPerson, TableSummary } from './check-types.js';
import { listCheckFolder, REFERENCE_FILES } from './folder-listing.js';
import type { FolderListing } from './folder-listing.js';
import { importDepartmentFile } from './import-table.js';
import type { ImportedTable } from './import-table.js';
import { ItemCatalogue } from './item-catalogue.js';
import { RegionNames } from './region-names.js';
import { newIdKey } from './standard-ids.js';
import { standardise } from './standardise.js';

export interface RunImportOptions {
  dataDir: string;
  /** The county's header mapping file (header-mapping-file.ts), if any. */
  mappingFile?: string;
  /** The header mapping already loaded (runCheck loads it first); takes the place of mappingFile. */
  mapping?: HeaderMapping | null;
  now: Date;
  t: Translate;
  /**
   * The county's secret key for household_id and payment_id (standard-ids.ts). Without it a fresh
   * key is drawn, so the identifiers differ from run to run: enough for a check, not for publishing
   * versions whose deltas must match rows across runs.
   */
  idKey?: Uint8Array;
  /** Top-level files that are not department files, such as the lists the rules file names. */
  exclude?: readonly string[];
}

/**
 * Kind of the checked folder. A `department` folder has department files to import. A `standard`
 * folder has persons.csv or payments.csv and goes to publish as it is. A `mixed` folder has both,
 * which is a failure. An `unreadable` folder could not be listed.
 */
export type FolderKind = 'department' | 'standard' | 'mixed' | 'unreadable';

export interface ImportResult {
  /** The checked folder, absolute. */
  dataDir: string;
  folderKind: FolderKind;
  /** Null when the folder could not be listed. */
  listing: FolderListing | null;
  tables: TableSummary[];
  failures: FileFailure[];
  /** Info lines: skipped files and folders, skipped sheets. */
  notices: Message[];
  persons: StandardPerson[];
  payments: StandardPayment[];
  conflicts: IdNumberConflict[];
  regions: Map<string, RegionRow>;
  items: Map<string, SubsidyItemRow>;
  /** Rows rejected in all tables. */
  rejectedRows: number;
}

function folderFailure(file: string, key: string, params: Record<string, string | number>): FileFailure {
  return { file, sheet: null, message: { key: `check:folder.${key}`, params } };
}

/** Reads regions.csv and subsidy_items.csv with the standard's validators; each error is a failure. */
async function readReference(dataDir: string, listing: FolderListing, t: Translate, result: ImportResult): Promise<void> {
  for (const file of REFERENCE_FILES) {
    if (!listing.reference.includes(file)) result.failures.push(folderFailure(file, 'missingReference', { file, dir: dataDir }));
  }
  const issues = new IssueCollector(100);
  if (listing.reference.includes('regions.csv')) result.regions = await readRegions(dataDir, issues);
  if (listing.reference.includes('subsidy_items.csv')) result.items = await readSubsidyItems(dataDir, issues);
  for (const issue of issues.errors) {
    result.failures.push(folderFailure(issue.file, 'referenceInvalid', { file: issue.file, problem: formatIssueLine(issue, t) }));
  }
  if (issues.errorCount > issues.errors.length) {
    result.failures.push(folderFailure(REFERENCE_FILES[0], 'moreReferenceErrors', { count: issues.errorCount - issues.errors.length }));
  }
}

async function readMapping(mappingFile: string | undefined, result: ImportResult): Promise<HeaderMapping | null | 'failed'> {
  if (mappingFile === undefined) return null;
  try {
    return await loadHeaderMapping(mappingFile);
  } catch (error) {
    if (!(error instanceof MappingFileError)) throw error;
    // Each problem names the mapping file already.
    for (const problem of error.problems) {
      result.failures.push({ file: path.basename(mappingFile), sheet: null, message: { key: `import:${problem.code}`, params: problem.params } });
    }
    return 'failed';
  }
}

/**
 * Imports the department files of `dataDir`. Nothing is thrown for bad input: a folder, file,
 * sheet or row that cannot be used is reported in `failures`, `notices` or the tables' rows.
 */
export async function runImport(options: RunImportOptions): Promise<ImportResult> {
  const dataDir = path.resolve(options.dataDir);
  const { t } = options;
  const result: ImportResult = {
    dataDir,
    folderKind: 'department',
    listing: null,
    tables: [],
    failures: [],
    notices: [],
    persons: [],
    payments: [],
    conflicts: [],
    regions: new Map(),
    items: new Map(),
    rejectedRows: 0,
  };

  // 1. The folder's entries.
  let listing: FolderListing;
  try {
    listing = await listCheckFolder(dataDir, new Set(options.exclude ?? []));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    result.folderKind = 'unreadable';
    result.failures.push(folderFailure('', 'unreadable', { dir: dataDir, reason }));
    return result;
  }
  result.listing = listing;
  result.notices.push(...listing.skipped);
  result.failures.push(...listing.failures);
  if (listing.standardData.length > 0) {
    result.folderKind = listing.departmentFiles.length > 0 ? 'mixed' : 'standard';
    if (result.folderKind === 'mixed') {
      const params = { dir: dataDir, standardFiles: listing.standardData.join(', '), departmentFiles: listing.departmentFiles.join(', ') };
      result.failures.push(folderFailure(listing.standardData[0]!, 'mixed', params));
    }
    return result;
  }
  if (listing.departmentFiles.length === 0) result.failures.push(folderFailure('', 'noDepartmentFiles', { dir: dataDir }));

  // 2. Reference files and the mapping file; without them no row can be placed.
  await readReference(dataDir, listing, t, result);
  const mapping = options.mapping !== undefined ? options.mapping : await readMapping(options.mappingFile, result);
  if (mapping === 'failed') return result;

  // 3. Each department file, each table.
  const context = cleanContextAt(options.now);
  const tables: ImportedTable[] = [];
  for (const file of listing.departmentFiles) {
    const imported = await importDepartmentFile(dataDir, file, { mapping, context, t });
    tables.push(...imported.tables);
    result.failures.push(...imported.failures);
    result.notices.push(...imported.notices);
  }

  // 4. Standard rows. Without regions or items no row can be placed, and the reference failures
  //    give the reason for every row at once.
  if (result.regions.size > 0 && result.items.size > 0) {
    const rows = standardise(tables, new RegionNames(result.regions), new ItemCatalogue(result.items), options.idKey ?? newIdKey(), { now: options.now, t });
    result.persons = rows.persons;
    result.payments = rows.payments;
    result.conflicts = rows.conflicts;
  } else {
    for (const table of tables) table.summary.rejected = table.summary.rowsRead;
  }
  result.tables = tables.map((table) => table.summary);
  result.rejectedRows = result.tables.reduce((sum, table) => sum + table.rejected, 0);
  return result;
}
