// Validation issues: one per bad value, naming the file, physical line, column and value, with a
// catalog code and parameters so each issue renders in every language of the catalogs.
import { maskIdNumber } from '../../src-shared/id-number.js';
import { maskName } from '../../src-shared/mask.js';
import type { Translate } from '../../src-shared/messages/translator.js';
import type { DataFileName } from './standard.js';
import { V2_FILE_SPECS } from './standard-v2/index.js';

/**
 * File an issue is about: a version 1 file, a version 2 CSV file (V2_FILE_SPECS), or
 * `documents/<name>` for a problem inside a delivered document (a body that is not UTF-8, say).
 */
export type IssueFileName = DataFileName | `${string}.csv` | `documents/${string}`;

export type IssueSeverity = 'error' | 'warning';
export type IssueParams = Record<string, string | number>;

export interface ValidationIssue {
  severity: IssueSeverity;
  file: IssueFileName;
  /** Physical line in the file, header = 1; null for problems of the whole file. */
  line: number | null;
  column: string | null;
  /** The offending value, with ID numbers masked and long text shortened; safe for logs. */
  value: string | null;
  /**
   * Key in the validation namespace, e.g. "regions.parentNotFound", or a key of another
   * namespace written with its prefix, e.g. "validation-v2:cell.invalidDate".
   */
  code: string;
  params: IssueParams;
}

// Digit runs shaped like an ID number (15 to 18 characters, the last may be X), wherever they
// appear: a value in the wrong column must not leak either.
const ID_LIKE = /(?<!\d)\d{14,17}[\dXx](?!\d)/g;
const MAX_SHOWN_CHARACTERS = 60;

// Version 2 columns that hold a person's name, as `file:column`. Their values are masked in every
// issue, also in rows where the name is an organisation's, because the row's kind may be wrong.
const V2_NAME_COLUMNS = new Set(
  V2_FILE_SPECS.flatMap((file) =>
    file.columns.filter((column) => column.personal?.masking === 'mask_name').map((column) => `${file.name}:${column.name}`),
  ),
);

/**
 * Makes a cell value safe to print: ID numbers and persons' names masked, control characters
 * escaped, long text cut. `file` distinguishes a person's name from a region's or an item's.
 */
export function displayValue(column: string | null, raw: string, file?: IssueFileName): string {
  let value: string;
  if (column === 'id_number' || column === 'head_id_number') value = maskIdNumber(raw.trim());
  else if (column === 'name' && file === 'persons.csv') value = maskName(raw);
  else if (column !== null && V2_NAME_COLUMNS.has(`${file}:${column}`)) value = maskName(raw);
  else value = raw.replace(ID_LIKE, (match) => maskIdNumber(match));
  value = escapeControls(value);

  const characters = Array.from(value);
  if (characters.length > MAX_SHOWN_CHARACTERS) {
    value = `${characters.slice(0, MAX_SHOWN_CHARACTERS).join('')}…(${characters.length})`;
  }
  return value;
}

// C0 controls, DEL, C1 controls and invisible format characters. Printed raw, ESC starts a
// terminal sequence (clear the screen, set the window title) and a direction override reorders
// the rest of the line, in the terminal and in the spreadsheet of --errors-out alike.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f]|\p{Cf}/gu;

/** Replaces each control or format character with a visible escape: `\t`, `\n`, `\r` or `\u001b`. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (character) => {
    if (character === '\t') return '\\t';
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    return `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Collects issues while files stream past: keeps the first `limit` errors and warnings and
 * counts all of them, so a file with a million bad rows does not fill memory.
 */
export class IssueCollector {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  /** Files whose reading stopped part-way (a quoting or encoding error): checks against them are skipped. */
  readonly incompleteFiles = new Set<IssueFileName>();

  constructor(private readonly limit: number) {}

  error(file: IssueFileName, line: number | null, column: string | null, raw: string | null, code: string, params: IssueParams = {}): void {
    this.errorCount += 1;
    if (this.errors.length < this.limit) this.errors.push(makeIssue('error', file, line, column, raw, code, params));
  }

  warning(file: IssueFileName, line: number | null, column: string | null, raw: string | null, code: string, params: IssueParams = {}): void {
    this.warningCount += 1;
    if (this.warnings.length < this.limit) this.warnings.push(makeIssue('warning', file, line, column, raw, code, params));
  }
}

function makeIssue(
  severity: IssueSeverity,
  file: IssueFileName,
  line: number | null,
  column: string | null,
  raw: string | null,
  code: string,
  params: IssueParams,
): ValidationIssue {
  // File names come from the delivery (a document's name in documents/), and so do parameters
  // such as a tag name, so they are escaped like values.
  const safeParams: IssueParams = {};
  for (const [key, param] of Object.entries(params)) safeParams[key] = typeof param === 'string' ? escapeControls(param) : param;
  const safeFile = escapeControls(file) as IssueFileName;
  return { severity, file: safeFile, line, column, value: raw === null ? null : displayValue(column, raw, file), code, params: safeParams };
}

/** Renders the message of an issue in the translator's language. */
export function issueMessage(issue: ValidationIssue, t: Translate): string {
  const key = issue.code.includes(':') ? issue.code : `validation:${issue.code}`;
  return t(key, { ...issue.params, column: issue.column ?? '', value: issue.value ?? '' });
}

/** Formats an issue as one line: `file:line column value — message`. */
export function formatIssueLine(issue: ValidationIssue, t: Translate): string {
  const place = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  const parts = [place];
  if (issue.column !== null) parts.push(issue.column);
  if (issue.value !== null) parts.push(issue.value === '' ? '""' : issue.value);
  return `${parts.join(' ')} — ${issueMessage(issue, t)}`;
}
