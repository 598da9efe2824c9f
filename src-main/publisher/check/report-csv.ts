// The CSV files of the check report, for machines and for Excel: UTF-8 with a BOM, CRLF line
// ends, RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a formula
// (csvLine of the receiver's export). Unlike report.html they list every repair, rejection and
// warning, so they are written in chunks through a temporary file.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { createDurableStream } from '../receiver/durable-stream.js';
import { csvLine } from '../receiver/export-rows.js';
import type { CheckResult } from './check-types.js';
import { allFailures, allTables, DELIMITER_NAMES, freeText, messageText, rejectionReason, repairKindNamer, rowRefCode } from './report-text.js';

type CsvRow = readonly (string | number | null)[];

const CHUNK_CHARACTERS = 256 * 1024;

/** Writes a CSV file under a temporary name and renames it into place once complete. */
async function writeCsvFile(file: string, columns: readonly string[], rows: Iterable<CsvRow>): Promise<void> {
  const output = createDurableStream(file);
  try {
    let chunk = `\uFEFF${csvLine(columns)}`;
    for (const row of rows) {
      chunk += csvLine(row);
      if (chunk.length >= CHUNK_CHARACTERS) {
        await output.write(chunk);
        chunk = '';
      }
    }
    await output.write(chunk);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
}

export const REJECTION_COLUMNS = ['file', 'sheet', 'row', 'column', 'header', 'field', 'reason_code', 'reason', 'value'] as const;

/** Yields the cell rejections of the cleaners, then the row problems of the standardiser, table by table. */
function* rejectionRows(result: CheckResult, t: Translate): Generator<CsvRow> {
  for (const table of allTables(result)) {
    for (const { rejections } of table.cellRejections) {
      for (const rejection of rejections) {
        const { file, sheet, row, column, header, field, reason, value } = rejection;
        yield [file, sheet, row, column, header, field, `import:reject.${reason}`, rejectionReason(rejection, t), value];
      }
    }
    for (const problem of table.rowProblems) {
      const { file, sheet, row } = problem.ref;
      yield [file, sheet, row, null, null, null, problem.message.key, messageText(problem.message, t), null];
    }
  }
}

export const REPAIR_COLUMNS = ['file', 'sheet', 'row', 'column', 'header', 'field', 'repair_kind', 'repair', 'before', 'after'] as const;

function* repairRows(result: CheckResult, t: Translate): Generator<CsvRow> {
  const kindName = repairKindNamer(t);
  for (const table of allTables(result)) {
    for (const repair of table.repairs) {
      yield [repair.file, repair.sheet, repair.row, repair.column, repair.header, repair.field, repair.kind, kindName(repair.kind), repair.before, repair.after];
    }
  }
}

export const WARNING_COLUMNS = ['rule', 'rule_name', 'message', 'rows'] as const;

function* warningRows(result: CheckResult, t: Translate): Generator<CsvRow> {
  for (const warning of result.warnings) {
    const rows = warning.rows.map(rowRefCode).join('; ');
    yield [warning.rule, t(`check:report.rule.${warning.rule}`), messageText(warning.message, t), rows];
  }
}

export const SUMMARY_COLUMNS = [
  'file',
  'sheet',
  'kind',
  'encoding',
  'delimiter',
  'header_row',
  'title_rows',
  'footer_rows',
  'rows_read',
  'accepted',
  'repaired_rows',
  'rejected',
  'repairs',
  'failure',
] as const;

/** Yields one line per table, then one per file or table that could not be read, with its message. */
function* summaryRows(result: CheckResult, t: Translate): Generator<CsvRow> {
  for (const table of allTables(result)) {
    const repairs = Object.values(table.repairCounts).reduce((sum, count) => sum + count, 0);
    const titles = table.titleRows.map(freeText).join(' | ');
    const footers = table.footerRows.map((footer) => `${footer.row}: ${freeText(footer.text)}`).join(' | ');
    yield [
      table.file,
      table.sheet,
      table.kind,
      table.encoding,
      table.delimiter === null ? null : DELIMITER_NAMES[table.delimiter],
      table.headerRow,
      titles,
      footers,
      table.rowsRead,
      table.accepted,
      table.repairedRows,
      table.rejected,
      repairs,
      null,
    ];
  }
  for (const failure of allFailures(result)) {
    yield [failure.file, failure.sheet, null, null, null, null, null, null, null, null, null, null, null, messageText(failure.message, t)];
  }
}

/** Writes rejections.csv, repairs.csv, warnings.csv and summary.csv into `paths`' folder. */
export async function writeCheckCsvFiles(
  result: CheckResult,
  paths: { rejections: string; repairs: string; warnings: string; summary: string },
  t: Translate,
): Promise<void> {
  await writeCsvFile(paths.rejections, REJECTION_COLUMNS, rejectionRows(result, t));
  await writeCsvFile(paths.repairs, REPAIR_COLUMNS, repairRows(result, t));
  await writeCsvFile(paths.warnings, WARNING_COLUMNS, warningRows(result, t));
  await writeCsvFile(paths.summary, SUMMARY_COLUMNS, summaryRows(result, t));
}
