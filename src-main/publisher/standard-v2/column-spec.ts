// The shape of a column definition in data standard version 2. Each data file is a list of
// ColumnSpec objects. docs/data-standard-v2.zh-CN.md and docs/data-standard-v2.md describe the
// same columns for the people who prepare the files, and a unit test compares the three.
import type { RegionLevel } from '../../../src-shared/region-code.js';

/**
 * Value types a column may have. Each one fixes the accepted text in the CSV:
 * - text: any text without control or format characters, at most maxLength characters.
 * - identifier: ASCII letters, digits, `-` and `_`, as in version 1.
 * - id_number: an 18-digit resident ID number (GB 11643); 15-digit numbers are converted.
 * - region_code: a statistical division code of one of the listed levels, present in regions.csv.
 * - date: YYYY-MM-DD, a real calendar date, not after today unless mayBeFuture is set.
 * - period: YYYY-MM, a real month.
 * - year: YYYY.
 * - money: yuan with at most two decimals in the CSV, stored as integer fen in the snapshot.
 * - integer: a whole number within min and max.
 * - decimal: a non-negative number with at most two decimals, in the unit that `unit` names.
 * - enum: one of `values`, written exactly.
 * - file_name: the name of a file delivered in the documents/ folder, with one of `extensions`.
 * - case_number: the 14-digit number of a report filed at a kiosk (src-shared/case-number.ts),
 *   with a valid Luhn check digit. Spaces and hyphens between the digit groups are dropped.
 */
export const COLUMN_TYPES = [
  'text',
  'identifier',
  'id_number',
  'region_code',
  'date',
  'period',
  'year',
  'money',
  'integer',
  'decimal',
  'enum',
  'file_name',
  'case_number',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * Masking rules, each of which changes a personal column before it enters the snapshot:
 * - mask_name: only the first and last characters stay (张三丰 -> 张*丰), as maskName does.
 * - person_key: the ID number is replaced by the scrypt person key with the county's salt, as
 *   for persons.csv in version 1, so a villager can still find the row with their own ID card.
 */
export const MASKING_RULES = ['mask_name', 'person_key'] as const;
export type MaskingRule = (typeof MASKING_RULES)[number];

/** Personal-data handling of one column. */
export interface PersonalData {
  readonly masking: MaskingRule;
  /**
   * The rule applies only to rows where this other column of the same file has `onlyWhenValue`,
   * for example a counterparty name that is masked when the counterparty is a person and shown
   * whole when it is an organisation.
   */
  readonly onlyWhenColumn?: string;
  readonly onlyWhenValue?: string;
}

/** One column of a version 2 data file. */
export interface ColumnSpec {
  /** Machine header in the CSV: lower-case ASCII words joined by `_`. */
  readonly name: string;
  readonly type: ColumnType;
  /** False when the cell may be left empty. */
  readonly required: boolean;
  /** Maximum length in characters, for text and identifier columns. */
  readonly maxLength?: number;
  /** Accepted values of an enum column. */
  readonly values?: readonly string[];
  /** Inclusive bounds of an integer or year column. */
  readonly min?: number;
  readonly max?: number;
  /** Unit of an integer or decimal column, in Chinese as county staff write it (人, 户, %, 亩). */
  readonly unit?: string;
  /** Levels a region_code column accepts. */
  readonly regionLevels?: readonly RegionLevel[];
  /** Lower-case extensions, with the dot, that a file_name column accepts. */
  readonly extensions?: readonly string[];
  /** Column of another file whose values this column must match, written `file.csv:column`. */
  readonly references?: string;
  /** True for a date column that may lie after today, such as a planned end date. */
  readonly mayBeFuture?: boolean;
  /** True when no two rows of the file may have the same value. */
  readonly unique?: boolean;
  /** Open Contracting Data Standard 1.1 field this column maps to, as a dotted path. */
  readonly ocds?: string;
  /** Present exactly when the column can hold personal data. */
  readonly personal?: PersonalData;
}

/** One CSV file of data standard version 2. */
export interface FileSpecV2 {
  readonly name: string;
  /** Name of the file's subject in Chinese, as the docs and the kiosk boards use it. */
  readonly titleZh: string;
  readonly columns: readonly ColumnSpec[];
}

// Source columns at the end of most files: the department that published the rows and the date,
// which every kiosk screen shows as the data's origin.
export const SOURCE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'department', type: 'text', required: true, maxLength: 100 },
  { name: 'published_on', type: 'date', required: true },
];

// Kinds of counterparty (a supplier, a lessee, a debtor). Its name is masked only for a person.
export const COUNTERPARTY_KINDS = ['organization', 'person'] as const;
