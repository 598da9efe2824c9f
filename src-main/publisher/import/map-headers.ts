// Maps the column headers of a department table to import fields: first by the county's mapping
// file, then by the built-in headers of each field. The result names every column's fate (kept,
// dropped as personal data, ignored, or not recognised) and the problems that stop the table
// from being cleaned: a required field with no column, or a field claimed by two columns.
import { FILE_KINDS, IMPORT_FIELDS } from './import-fields.js';
import type { FileKind, ImportField, KeptField } from './import-fields.js';
import { normaliseHeaderWord } from './header-words.js';
import type { HeaderMapping } from './header-mapping-file.js';

export interface MappedColumn {
  /** 0-based index into SourceRow.cells. */
  index: number;
  /** Column letter as a spreadsheet program shows it, also for CSV files opened in Excel. */
  letter: string;
  header: string;
  field: ImportField;
  /** Whether the county's mapping file or the built-in headers named the field. */
  source: 'mapping' | 'builtin';
}

export interface UnmappedColumn {
  index: number;
  letter: string;
  header: string;
  /** True when the mapping file maps the column to "ignore". */
  ignoredByMapping: boolean;
}

export type HeaderProblem =
  | { code: 'missingField'; field: KeptField }
  | { code: 'ambiguousField'; field: ImportField; columns: { letter: string; header: string }[] };

export interface HeaderMap {
  kind: FileKind;
  /** Columns whose cells are cleaned into records, one per field. */
  kept: (MappedColumn & { field: KeptField })[];
  /** Columns of personal data that the import never reads (bank accounts, phone numbers). */
  dropped: MappedColumn[];
  /** Recognised columns that carry nothing the import needs (row numbers). */
  ignored: MappedColumn[];
  unmapped: UnmappedColumn[];
  /** Empty when the table can be cleaned. */
  problems: HeaderProblem[];
}

const BUILTIN = new Map<string, ImportField>();
for (const [field, spec] of Object.entries(IMPORT_FIELDS) as [ImportField, (typeof IMPORT_FIELDS)[ImportField]][]) {
  for (const header of spec.headers) BUILTIN.set(normaliseHeaderWord(header), field);
}

// A remark in brackets after the header, such as "(18位)" or "(必填)". A remark with 万 is a unit of
// ten thousand ("(万元)"), which must keep the column unmapped: read as yuan, it would be 10,000
// times too small.
const TRAILING_REMARK = /\([^()万]*\)$/;

/** Returns the column letter of a 0-based index: 0 is A, 25 is Z, 26 is AA. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letter = String.fromCharCode(65 + ((rest - 1) % 26)) + letter;
  }
  return letter;
}

type Lookup = ImportField | 'ignore' | undefined;

function lookUp(normalised: string, mapping: HeaderMapping | null): { target: Lookup; source: MappedColumn['source'] } {
  const mapped = mapping?.headers.get(normalised);
  if (mapped !== undefined) return { target: mapped, source: 'mapping' };
  return { target: BUILTIN.get(normalised), source: 'builtin' };
}

/**
 * Finds the field of one header. A joined two-row header "parent/child" is tried whole, then as
 * parent and child run together ("户主/姓名" is 户主姓名), then as the child alone ("补贴发放情况/
 * 发放金额"). Each candidate is tried as written, then without a trailing remark in brackets.
 */
export function fieldOfHeader(header: string, mapping: HeaderMapping | null): { target: Lookup; source: MappedColumn['source'] } {
  const normalised = normaliseHeaderWord(header);
  const parts = normalised.split('/');
  const candidates = parts.length > 1 ? [normalised, parts.join(''), parts[parts.length - 1]!] : [normalised];

  for (const candidate of candidates) {
    const found = lookUp(candidate, mapping);
    if (found.target !== undefined) return found;
  }
  for (const candidate of candidates) {
    const stripped = candidate.replace(TRAILING_REMARK, '');
    if (stripped === candidate || stripped === '') continue;
    const found = lookUp(stripped, mapping);
    if (found.target !== undefined) return found;
  }
  return { target: undefined, source: 'builtin' };
}

/** Maps the headers of a table of `kind`, with the county's mapping file when there is one. */
export function mapHeaders(headers: readonly string[], kind: FileKind, mapping: HeaderMapping | null = null): HeaderMap {
  const result: HeaderMap = { kind, kept: [], dropped: [], ignored: [], unmapped: [], problems: [] };
  const byField = new Map<ImportField, MappedColumn[]>();

  // 1. The field of each column.
  headers.forEach((header, index) => {
    const letter = columnLetter(index);
    if (header.trim() === '') return;
    const { target, source } = fieldOfHeader(header, mapping);
    if (target === undefined || target === 'ignore') {
      result.unmapped.push({ index, letter, header, ignoredByMapping: target === 'ignore' });
      return;
    }
    const column: MappedColumn = { index, letter, header, field: target, source };
    byField.set(target, [...(byField.get(target) ?? []), column]);
  });

  // 2. One column per field. Two columns for a dropped or ignored field harm nothing, so only
  //    kept fields are ambiguous.
  for (const [field, columns] of byField) {
    const use = IMPORT_FIELDS[field].use;
    if (use === 'drop') result.dropped.push(...columns);
    else if (use === 'ignore') result.ignored.push(...columns);
    else if (columns.length > 1) {
      result.problems.push({ code: 'ambiguousField', field, columns: columns.map(({ letter, header }) => ({ letter, header })) });
    } else result.kept.push(columns[0] as MappedColumn & { field: KeptField });
  }
  const byIndex = (first: MappedColumn, second: MappedColumn): number => first.index - second.index;
  result.kept.sort(byIndex);
  result.dropped.sort(byIndex);
  result.ignored.sort(byIndex);

  // 3. Required fields of the kind.
  for (const field of FILE_KINDS[kind]) {
    if (!byField.has(field)) result.problems.push({ code: 'missingField', field });
  }
  return result;
}
