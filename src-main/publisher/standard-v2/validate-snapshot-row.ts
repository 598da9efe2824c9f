// Turns the checked cells of a version 2 row into a row of its snapshot table
// (core/snapshot/schema-boards.ts): money `x` becomes `x_fen`, a body file column `x_file` becomes
// `x_format` and `x` (its text), and personal names are masked. head_id_number stays the 18-digit
// number, because the person key needs the county's salt and is derived when the snapshot is built.
import { maskName } from '../../../src-shared/mask.js';
import type { ColumnSpec, FileSpecV2 } from './column-spec.js';
import type { CellValue, TableRow } from './dataset.js';
import type { BodyFormat } from './validate-bodies.js';

const BODY_EXTENSIONS = new Set(['.md', '.txt']);

/** Returns the snapshot table of a version 2 file: its name without `.csv`. */
export function tableNameOf(spec: FileSpecV2): string {
  return spec.name.replace(/\.csv$/, '');
}

/** True for a file_name column whose file's text goes into the table (a notice body, a reply). */
export function isBodyColumn(column: ColumnSpec): boolean {
  return (
    column.type === 'file_name' &&
    column.name.endsWith('_file') &&
    (column.extensions ?? []).length > 0 &&
    (column.extensions ?? []).every((extension) => BODY_EXTENSIONS.has(extension))
  );
}

/** Returns the snapshot column names that one CSV column becomes. */
export function snapshotColumnsOf(column: ColumnSpec): string[] {
  if (column.type === 'money') return [`${column.name}_fen`];
  if (isBodyColumn(column)) {
    const stem = column.name.slice(0, -'_file'.length);
    return [`${stem}_format`, stem];
  }
  return [column.name];
}

/** Returns every snapshot column of a file's table, in the order of the file's columns. */
export function snapshotColumnsOfFile(spec: FileSpecV2): string[] {
  return spec.columns.flatMap(snapshotColumnsOf);
}

/** A body file's format and text, by body column name. */
export type BodyTexts = ReadonlyMap<string, { format: BodyFormat; text: string }>;

/** Builds the snapshot row from cells that all passed their checks. */
export function toSnapshotRow(spec: FileSpecV2, cells: ReadonlyMap<string, CellValue>, bodies: BodyTexts): TableRow {
  const row: Record<string, CellValue> = {};

  for (const column of spec.columns) {
    const value = cells.get(column.name) ?? null;
    const [first, second] = snapshotColumnsOf(column) as [string, string | undefined];

    if (second !== undefined) {
      const body = bodies.get(column.name);
      row[first] = body?.format ?? null;
      row[second] = body?.text ?? null;
    } else if (typeof value === 'string' && appliesMasking(column, cells)) {
      row[first] = maskName(value);
    } else {
      row[first] = value;
    }
  }
  return row;
}

function appliesMasking(column: ColumnSpec, cells: ReadonlyMap<string, CellValue>): boolean {
  const personal = column.personal;
  if (personal?.masking !== 'mask_name') return false;
  if (personal.onlyWhenColumn === undefined) return true;
  return cells.get(personal.onlyWhenColumn) === personal.onlyWhenValue;
}
