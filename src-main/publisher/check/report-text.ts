// Texts that report.html and the CSV files of `minsheng check` share: row references, message
// texts and the reasons of rejections. Texts that no cleaner masked (title and footer rows, header
// notices, messages of the rules) go through the log redaction. So a phone number in a title row or
// a full ID number in a rule's parameters is redacted before it reaches a report file.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { redactPersonalData } from '../../core/redaction.js';
import type { CellRejection } from '../import/clean-rows.js';
import type { RepairKind } from '../import/clean-result.js';
import type { CsvDelimiter } from '../import/source-table.js';
import type { CheckResult, FileFailure, Message, RowRef, TableSummary } from './check-types.js';

/** Names of the files writeCheckReport writes into the report folder. */
export const REPORT_FILES = {
  html: 'report.html',
  rejections: 'rejections.csv',
  repairs: 'repairs.csv',
  warnings: 'warnings.csv',
  summary: 'summary.csv',
} as const;

/** Returns the department files' tables, then the tables of the lists the rules read. */
export function allTables(result: CheckResult): TableSummary[] {
  return result.listTables === undefined ? result.tables : [...result.tables, ...result.listTables];
}

/** Returns the files and tables that could not be read: the department files', then the rule lists'. */
export function allFailures(result: CheckResult): FileFailure[] {
  return result.listFailures === undefined ? result.failures : [...result.failures, ...result.listFailures];
}

/** Names of the CSV delimiters, as in the catalog keys import:delimiter.* and in summary.csv. */
export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon' };

/** Returns the text of a catalog message, with personal numbers redacted. */
export function messageText(message: Message, t: Translate): string {
  return redactPersonalData(t(message.key, message.params));
}

/** Redacts personal numbers in text read from a file outside the cells the cleaners saw. */
export function freeText(text: string): string {
  return redactPersonalData(text);
}

/** Returns the reason of a cell rejection and its fix; the value in it is masked already. */
export function rejectionReason(rejection: CellRejection, t: Translate): string {
  return t(`import:reject.${rejection.reason}`, { value: rejection.value, ...rejection.params });
}

/** Returns a function that names a repair kind, calling the catalog once per kind. */
export function repairKindNamer(t: Translate): (kind: RepairKind) => string {
  const names = new Map<RepairKind, string>();
  return (kind) => {
    let name = names.get(kind);
    if (name === undefined) {
      name = t(`import:repair.${kind}`);
      names.set(kind, name);
    }
    return name;
  };
}

/** Names a row for a reader: file, sheet and row in the report's language. */
export function rowRefLabel(ref: RowRef, t: Translate): string {
  return ref.sheet === null
    ? t('check:report.rowRef', { file: ref.file, row: ref.row })
    : t('check:report.rowRefSheet', { file: ref.file, sheet: ref.sheet, row: ref.row });
}

/** Writes a row for a machine: "file#sheet!row", or "file!row" for a CSV file. */
export function rowRefCode(ref: RowRef): string {
  return ref.sheet === null ? `${ref.file}!${ref.row}` : `${ref.file}#${ref.sheet}!${ref.row}`;
}

// encodeURIComponent leaves these marks unencoded. Encoding them too leaves only letters, digits,
// "-", "_", "." and "%" in an encoded part, so ":" can separate the parts.
const MARKS = /[!'()*~]/g;

function encodePart(text: string): string {
  return encodeURIComponent(text).replace(MARKS, (mark) => `%${mark.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Returns the anchor id of a row in the "rows concerned" section. Distinct rows get distinct ids,
 * because the encoded parts never contain ":" and a CSV file's id has one part fewer than a sheet's.
 * An href of "#" and the id finds the element by its exact id, because the fragment contains
 * no character that a URL parser re-encodes.
 */
export function rowAnchorId(ref: RowRef): string {
  const sheet = ref.sheet === null ? '' : `:${encodePart(ref.sheet)}`;
  return `row:${encodePart(ref.file)}${sheet}:${ref.row}`;
}
