// The --errors-out report of publish: one CSV row per error, in both languages, meant to be
// opened in Excel by county staff.
import { writeFile } from 'node:fs/promises';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { issueMessage } from './issues.js';
import type { ValidationIssue } from './issues.js';

// A spreadsheet evaluates a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a CSV cell; a cell that a spreadsheet would run as a formula is prefixed with "'". */
export function quoteCsv(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the error report: UTF-8 with a BOM so that Excel opens the Chinese text correctly. */
export async function writeErrorReport(file: string, errors: ValidationIssue[]): Promise<void> {
  const zh = translatorFor('zh-CN');
  const en = translatorFor('en');
  const lines = ['file,line,column,value,code,message_zh,message_en'];
  for (const issue of errors) {
    const fields = [issue.file, issue.line, issue.column, issue.value, issue.code, issueMessage(issue, zh), issueMessage(issue, en)];
    lines.push(fields.map(quoteCsv).join(','));
  }
  await writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}
