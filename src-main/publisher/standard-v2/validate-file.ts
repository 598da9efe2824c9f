// Reads one version 2 CSV file through the version 1 reader and checks every row: each cell by its
// ColumnSpec, unique columns, references to other files, the files that file_name cells name,
// and the rules between cells. Rows that pass everything come out in snapshot form.
import { readCsvRows } from '../csv-source.js';
import type { CsvFileSpec } from '../csv-source.js';
import type { IssueCollector, IssueFileName } from '../issues.js';
import type { FileSpecV2 } from './column-spec.js';
import type { CellValue, TableRow } from './dataset.js';
import { checkCell } from './validate-cells.js';
import type { CellEnvironment } from './validate-cells.js';
import type { DocumentFolder } from './validate-documents.js';
import type { ReferenceCheck, ReferenceIndex } from './validate-references.js';
import { rowRulesFor } from './validate-row-rules.js';
import { isBodyColumn, toSnapshotRow } from './validate-snapshot-row.js';
import type { BodyFormat } from './validate-bodies.js';

export interface FileDependencies {
  env: CellEnvironment;
  references: ReferenceIndex;
  documents: DocumentFolder;
  /** Every data file present in the delivery, version 1 and 2. */
  delivered: ReadonlySet<string>;
}

// Types whose few distinct values repeat over many rows; sharing one string per value keeps a
// million-row file small in memory.
const SHARED_TYPES = new Set(['enum', 'region_code', 'date', 'period']);

/** Reads and checks `dataDir/spec.name`, which exists; returns its valid rows in snapshot form. */
export async function validateFileV2(dataDir: string, spec: FileSpecV2, deps: FileDependencies): Promise<TableRow[]> {
  const file = spec.name as IssueFileName;
  const { env, documents } = deps;
  const issues: IssueCollector = env.issues;
  const rows: TableRow[] = [];

  const references = new Map<string, ReferenceCheck>();
  for (const column of spec.columns) {
    const check = deps.references.prepare(file, column, deps.delivered);
    if (check !== null) references.set(column.name, check);
  }
  const collected = deps.references.collectedColumns(spec);
  const firstLineOf = new Map(spec.columns.filter((column) => column.unique).map((column) => [column.name, new Map<string, number>()]));
  const rules = rowRulesFor(file, issues);
  const shared = new Map<string, string>();
  const share = (text: string) => {
    const existing = shared.get(text);
    if (existing !== undefined) return existing;
    shared.set(text, text);
    return text;
  };

  const headers = spec.columns.map((column) => column.name);
  // A header without rows is a board with nothing to disclose (a village without poverty
  // households this year), so it is read as zero rows with a warning, not rejected as in version 1.
  const read = { headerOnly: false };
  const csvSpec: CsvFileSpec = {
    name: file,
    headers,
    allowExtraColumns: false,
    onHeaderOnly: () => {
      read.headerOnly = true;
    },
  };
  let rowCount = 0;
  for await (const { line, values } of readCsvRows(dataDir, csvSpec, issues)) {
    rowCount += 1;
    const cells = new Map<string, CellValue | undefined>();
    const bodies = new Map<string, { format: BodyFormat; text: string }>();
    let ok = true;

    for (const column of spec.columns) {
      const raw = values[column.name] ?? '';
      let value = checkCell(column, raw, { file, line }, env);
      if (typeof value === 'string' && SHARED_TYPES.has(column.type)) value = share(value);
      cells.set(column.name, value);
      if (value === undefined) {
        ok = false;
        continue;
      }
      if (value === null) continue;
      const key = String(value);

      collected.get(column.name)?.add(key);

      const firstLines = firstLineOf.get(column.name);
      if (firstLines !== undefined) {
        const firstLine = firstLines.get(key);
        if (firstLine === undefined) firstLines.set(key, line);
        else {
          issues.error(file, line, column.name, raw, 'validation-v2:cell.duplicate', { firstLine });
          ok = false;
        }
      }

      const reference = references.get(column.name);
      if (reference?.kind === 'check' && !reference.values.has(key)) {
        issues.error(file, line, column.name, raw, 'validation-v2:reference.notFound', {
          other: reference.file,
          otherColumn: reference.column,
        });
        ok = false;
      }

      if (column.type === 'file_name') {
        const document = await documents.use(key, column.extensions ?? [], { file, line, column: column.name });
        if (document === null) ok = false;
        else if (document.kind === 'body' && isBodyColumn(column)) bodies.set(column.name, { format: document.format, text: document.text });
      }
    }

    if (!rules.check(line, cells)) ok = false;
    if (ok) rows.push(toSnapshotRow(spec, cells as Map<string, CellValue>, bodies));
  }
  rules.finish();

  if (read.headerOnly) issues.warning(file, null, null, null, 'validation-v2:file.headerOnly', { file });
  const readWhole = (rowCount > 0 || read.headerOnly) && !issues.incompleteFiles.has(file);
  if (readWhole) deps.references.markReadWhole(spec.name);
  else if (spec.columns.some((column) => column.type === 'file_name')) documents.noteIncompleteReferences();
  return rows;
}
