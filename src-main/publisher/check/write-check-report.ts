// Writes the report of `minsheng check` into a folder: report.html for the county worker and four
// CSV files for machines (REPORT_FILES). Each file is written under a temporary name and renamed
// over the old one, so a reader never sees a half-written file. A failure part way leaves the
// files not yet written as they were, from an earlier check.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from './check-types.js';
import { writeCheckCsvFiles } from './report-csv.js';
import { renderCheckReportHtml } from './report-html.js';
import type { ReportOptions } from './report-html.js';
import { REPORT_FILES } from './report-text.js';
import { createDurableStream } from '../receiver/durable-stream.js';

export type CheckReportFiles = Record<keyof typeof REPORT_FILES, string>;

/** Writes the report files into `reportDir`, creating it, and returns their paths. */
export async function writeCheckReport(result: CheckResult, reportDir: string, options: ReportOptions): Promise<CheckReportFiles> {
  await mkdir(reportDir, { recursive: true });
  const files: CheckReportFiles = {
    html: path.join(reportDir, REPORT_FILES.html),
    rejections: path.join(reportDir, REPORT_FILES.rejections),
    repairs: path.join(reportDir, REPORT_FILES.repairs),
    warnings: path.join(reportDir, REPORT_FILES.warnings),
    summary: path.join(reportDir, REPORT_FILES.summary),
  };

  await writeCheckCsvFiles(result, files, options.t);

  const html = createDurableStream(files.html);
  try {
    await html.write(renderCheckReportHtml(result, options));
    await html.commit();
  } catch (error) {
    await html.abort();
    throw error;
  }
  return files;
}
