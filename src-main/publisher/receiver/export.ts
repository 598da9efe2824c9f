// `minsheng reports export` as a library: opens every stored envelope with the commission's
// private key and writes the case handlers' files. It reads a temporary copy of the database, so
// nothing next to --db changes, and a report that cannot be opened goes to errors.csv with the
// reason instead of being dropped. Reports are read and written one at a time in two passes (the
// first finds shared case numbers), so memory does not grow with the number of reports.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { makeFolder } from '../../core/make-folder.js';
import { ReportContentSchema } from '../../core/reports/report-content.js';
import type { ReportContent } from '../../core/reports/report-content.js';
import { SealError, openReport } from '../../core/reports/seal.js';
import type { RecipientPrivateKey } from '../../core/reports/seal-keys.js';
import { REPORT_PROGRESS_FILE } from '../standard-v2/report-progress.js';
import { createDurableStream } from './durable-stream.js';
import type { DurableStream } from './durable-stream.js';
import { writeProgressFile } from './export-progress.js';
import type { ProgressEntry, ProgressOutcome } from './export-progress.js';
import { errorsCsvHeader, errorsCsvRow, localDate, reportsCsvHeader, reportsCsvRow, reportsJsonRecord } from './export-rows.js';
import { openReceiverCopy } from './store-read.js';
import type { ReceiverCopy } from './store-read.js';
import type { StoredReport } from './store.js';

export { PROGRESS_COLUMNS, ProgressFileMismatchError } from './export-progress.js';
export { localDate } from './export-rows.js';

export const EXPORT_FILES = {
  reportsCsv: 'reports.csv',
  reportsJson: 'reports.json',
  progressCsv: REPORT_PROGRESS_FILE.name,
  errorsCsv: 'errors.csv',
} as const;

export interface ExportOptions {
  dbFile: string;
  /** The commission's private keys: the current one and any previous ones, in any order. */
  privateKeys: RecipientPrivateKey[];
  outDir: string;
  /** Export only reports first received at or after this time; null exports all. */
  since: Date | null;
  /**
   * Write into an --out folder that already contains files. reports.csv, reports.json and
   * errors.csv are replaced; an existing report_progress.csv keeps its rows and gets new ones appended.
   */
  force: boolean;
  /** Department for new progress rows; empty leaves the cells for the case handler. */
  department: string;
  /** Language of the CSV headers and error descriptions. Categories are always in Chinese. */
  t: Translate;
  /** Called with each exported report, in the order of reports.csv. */
  onReport?: (report: ExportedReport) => void;
  /** Called with each report listed in errors.csv. */
  onFailure?: (failure: ExportFailure) => void;
}

export interface ExportedReport {
  stored: StoredReport;
  content: ReportContent;
  /** Idempotency keys of other reports with the same case number. */
  sharedCaseNumberWith: string[];
}

export interface ExportFailure {
  idempotencyKey: string;
  receivedAt: string;
  problem: 'wrong-key' | 'damaged' | 'invalid-content';
  /** Why, without any of the report's content: errors.csv may be passed to IT staff. */
  detail: string;
}

export interface ExportSummary {
  exported: number;
  failed: number;
  /** Case numbers carried by more than one report. */
  collidingCaseNumbers: string[];
  progress: ProgressOutcome;
  /** quick_check's problems when the database is damaged, else null. */
  damage: string | null;
  /** Rows of a damaged database that could not be read, so they are missing from the export. */
  unreadableRows: number;
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

/** Opens the stored reports and writes the export files. The database itself is never opened for writing. */
export async function exportReports(options: ExportOptions): Promise<ExportSummary> {
  // 1. Check the output folder before reading anything, so a rejection costs nothing.
  await makeFolder(options.outDir);
  const entries = await readdir(options.outDir);
  if (entries.length > 0 && !options.force) throw new OutFolderNotEmptyError(options.outDir, entries);

  const copy = await openReceiverCopy(options.dbFile);
  try {
    return await exportFromCopy(copy, options);
  } finally {
    await copy.close();
  }
}

async function exportFromCopy(copy: ReceiverCopy, options: ExportOptions): Promise<ExportSummary> {
  const sinceIso = options.since === null ? null : options.since.toISOString();
  const file = (name: string) => path.join(options.outDir, name);

  // 2. First pass: open each report, list failures, and note which case numbers repeat. Two
  // terminals may draw the same random digits on one day, so handlers tell those reports apart
  // by idempotency key.
  const keysByCaseNumber = new Map<string, string[]>();
  const progressEntries = new Map<string, ProgressEntry>();
  let errors: DurableStream | null = null;
  let failed = 0;
  try {
    for (const stored of copy.reports(sinceIso)) {
      const result = openStoredReport(stored, options.privateKeys);
      if ('problem' in result) {
        if (errors === null) {
          errors = createDurableStream(file(EXPORT_FILES.errorsCsv));
          await errors.write(errorsCsvHeader(options.t));
        }
        await errors.write(errorsCsvRow(result, options.t));
        options.onFailure?.(result);
        failed += 1;
        continue;
      }

      const caseNumber = result.content.caseNumber;
      const keys = keysByCaseNumber.get(caseNumber) ?? [];
      keys.push(stored.idempotencyKey);
      keysByCaseNumber.set(caseNumber, keys);
      if (!progressEntries.has(caseNumber)) progressEntries.set(caseNumber, { caseNumber, receivedOn: localDate(new Date(stored.receivedAt)) });
    }
    // A stale errors.csv of an earlier run must not outlive a clean run.
    if (errors === null) await rm(file(EXPORT_FILES.errorsCsv), { force: true });
    else await errors.commit();
  } catch (error) {
    await errors?.abort();
    throw error;
  }

  // 3. Second pass: write one row and one JSON record per report that opened.
  const csv = createDurableStream(file(EXPORT_FILES.reportsCsv));
  const json = createDurableStream(file(EXPORT_FILES.reportsJson));
  let exported = 0;
  try {
    await csv.write(reportsCsvHeader(options.t));
    await json.write('[');
    for (const stored of copy.reports(sinceIso)) {
      const result = openStoredReport(stored, options.privateKeys);
      if ('problem' in result) continue;

      const sharedCaseNumberWith = (keysByCaseNumber.get(result.content.caseNumber) ?? []).filter((key) => key !== stored.idempotencyKey);
      await csv.write(reportsCsvRow(stored, result.content, sharedCaseNumberWith));
      await json.write(`${exported === 0 ? '\n' : ',\n'}${reportsJsonRecord(stored, result.content, sharedCaseNumberWith)}`);
      options.onReport?.({ stored, content: result.content, sharedCaseNumberWith });
      exported += 1;
    }
    await json.write(exported === 0 ? ']\n' : '\n]\n');
    await csv.commit();
    await json.commit();
  } catch (error) {
    await csv.abort();
    await json.abort();
    throw error;
  }

  // 4. The progress file keeps a case handler's rows and only gains new case numbers.
  const progress = await writeProgressFile(file(EXPORT_FILES.progressCsv), progressEntries.values(), options.department);

  const collidingCaseNumbers = [...keysByCaseNumber].filter(([, keys]) => keys.length > 1).map(([caseNumber]) => caseNumber);
  return { exported, failed, collidingCaseNumbers, progress, damage: copy.damage, unreadableRows: copy.unreadableRows };
}

/**
 * Opens one envelope and checks its content against ReportContentSchema. A failure's detail
 * names the seal error or the failing fields, never a value from the content.
 */
function openStoredReport(stored: StoredReport, privateKeys: RecipientPrivateKey[]): { stored: StoredReport; content: ReportContent } | ExportFailure {
  const failure = (problem: ExportFailure['problem'], detail: string): ExportFailure => ({
    idempotencyKey: stored.idempotencyKey,
    receivedAt: stored.receivedAt,
    problem,
    detail,
  });

  // After a key change the store contains reports sealed for each key, so every key is tried.
  let plaintext: Uint8Array | null = null;
  let wrongKey: SealError | null = null;
  for (const privateKey of privateKeys) {
    try {
      plaintext = openReport(stored.envelope, privateKey).plaintext;
      break;
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      if (error.code !== 'wrong-key') return failure('damaged', `${error.code}: ${error.message}`);
      wrongKey = error;
    }
  }
  if (plaintext === null) return failure('wrong-key', `wrong-key: ${wrongKey?.message ?? 'no private key was given'}`);

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    // JSON.parse's message quotes the text around the error, which may be the villager's words.
    return failure('invalid-content', `the content (${plaintext.length} bytes) is not UTF-8 JSON`);
  }

  const parsed = ReportContentSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    return failure('invalid-content', `fields that break report format 1: ${[...new Set(issues)].slice(0, 10).join('; ')}`);
  }
  return { stored, content: parsed.data };
}
