// Imports one department file: reads its tables, decides for each whether it is a payment export
// or a person roster by which fields its headers map to, and cleans its rows. The standard rows are
// built later from the records of all tables together (standardise.ts).
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { CleanContext } from '../import/clean-result.js';
import { cleanTableRows } from '../import/clean-rows.js';
import type { CleanedTable, ImportRecord } from '../import/clean-rows.js';
import { describeHeaderMap } from '../import/header-notices.js';
import type { HeaderMapping } from '../import/header-mapping-file.js';
import { ImportError } from '../import/import-error.js';
import { mapHeaders } from '../import/map-headers.js';
import type { HeaderMap } from '../import/map-headers.js';
import { readDepartmentFile } from '../import/read-department-file.js';
import type { SourceTable } from '../import/source-table.js';
import type { FileFailure, Message, TableSummary } from './check-types.js';

/** A cleaned table: its summary, before the standardiser's rejections, and its records. */
export interface ImportedTable {
  summary: TableSummary;
  kind: 'payments' | 'persons';
  records: ImportRecord[];
}

export interface ImportedFile {
  tables: ImportedTable[];
  failures: FileFailure[];
  /** Info lines: sheets left out as hidden or without a table. */
  notices: Message[];
}

/**
 * Maps a table as a payment export when the payment fields map without problems, else as a
 * person roster. When neither maps, returns a failure naming the problems of the closer kind.
 */
export function chooseTableKind(table: SourceTable, mapping: HeaderMapping | null, t: Translate): { map: HeaderMap } | { failure: FileFailure } {
  const payments = mapHeaders(table.headers, 'payments', mapping);
  if (payments.problems.length === 0) return { map: payments };
  const persons = mapHeaders(table.headers, 'persons', mapping);
  if (persons.problems.length === 0) return { map: persons };

  const closer = persons.problems.length < payments.problems.length ? persons : payments;
  const problems = describeHeaderMap(table, closer, t)
    .filter((notice) => notice.severity === 'problem')
    .map((notice) => notice.text)
    .join(' ');
  const message = { key: 'check:table.notMapped', params: { file: table.file, sheet: table.sheet ?? '', problems } };
  return { failure: { file: table.file, sheet: table.sheet, message } };
}

/**
 * Builds the summary of a cleaned table, with every row the cleaners passed counted as accepted.
 * The standardiser then moves rows it rejects from accepted to rejected.
 */
export function summariseCleanedTable(table: SourceTable, map: HeaderMap, cleaned: CleanedTable, t: Translate): TableSummary {
  const repairCounts: TableSummary['repairCounts'] = {};
  const repairedRows = new Set<number>();
  for (const repair of cleaned.repairs) {
    repairCounts[repair.kind] = (repairCounts[repair.kind] ?? 0) + 1;
    repairedRows.add(repair.row);
  }
  return {
    file: table.file,
    sheet: table.sheet,
    encoding: table.encoding,
    delimiter: table.delimiter,
    kind: map.kind,
    titleRows: table.titleRows,
    headerRow: table.headerRow,
    headerNotices: describeHeaderMap(table, map, t),
    footerRows: table.footerRows,
    rowsRead: cleaned.rowsRead,
    accepted: cleaned.records.length,
    repairedRows: repairedRows.size,
    rejected: cleaned.rejectedRows.length,
    repairCounts,
    repairs: cleaned.repairs,
    cellRejections: cleaned.rejectedRows,
    rowProblems: [],
  };
}

/** Reads and cleans every table of `file`; a file that cannot be read becomes one failure. */
export async function importDepartmentFile(
  dataDir: string,
  file: string,
  options: { mapping: HeaderMapping | null; context: CleanContext; t: Translate },
): Promise<ImportedFile> {
  const result: ImportedFile = { tables: [], failures: [], notices: [] };
  let workbook;
  try {
    workbook = await readDepartmentFile(dataDir, file);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    result.failures.push({ file, sheet: null, message: { key: `import:${error.code}`, params: error.params } });
    return result;
  }

  for (const skipped of workbook.skippedSheets) {
    const key = skipped.reason === 'hidden' ? 'import:sheetHidden' : 'import:sheetNoTable';
    result.notices.push({ key, params: { file, sheet: skipped.sheet } });
  }

  for (const table of workbook.tables) {
    const choice = chooseTableKind(table, options.mapping, options.t);
    if ('failure' in choice) {
      result.failures.push(choice.failure);
      continue;
    }

    const cleaned = cleanTableRows(table, choice.map, { context: options.context, consumeRows: true });
    const summary = summariseCleanedTable(table, choice.map, cleaned, options.t);
    result.tables.push({ summary, kind: choice.map.kind as 'payments' | 'persons', records: cleaned.records });
  }
  return result;
}
