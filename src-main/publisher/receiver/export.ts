// `minsheng reports export` as a library: opens every stored envelope with the commission's
// private key and writes the case handlers' files. The database is opened read-only, and a
// report that cannot be opened goes to errors.csv with the reason instead of being dropped.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { translatorFor } from '../../../src-shared/messages/translator.js';
import { writeFileDurably } from '../../core/data-folder/fsync.js';
import { makeFolder } from '../../core/make-folder.js';
import { ReportContentSchema } from '../../core/reports/report-content.js';
import type { ReportContent } from '../../core/reports/report-content.js';
import { SealError, openReport } from '../../core/reports/seal.js';
import type { RecipientPrivateKey } from '../../core/reports/seal-keys.js';
import { quoteCsv } from '../error-report.js';
import { REPORT_PROGRESS_FILE } from '../standard-v2/report-progress.js';
import { openReceiverStoreReadOnly } from './store.js';
import type { StoredReport } from './store.js';

export const EXPORT_FILES = {
  reportsCsv: 'reports.csv',
  reportsJson: 'reports.json',
  progressCsv: REPORT_PROGRESS_FILE.name,
  errorsCsv: 'errors.csv',
} as const;

/** Columns of report_progress.csv in data standard v2, the file the publisher reads for 查进度. */
export const PROGRESS_COLUMNS = REPORT_PROGRESS_FILE.columns.map((column) => column.name);

export interface ExportOptions {
  dbFile: string;
  privateKey: RecipientPrivateKey;
  outDir: string;
  /** Export only reports first received at or after this time; null exports all. */
  since: Date | null;
  /** Write into an --out folder that already contains files, replacing this export's files. */
  force: boolean;
  /** Department for the progress rows; empty leaves the cells for the case handler. */
  department: string;
  /** Language of the CSV headers and error descriptions. Categories are always in Chinese. */
  t: Translate;
}

export interface ExportedReport {
  stored: StoredReport;
  content: ReportContent;
  /** Idempotency keys of other reports with the same case number. */
  sharedCaseNumberWith: string[];
}

export interface ExportFailure {
  stored: StoredReport;
  problem: 'wrong-key' | 'damaged' | 'invalid-content';
  detail: string;
}

export interface ExportSummary {
  exported: ExportedReport[];
  failures: ExportFailure[];
  /** Case numbers carried by more than one report. */
  collidingCaseNumbers: string[];
}

/** Thrown when --out contains files and --force was not given. Nothing was written. */
export class OutFolderNotEmptyError extends Error {
  constructor(
    readonly dir: string,
    readonly entries: string[],
  ) {
    super(`${dir} already holds ${entries.length} entries`);
    this.name = 'OutFolderNotEmptyError';
  }
}

/** Opens the stored reports and writes the export files. The database is opened read-only. */
export async function exportReports(options: ExportOptions): Promise<ExportSummary> {
  // 1. Check the output folder before reading anything, so a rejection costs nothing.
  await makeFolder(options.outDir);
  const entries = await readdir(options.outDir);
  if (entries.length > 0 && !options.force) throw new OutFolderNotEmptyError(options.outDir, entries);

  // 2. Read and open every envelope.
  const store = openReceiverStoreReadOnly(options.dbFile);
  let stored: StoredReport[];
  try {
    stored = store.list(options.since === null ? null : options.since.toISOString());
  } finally {
    store.close();
  }

  const opened: { stored: StoredReport; content: ReportContent }[] = [];
  const failures: ExportFailure[] = [];
  for (const report of stored) {
    const result = openStoredReport(report, options.privateKey);
    if ('problem' in result) failures.push(result);
    else opened.push(result);
  }

  // 3. Flag case numbers that two reports share: two terminals drew the same random digits on
  // the same day, so the case handlers must tell the villagers apart by idempotency key.
  const keysByCaseNumber = new Map<string, string[]>();
  for (const { stored: report, content } of opened) {
    const keys = keysByCaseNumber.get(content.caseNumber) ?? [];
    keys.push(report.idempotencyKey);
    keysByCaseNumber.set(content.caseNumber, keys);
  }
  const exported = opened.map(({ stored: report, content }) => ({
    stored: report,
    content,
    sharedCaseNumberWith: keysByCaseNumber.get(content.caseNumber)!.filter((key) => key !== report.idempotencyKey),
  }));
  const collidingCaseNumbers = [...keysByCaseNumber].filter(([, keys]) => keys.length > 1).map(([caseNumber]) => caseNumber);

  // 4. Write each file atomically. A stale errors.csv of an earlier run must not outlive a clean run.
  const file = (name: string) => path.join(options.outDir, name);
  await writeFileDurably(file(EXPORT_FILES.reportsCsv), reportsCsv(exported, options.t));
  await writeFileDurably(file(EXPORT_FILES.reportsJson), `${JSON.stringify(exported.map(toJsonRecord), null, 2)}\n`);
  await writeFileDurably(file(EXPORT_FILES.progressCsv), progressCsv(exported, options.department));
  if (failures.length > 0) await writeFileDurably(file(EXPORT_FILES.errorsCsv), errorsCsv(failures, options.t));
  else await rm(file(EXPORT_FILES.errorsCsv), { force: true });

  return { exported, failures, collidingCaseNumbers };
}

function openStoredReport(report: StoredReport, privateKey: RecipientPrivateKey): { stored: StoredReport; content: ReportContent } | ExportFailure {
  let plaintext: Uint8Array;
  try {
    plaintext = openReport(report.envelope, privateKey).plaintext;
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    return { stored: report, problem: error.code === 'wrong-key' ? 'wrong-key' : 'damaged', detail: error.message };
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch (error) {
    return { stored: report, problem: 'invalid-content', detail: `content is not UTF-8 JSON: ${(error as Error).message}` };
  }

  const parsed = ReportContentSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    return { stored: report, problem: 'invalid-content', detail: `content does not match report format 1: ${issues}` };
  }
  return { stored: report, content: parsed.data };
}

/** UTF-8 with a BOM and CRLF line ends, so that Excel opens the Chinese text correctly. */
function csvFile(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(quoteCsv).join(',')).join('\r\n')}\r\n`;
}

const REPORT_COLUMNS = [
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

function reportsCsv(reports: ExportedReport[], t: Translate): string {
  const zh = translatorFor('zh-CN');
  const rows = reports.map(({ stored, content, sharedCaseNumberWith }) => [
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
  return csvFile([REPORT_COLUMNS.map((column) => t(`receiver:export.column.${column}`)), ...rows]);
}

function toJsonRecord({ stored, content, sharedCaseNumberWith }: ExportedReport) {
  return {
    ...content,
    categoryZh: translatorFor('zh-CN')(`receiver:category.${content.category}`),
    idempotencyKey: stored.idempotencyKey,
    receivedAt: stored.receivedAt,
    uploadTerminalId: stored.terminalId,
    sha256: stored.sha256,
    sharedCaseNumberWith,
  };
}

/** Builds report_progress.csv: one row per case number at stage received, dated with the local date of its first receipt. */
function progressCsv(reports: ExportedReport[], department: string): string {
  const firstReceipt = new Map<string, string>();
  for (const { stored, content } of reports) {
    const known = firstReceipt.get(content.caseNumber);
    if (known === undefined || stored.receivedAt < known) firstReceipt.set(content.caseNumber, stored.receivedAt);
  }

  const rows = [...firstReceipt].map(([caseNumber, receivedAt]) => {
    const cells: Record<string, string> = {
      case_number: caseNumber,
      stage: 'received',
      updated_on: localDate(new Date(receivedAt)),
      department,
    };
    return PROGRESS_COLUMNS.map((column) => cells[column] ?? '');
  });
  return csvFile([PROGRESS_COLUMNS, ...rows]);
}

function errorsCsv(failures: ExportFailure[], t: Translate): string {
  const header = ['idempotencyKey', 'receivedAt', 'terminalId', 'problem', 'reason', 'detail'].map((column) => t(`receiver:export.column.${column}`));
  const rows = failures.map(({ stored, problem, detail }) => [
    stored.idempotencyKey,
    stored.receivedAt,
    stored.terminalId,
    problem,
    t(`receiver:export.problem.${problem}`),
    detail,
  ]);
  return csvFile([header, ...rows]);
}

/** YYYY-MM-DD in the local time zone of the machine running the export. */
export function localDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
