// The results of `minsheng check`: what the import made of each department file, the standard
// rows built from the accepted rows, and the warnings of the comparison rules (信息比对). The
// import, the standardiser, the rules, the report writers, `check`, `publish` and `preview` all
// exchange these types. Every row-level result carries a RowRef, so the report can point the county
// worker at the row in the file they opened, and each warning can link to the rows it concerns.
import type { SourceEncoding, CsvDelimiter } from '../import/source-table.js';
import type { FileKind } from '../import/import-fields.js';
import type { CellRejection, CellRepair } from '../import/clean-rows.js';
import type { RepairKind } from '../import/clean-result.js';

/** One row of one table in one department file, as a spreadsheet program numbers it. */
export interface RowRef {
  /** File name relative to the checked folder, with "/" separators. */
  file: string;
  /** Sheet name for spreadsheets; null for CSV. */
  sheet: string | null;
  /** 1-based row in the file or sheet. */
  row: number;
}

/** A message of a namespace of the i18n catalogs, with its placeholders' values. */
export interface Message {
  /** Catalog key, such as "check:standardise.unknownVillage". */
  key: string;
  params: Record<string, string | number>;
}

/**
 * A row rejected after cleaning, because the standard rows cannot be built from it: a village or
 * item name not found, a household without a head. Cell rejections of the cleaners stay
 * CellRejections; these are row-level.
 */
export interface RowProblem {
  ref: RowRef;
  message: Message;
}

/** Summary of the import of one table (a CSV file, or one sheet of a workbook). */
export interface TableSummary {
  file: string;
  sheet: string | null;
  encoding: SourceEncoding;
  delimiter: CsvDelimiter | null;
  /** The kind the table was read as; 'standard' for a file of the data standard taken unchanged. */
  kind: FileKind | 'standard';
  titleRows: string[];
  headerRow: number;
  /** The header map in the worker's language (header-notices.ts): problems, dropped and unknown columns. */
  headerNotices: { severity: 'problem' | 'info'; text: string }[];
  footerRows: { row: number; kind: 'sum' | 'note'; text: string }[];
  /** Data rows below the header, footers left out. */
  rowsRead: number;
  /** Rows that reached the standard rows. rowsRead = accepted + rejected. */
  accepted: number;
  /** Accepted rows with at least one repair. */
  repairedRows: number;
  rejected: number;
  repairCounts: Partial<Record<RepairKind, number>>;
  /** Each cleaner repair, with the cell masked; the report may show only the first ones. */
  repairs: CellRepair[];
  /** Rows the cleaners rejected, with every rejected cell of the row. */
  cellRejections: { row: number; rejections: CellRejection[] }[];
  /** Rows the standardiser rejected. */
  rowProblems: RowProblem[];
}

/** A file the import could not read at all, or a table it could not map. */
export interface FileFailure {
  file: string;
  sheet: string | null;
  message: Message;
}

/** A person row of the data standard (persons.csv), with the row it came from. */
export interface StandardPerson {
  id_number: string;
  name: string;
  household_id: string;
  relation: string;
  village_code: string;
  source: RowRef;
}

/** A payment row of the data standard (payments.csv). Amounts are integer fen. */
export interface StandardPayment {
  payment_id: string;
  id_number: string;
  item_code: string;
  amount_fen: number;
  /** YYYY-MM-DD */
  paid_on: string;
  /** YYYY or YYYY-MM */
  period: string;
  department: string;
  source: RowRef;
}

/**
 * A row of subsidy_items.csv as the comparison rules read it. The optional columns are text as
 * written, so the rules can report a bad value with its row.
 */
export interface CheckItem {
  item_code: string;
  name: string;
  /** The optional standard_amount column: the item's standard in yuan per payment; null when absent or empty. */
  standard_amount: string | null;
  /** The optional cadence column: "monthly", "yearly" or "once"; null when absent or empty. */
  cadence: string | null;
  source: RowRef;
}

/**
 * One ID number that the accepted rows of the department files place in more than one household,
 * or as the head of more than one household, or give with different names or villages. The import
 * finds these while it builds the persons.
 */
export interface IdNumberConflict {
  id_number: string;
  /**
   * Every row that names the ID number, with the household and relation the row gives. A row of
   * the same household is listed when it gives another name or village. `village` is the village's
   * name in regions.csv when the row's village resolves, otherwise as the row writes it, and absent
   * or null when the row gives none.
   */
  rows: { ref: RowRef; name: string; household_id: string; relation: string; village?: string | null }[];
}

export const RULE_IDS = [
  'duplicatePayment',
  'aboveStandard',
  'afterDeathOrMove',
  'sharedIdNumber',
  'officialRecipient',
  'stoppedRecurring',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** A warning sign found by a comparison rule. It never rejects a row. */
export interface CheckWarning {
  rule: RuleId;
  /** The warning in the worker's language; ID numbers in params are masked. */
  message: Message;
  /** The rows the warning concerns, in the department files or the supplied lists. */
  rows: RowRef[];
}

export interface CheckResult {
  /** The checked folder, absolute. */
  dataDir: string;
  checkedAt: string;
  tables: TableSummary[];
  failures: FileFailure[];
  persons: StandardPerson[];
  payments: StandardPayment[];
  warnings: CheckWarning[];
  /** Rules that ran, and the rules skipped with the reason (disabled, or no list supplied). */
  rules: { rule: RuleId; ran: boolean; skipped?: Message }[];
  /** Rows rejected in all tables, plus tables and files that could not be read. */
  rejectedRows: number;
  /** What the import made of each table of the lists the rules file names. */
  listTables?: TableSummary[];
  /** List files, and tables of them, that could not be read or mapped. */
  listFailures?: FileFailure[];
}
