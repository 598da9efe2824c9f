// Cleans the rows of a department table into typed records. Each kept column's cells go through
// the cleaner of the column's field. Every repair and rejection carries the file, sheet, row,
// column and field, so the report can point the county worker at the cell. A row with
// any rejected cell is rejected whole, with all of its problems. Columns the header map dropped
// (bank accounts, phone numbers) are never read. Repairs and rejections mask the cells of ID number
// columns, and redact numbers shaped like ID, card or phone numbers in any other column (an ID
// number typed into the amount column, a phone number in a remark).
import { maskIdNumber } from '../../../src-shared/id-number.js';
import { redactPersonalData } from '../../core/redaction.js';
import { cleanAmount } from './clean-amount.js';
import { cleanDate } from './clean-date.js';
import { cleanIdNumber } from './clean-id-number.js';
import { cleanPeriod } from './clean-period.js';
import type { CleanContext, Cleaned, RejectReason, Repair, RepairKind } from './clean-result.js';
import { cleanText } from './clean-text.js';
import { FILE_KINDS, IMPORT_FIELDS } from './import-fields.js';
import type { KeptField } from './import-fields.js';
import type { HeaderMap } from './map-headers.js';
import type { CellValue, SourceRow, SourceTable } from './source-table.js';

/** One cleaned row: amounts in integer fen, the other fields as text; null for an empty optional cell. */
export type ImportRecord = { row: number } & { [F in KeptField]?: (F extends 'amount' ? number : string) | null };

/** Location of a repair or rejection, as the county worker finds it in the file. */
export interface CellLocation {
  file: string;
  sheet: string | null;
  row: number;
  /** Column letter: A, B, …, AA. */
  column: string;
  header: string;
  field: KeptField;
}

export interface CellRepair extends CellLocation {
  kind: RepairKind;
  before: string;
  after: string;
}

export interface CellRejection extends CellLocation {
  reason: RejectReason;
  /** The cell as the file shows it, with personal numbers masked or redacted. */
  value: string;
  params?: Record<string, string | number>;
}

export type RowResult =
  | { ok: true; record: ImportRecord; repairs: readonly CellRepair[] }
  | { ok: false; row: number; rejections: CellRejection[] };

export interface RowCleanerOptions {
  context: CleanContext;
  /** True when negative amounts (recovered overpayments) are valid in this file. */
  allowNegativeAmounts?: boolean;
}

type CellCleaner = (cell: CellValue) => Cleaned<string | number>;

interface ColumnPlan {
  index: number;
  field: KeptField;
  required: boolean;
  letter: string;
  header: string;
  /** Hides personal numbers in the text of a repair or rejection of this column. */
  hide: (text: string) => string;
  clean: CellCleaner;
}

const NO_REPAIRS: readonly CellRepair[] = Object.freeze([]);

function cleanerFor(field: KeptField, options: RowCleanerOptions): CellCleaner {
  const { context } = options;
  switch (IMPORT_FIELDS[field].kind) {
    case 'idNumber':
      return (cell) => cleanIdNumber(cell, context);
    case 'amount': {
      // NOTE: a semicolon-delimited export from a decimal-comma locale writes 1234,50, which
      // cleanAmount rejects as misplaced grouping; no option reads it as a decimal comma yet.
      const amountOptions = { allowNegative: options.allowNegativeAmounts ?? false };
      return (cell) => cleanAmount(cell, amountOptions);
    }
    case 'date':
      return (cell) => cleanDate(cell, context);
    case 'period':
      return (cell) => cleanPeriod(cell, context);
    case 'text':
      return cleanText;
  }
}


/**
 * Builds the cleaner of one table's rows. It works a row at a time, so a caller can stream rows
 * through it and keep only the results it needs. The caller checks `map.problems` first: a
 * required field without a column, or an ambiguous one, is not cleaned at all.
 */
export function createRowCleaner(
  table: Pick<SourceTable, 'file' | 'sheet'> & Partial<Pick<SourceTable, 'dateSystem'>>,
  map: HeaderMap,
  tableOptions: RowCleanerOptions,
): (row: SourceRow) => RowResult {
  // A date serial in a cell without a date format counts from the table's own date system.
  const options = table.dateSystem === undefined ? tableOptions : { ...tableOptions, context: { ...tableOptions.context, dateSystem: table.dateSystem } };
  const required = new Set<KeptField>(FILE_KINDS[map.kind]);
  const plan: ColumnPlan[] = map.kept.map((column) => ({
    index: column.index,
    field: column.field,
    required: required.has(column.field),
    letter: column.letter,
    header: column.header,
    hide: IMPORT_FIELDS[column.field].kind === 'idNumber' ? maskIdNumber : redactPersonalData,
    clean: cleanerFor(column.field, options),
  }));
  const { file, sheet } = table;
  const emptyCell: CellValue = { kind: 'empty' };
  // Object literals with every field written out: spreading a shared location object into each
  // repair cost about 1.7 s more CPU per 1,000,000 rows in bench/import-pipeline.ts.
  const repairAt = (column: ColumnPlan, row: number, repair: Repair): CellRepair => ({
    file,
    sheet,
    row,
    column: column.letter,
    header: column.header,
    field: column.field,
    kind: repair.kind,
    before: column.hide(repair.before),
    after: column.hide(repair.after),
  });
  const rejectionAt = (column: ColumnPlan, row: number, reason: RejectReason, value: string): CellRejection => ({
    file,
    sheet,
    row,
    column: column.letter,
    header: column.header,
    field: column.field,
    reason,
    value: column.hide(value),
  });

  return (row) => {
    const record: Record<string, string | number | null> = { row: row.row };
    let repairs: CellRepair[] | null = null;
    let rejections: CellRejection[] | null = null;

    for (const column of plan) {
      const result = column.clean(row.cells[column.index] ?? emptyCell);

      // 1. A rejected cell: an empty one is fine in an optional column.
      if (!result.ok) {
        if (result.reason === 'empty' && !column.required) {
          record[column.field] = null;
          continue;
        }
        const rejection = rejectionAt(column, row.row, result.reason, result.value);
        if (result.params !== undefined) rejection.params = result.params;
        (rejections ??= []).push(rejection);
        continue;
      }

      // 2. An empty text cell: text cleaning never rejects, so emptiness is judged here.
      if (result.value === '') {
        if (column.required) {
          (rejections ??= []).push(rejectionAt(column, row.row, 'empty', ''));
        } else record[column.field] = null;
        continue;
      }

      // 3. A clean cell, with the repairs made on the way.
      record[column.field] = result.value;
      for (const repair of result.repairs) (repairs ??= []).push(repairAt(column, row.row, repair));
    }

    if (rejections !== null) return { ok: false, row: row.row, rejections };
    return { ok: true, record: record as ImportRecord, repairs: repairs ?? NO_REPAIRS };
  };
}

export interface CleanedTable {
  /** Data rows the table had before cleaning: records plus rejected rows. */
  rowsRead: number;
  records: ImportRecord[];
  repairs: CellRepair[];
  rejectedRows: { row: number; rejections: CellRejection[] }[];
}

export interface CleanTableOptions extends RowCleanerOptions {
  /**
   * Releases each source row once it is cleaned and leaves `table.rows` empty, so that a large
   * table's cells and its records are not held at once. The 1,000,000-row CSV of
   * bench/check-pipeline.ts takes about 0.55 GB of heap as a SourceTable.
   */
  consumeRows?: boolean;
}

/** Cleans every row of a table whose header map has no problems, collecting all results. */
export function cleanTableRows(table: SourceTable, map: HeaderMap, options: CleanTableOptions): CleanedTable {
  const cleanRow = createRowCleaner(table, map, options);
  const rows: (SourceRow | undefined)[] = table.rows;
  const cleaned: CleanedTable = { rowsRead: rows.length, records: [], repairs: [], rejectedRows: [] };
  for (let index = 0; index < rows.length; index++) {
    const result = cleanRow(rows[index]!);
    if (options.consumeRows === true) rows[index] = undefined;
    if (result.ok) {
      cleaned.records.push(result.record);
      for (const repair of result.repairs) cleaned.repairs.push(repair);
    } else cleaned.rejectedRows.push({ row: result.row, rejections: result.rejections });
  }
  if (options.consumeRows === true) table.rows.length = 0;
  return cleaned;
}
