// Reads an .xlsx workbook into one SourceTable per sheet that holds a table, streaming the sheet
// XML through exceljs's WorkbookReader so a 100,000-row export is not built into a full workbook
// model. Cells keep their type: numbers with the text Excel displays, dates as YYYY-MM-DD,
// formulas as their cached result. Merged cells keep their value in the top-left cell only,
// because the file stores it only there.
import ExcelJS from 'exceljs';
import type { Cell, CellValue as ExcelCellValue } from 'exceljs';
import { formatWithNumberFormat } from './excel-display.js';
import { excelSerialToDate } from './excel-serial.js';
import { EMPTY_CELL, findTable } from './find-table.js';
import { ImportError } from './import-error.js';
import type { CellValue, SourceRow, SourceTable } from './source-table.js';

/** A sheet left out of the import, and why: hidden, or holding no table with a header row. */
export interface SkippedSheet {
  sheet: string;
  reason: 'hidden' | 'noTable';
}

export interface WorkbookTables {
  tables: SourceTable[];
  skippedSheets: SkippedSheet[];
}

// exceljs 4.4 sets these on each worksheet reader but leaves them out of its type declarations.
interface SheetInfo {
  id: number | string;
  name: string;
  state?: string;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Tells whether a number format shows a date: it has day, month or year codes outside quotes. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const unquoted = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(unquoted) && !/^[#0.,%\s]*$/.test(unquoted);
}

function toCellValue(value: ExcelCellValue, numberFormat: string | undefined, date1904: boolean): CellValue {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return value === '' ? EMPTY_CELL : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', date: isoDate(value) };
  if (typeof value === 'number') {
    if (isDateFormat(numberFormat)) {
      // A formula's cached result arrives as a serial even when the cell shows a date.
      const converted = excelSerialToDate(value, date1904 ? 1904 : 1900);
      if (converted.ok) return { kind: 'date', date: converted.date };
    }
    return { kind: 'number', value, shown: formatWithNumberFormat(value, numberFormat) };
  }
  if ('richText' in value) return { kind: 'text', text: value.richText.map((part) => part.text).join('') };
  if ('error' in value) return { kind: 'text', text: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    // NOTE: a formula that was never calculated (no cached result) reads as an empty cell.
    return toCellValue((value as { result?: ExcelCellValue }).result ?? null, numberFormat, date1904);
  }
  if ('text' in value) return { kind: 'text', text: String(value.text) };
  return EMPTY_CELL;
}

function readRow(row: ExcelJS.Row, date1904: boolean): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell: Cell, column: number) => {
    while (cells.length < column - 1) cells.push(EMPTY_CELL);
    cells[column - 1] = toCellValue(cell.value, cell.numFmt, date1904);
  });
  return cells;
}

/**
 * True when the workbook uses Excel's 1904 date system. exceljs 4.4's streaming reader keeps the
 * parser of <workbookPr> as `properties`, so the parsed attribute is on its `model`.
 */
function isDate1904(workbook: ExcelJS.stream.xlsx.WorkbookReader): boolean {
  const properties = (workbook as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
  return properties?.model?.date1904 === true;
}

/** Reads every sheet of an .xlsx file; throws an ImportError when no sheet has a table. */
export async function readXlsx(filePath: string, file: string): Promise<WorkbookTables> {
  const found: { order: number; table: SourceTable }[] = [];
  const skippedSheets: SkippedSheet[] = [];

  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
    });
    for await (const worksheet of workbook) {
      const info = worksheet as unknown as SheetInfo;
      const date1904 = isDate1904(workbook);
      const rows: SourceRow[] = [];
      for await (const row of worksheet) {
        const cells = readRow(row, date1904);
        if (cells.length > 0) rows.push({ row: row.number, cells });
      }

      if (info.state === 'hidden' || info.state === 'veryHidden') {
        skippedSheets.push({ sheet: info.name, reason: 'hidden' });
        continue;
      }
      if (rows.length === 0) continue;
      const table = findTable(rows);
      if (table === null) {
        skippedSheets.push({ sheet: info.name, reason: 'noTable' });
        continue;
      }
      found.push({
        order: Number(info.id),
        table: { file, sheet: info.name, encoding: 'xlsx', delimiter: null, dateSystem: date1904 ? 1904 : 1900, ...table },
      });
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('xlsxUnreadable', { file, reason: (error as Error).message });
  }

  if (found.length === 0) throw new ImportError('noTable', { file });
  found.sort((first, second) => first.order - second.order);
  return { tables: found.map((entry) => entry.table), skippedSheets };
}
