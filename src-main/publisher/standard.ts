// Data standard version 1: the four CSV files a county delivers, their machine headers and the
// closed lists and limits each column is checked against. docs/data-standard.md describes the
// same rules for the people who prepare the files.

export const DATA_STANDARD_VERSION = 1;

export const DATA_FILES = ['regions.csv', 'subsidy_items.csv', 'persons.csv', 'payments.csv'] as const;
export type DataFileName = (typeof DATA_FILES)[number];

export interface FileSpec {
  name: DataFileName;
  /** Required headers, in the order the standard lists them. */
  headers: readonly string[];
  /** True when columns beyond the required ones are accepted and ignored. */
  allowExtraColumns: boolean;
}

export const FILE_SPECS: Record<DataFileName, FileSpec> = {
  'regions.csv': {
    name: 'regions.csv',
    headers: ['code', 'name', 'parent_code', 'level'],
    allowExtraColumns: false,
  },
  // Item catalogues often carry planning columns (cadence, unit, amounts); they are ignored.
  'subsidy_items.csv': {
    name: 'subsidy_items.csv',
    headers: ['item_code', 'name', 'department', 'policy_basis'],
    allowExtraColumns: true,
  },
  'persons.csv': {
    name: 'persons.csv',
    headers: ['id_number', 'name', 'household_id', 'relation', 'village_code'],
    allowExtraColumns: false,
  },
  'payments.csv': {
    name: 'payments.csv',
    headers: ['payment_id', 'id_number', 'item_code', 'amount', 'paid_on', 'period', 'department'],
    allowExtraColumns: false,
  },
};

/**
 * Relations to the head of household (与户主关系), after the major groups of GB/T 4761-2008
 * 家庭关系代码. Exactly one member of each household is 户主.
 */
export const HEAD_OF_HOUSEHOLD = '户主';
export const RELATIONS = [
  HEAD_OF_HOUSEHOLD,
  '配偶',
  '子女',
  '儿媳',
  '女婿',
  '孙子女',
  '父母',
  '公婆',
  '岳父母',
  '祖父母',
  '兄弟姐妹',
  '其他',
] as const;

// Longest accepted text per column, in characters; longer values are rejected as input errors.
export const MAX_TEXT_LENGTH: Record<string, number> = {
  name: 50,
  department: 100,
  policy_basis: 500,
  household_id: 64,
  payment_id: 64,
  item_code: 32,
};
export const DEFAULT_MAX_TEXT_LENGTH = 200;

// A CSV record longer than this is rejected and the rest of its file is not read, because
// csv-parse cannot resynchronise after an oversized or malformed record.
export const MAX_RECORD_BYTES = 1024 * 1024;

// Identifiers that other rows refer to: letters, digits, dash and underscore only.
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_-]+$/;
