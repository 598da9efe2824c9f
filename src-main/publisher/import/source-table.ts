// What the import reads out of one department file, before any mapping to the data standard:
// the table as the department laid it out, with the physical row of each line so every repair
// and rejection can point the county worker at the row in the file they opened.
// Readers (CSV in any of the supported encodings, .xlsx, .xls) produce it; the header mapper and
// the cleaners consume it.

/**
 * A cell as the file stores it. CSV cells are always text. Spreadsheet cells keep their type,
 * because the type is the evidence of damage: an ID number stored as a number has already lost
 * digits, and a date stored as a serial number must be converted, not read as an amount.
 */
export type CellValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; /** The text Excel would display, such as "4.30123E+17". */ shown: string }
  | { kind: 'date'; /** YYYY-MM-DD from the spreadsheet's own date type. */ date: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'empty' };

/** Returns the cell's text as a spreadsheet program shows it; an empty or missing cell gives "". */
export function cellText(cell: CellValue | undefined): string {
  switch (cell?.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return cell.shown;
    case 'date':
      return cell.date;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

/** How the bytes of a file were read, reported to the worker. */
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'gb18030' | 'xlsx' | 'xls';

/** Field delimiters of the CSV exports that Excel writes in different locales. */
export type CsvDelimiter = ',' | '\t' | ';';

export interface SourceRow {
  /** 1-based row in the file or sheet as a spreadsheet program numbers it. */
  row: number;
  cells: CellValue[];
}

export interface SourceTable {
  /** The file's name as given, relative to the data folder. */
  file: string;
  /** Sheet name for spreadsheets; null for CSV. */
  sheet: string | null;
  encoding: SourceEncoding;
  /** Field delimiter detected in a CSV file; null for spreadsheets. */
  delimiter: CsvDelimiter | null;
  /**
   * Excel's date system of the workbook, which decides the date of a serial number in a cell
   * without a date format. CSV files have no such setting, and Excel writes them with 1900.
   */
  dateSystem: 1900 | 1904;
  /** Text of the title rows skipped above the header, such as "2024年耕地地力保护补贴发放明细表". */
  titleRows: string[];
  /** Row of the header (the last row when a merged two-row header was joined). */
  headerRow: number;
  /** Header texts, merged header rows joined with "/", whitespace normalised. */
  headers: string[];
  rows: SourceRow[];
  /** Rows below the table recognised as sums or notes ("合计", "制表人：…"), kept out of the data. */
  footerRows: { row: number; kind: 'sum' | 'note'; text: string }[];
}
