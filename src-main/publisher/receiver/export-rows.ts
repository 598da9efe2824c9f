// One row or record of each export file, built from one report at a time. The files are UTF-8
// CSV with a BOM and CRLF line ends, so that Excel opens the Chinese text correctly.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { translatorFor } from '../../../src-shared/messages/translator.js';
import type { ReportContent } from '../../core/reports/report-content.js';
import { quoteCsv } from '../error-report.js';
import type { StoredReport } from './store.js';

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(quoteCsv).join(',')}\r\n`;
}

export const REPORT_COLUMNS = [
  'caseNumber',
  'filedAt',
  'receivedAt',
  'terminalId',
  'terminalName',
  'category',
  'recordKind',
  'recordId',
  'recordLabel',
  'regionCode',
  'text',
  'phone',
  'language',
  'snapshotVersion',
  'idempotencyKey',
  'sharedCaseNumber',
] as const;

export const ERROR_COLUMNS = ['idempotencyKey', 'receivedAt', 'problem', 'reason'] as const;

const zh = translatorFor('zh-CN');

export function reportsCsvHeader(t: Translate): string {
  return `\uFEFF${csvLine(REPORT_COLUMNS.map((column) => t(`receiver:export.column.${column}`)))}`;
}

export function reportsCsvRow(stored: StoredReport, content: ReportContent, sharedCaseNumberWith: string[]): string {
  return csvLine([
    content.caseNumber,
    content.filedAt,
    stored.receivedAt,
    content.terminalId,
    content.terminalName,
    zh(`receiver:category.${content.category}`),
    content.record?.kind ?? null,
    content.record?.id ?? null,
    content.record?.label ?? null,
    content.regionCode,
    content.text,
    content.phone,
    content.language,
    content.snapshotVersion,
    stored.idempotencyKey,
    sharedCaseNumberWith.join(' '),
  ]);
}

/** One element of reports.json, indented by two spaces inside the top-level array. */
export function reportsJsonRecord(stored: StoredReport, content: ReportContent, sharedCaseNumberWith: string[]): string {
  const record = {
    ...content,
    categoryZh: zh(`receiver:category.${content.category}`),
    idempotencyKey: stored.idempotencyKey,
    receivedAt: stored.receivedAt,
    uploadTerminalId: stored.terminalId,
    sha256: stored.sha256,
    sharedCaseNumberWith,
  };
  return JSON.stringify(record, null, 2).replace(/^/gm, '  ');
}

export function errorsCsvHeader(t: Translate): string {
  return `\uFEFF${csvLine(ERROR_COLUMNS.map((column) => t(`receiver:export.column.${column}`)))}`;
}

/** A row of errors.csv. `detail` must never hold report content, because the file goes to IT staff. */
export function errorsCsvRow(
  failure: { idempotencyKey: string; receivedAt: string; problem: 'wrong-key' | 'damaged' | 'invalid-content'; detail: string },
  t: Translate,
): string {
  const reason = `${t(`receiver:export.problem.${failure.problem}`)} (${failure.detail})`;
  return csvLine([failure.idempotencyKey, failure.receivedAt, failure.problem, reason]);
}

/** YYYY-MM-DD in the local time zone of the machine running the export. */
export function localDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
