// Sorts the top level of a checked folder by what the import does with each entry. It reads the
// reference files (regions.csv, subsidy_items.csv) and imports the department tables. The standard
// data files (persons.csv, payments.csv) make it a folder for `publish` as it is. Board files and
// documents/ pass through to the standard folder unchanged. Other entries, and subfolders other
// than documents/, are skipped. Symbolic links are not followed. A link named as a table is a file
// the worker meant to import, so it is a failure that names its target; other links are skipped
// with a notice.
import { readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { compareText } from '../../../src-shared/compare-text.js';
import { V2_FILE_SPECS, DOCUMENTS_FOLDER } from '../standard-v2/index.js';
import type { FileFailure, Message } from './check-types.js';

export const REFERENCE_FILES = ['regions.csv', 'subsidy_items.csv'] as const;
export const STANDARD_DATA_FILES = ['persons.csv', 'payments.csv'] as const;

// Extensions of the tables the department readers open; .xls is listed so that the reader
// rejects it with its "save as .xlsx" message instead of the file being skipped in silence.
const TABLE_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.csv', '.txt', '.tsv', '.xls']);
const BOARD_FILES = new Set(V2_FILE_SPECS.map((spec) => spec.name));
// Text files that describe a folder rather than hold a table; skipped whatever their extension.
const NOT_TABLES = /^(readme|说明)/i;

export interface FolderListing {
  /** Reference files present, of REFERENCE_FILES. */
  reference: string[];
  /** Standard data files present, of STANDARD_DATA_FILES. */
  standardData: string[];
  departmentFiles: string[];
  /** Board files of data standard version 2 and the documents/ folder. */
  passThrough: string[];
  /** True when documents/ is present. */
  documents: boolean;
  /** One info line per skipped entry. */
  skipped: Message[];
  /** Links named as tables, which are not followed; each fails the check. */
  failures: FileFailure[];
}

function isTableName(name: string): boolean {
  return TABLE_EXTENSIONS.has(path.extname(name).toLowerCase()) && !NOT_TABLES.test(name);
}

/** The absolute path a link points at, for the notice that asks for the file itself. */
async function linkTarget(dataDir: string, name: string): Promise<string> {
  try {
    return path.resolve(dataDir, await readlink(path.join(dataDir, name)));
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code ?? error);
  }
}

/** Lists the top level of `dataDir`, sorted by name. Files named in `exclude` are left out. */
export async function listCheckFolder(dataDir: string, exclude: ReadonlySet<string> = new Set()): Promise<FolderListing> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  entries.sort((first, second) => compareText(first.name, second.name));
  const listing: FolderListing = { reference: [], standardData: [], departmentFiles: [], passThrough: [], documents: false, skipped: [], failures: [] };

  for (const entry of entries) {
    const name = entry.name;
    if (exclude.has(name) || name.startsWith('.') || name.startsWith('~$')) continue;

    if (entry.isDirectory()) {
      if (name === DOCUMENTS_FOLDER) {
        listing.documents = true;
        listing.passThrough.push(name);
      } else listing.skipped.push({ key: 'check:folder.skippedFolder', params: { file: name } });
      continue;
    }
    if (entry.isSymbolicLink()) {
      const params = { file: name, target: await linkTarget(dataDir, name) };
      if (isTableName(name)) listing.failures.push({ file: name, sheet: null, message: { key: 'check:folder.linkedTable', params } });
      else listing.skipped.push({ key: 'check:folder.skippedLink', params });
      continue;
    }
    if (!entry.isFile()) {
      listing.skipped.push({ key: 'check:folder.skippedFile', params: { file: name } });
      continue;
    }

    if ((REFERENCE_FILES as readonly string[]).includes(name)) listing.reference.push(name);
    else if ((STANDARD_DATA_FILES as readonly string[]).includes(name)) listing.standardData.push(name);
    else if (BOARD_FILES.has(name)) listing.passThrough.push(name);
    else if (isTableName(name)) listing.departmentFiles.push(name);
    else listing.skipped.push({ key: 'check:folder.skippedFile', params: { file: name } });
  }
  return listing;
}
