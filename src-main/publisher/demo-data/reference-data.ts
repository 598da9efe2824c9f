// Reads the two reference files the generator builds on: statistical division codes
// (code,name,parent_code,level) and the subsidy item catalogue with its demo parameters.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { parseYuanToFen } from '../../../src-shared/money.js';
import { REGION_CODE_LENGTH, isRegionLevel } from '../../../src-shared/region-code.js';
import type { RegionLevel } from '../../../src-shared/region-code.js';
import { DemoDataError } from './errors.js';

export interface CsvTable {
  header: string[];
  records: string[][];
}

export interface RegionRow {
  code: string;
  name: string;
  parentCode: string;
  level: RegionLevel;
}

export const CADENCES = ['yearly', 'monthly', 'once'] as const;
export type Cadence = (typeof CADENCES)[number];

export const UNITS = ['per_person', 'per_household', 'per_mu'] as const;
export type Unit = (typeof UNITS)[number];

export interface SubsidyItem {
  itemCode: string;
  name: string;
  department: string;
  policyBasis: string;
  cadence: Cadence;
  unit: Unit;
  // Per person, per household or per mu, by unit.
  amountFen: number;
  // Target share of households that receive the item, 0 to 1.
  shareOfHouseholds: number;
}

export const REGION_COLUMNS = ['code', 'name', 'parent_code', 'level'] as const;
export const ITEM_COLUMNS = [
  'item_code',
  'name',
  'department',
  'policy_basis',
  'cadence',
  'unit',
  'demo_amount_yuan',
  'demo_share_of_households',
] as const;

/** Reads a UTF-8 CSV file with a header row; a byte order mark is accepted. */
export async function readCsvTable(file: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DemoDataError('fileUnreadable', { file, reason: (error as Error).message });
  }

  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_quotes: true }) as string[][];
  } catch (error) {
    throw new DemoDataError('csvInvalid', { file, reason: (error as Error).message });
  }

  const [header, ...records] = rows;
  if (!header || records.length === 0) throw new DemoDataError('csvEmpty', { file });
  return { header, records };
}

/** Returns the index of each required column, or throws naming the first missing one. */
function columnIndexes<T extends string>(
  table: CsvTable,
  columns: readonly T[],
  file: string,
): Record<T, number> {
  const indexes = {} as Record<T, number>;
  for (const column of columns) {
    const index = table.header.indexOf(column);
    if (index === -1) {
      throw new DemoDataError('csvMissingColumn', { file, column, header: table.header.join(',') });
    }
    indexes[column] = index;
  }
  return indexes;
}

/** Parses and checks region rows: digits only, a known level, and a code length that fits it. */
export function parseRegions(table: CsvTable, file: string): RegionRow[] {
  const at = columnIndexes(table, REGION_COLUMNS, file);

  return table.records.map((record, index) => {
    const row = {
      code: record[at.code] ?? '',
      name: record[at.name] ?? '',
      parentCode: record[at.parent_code] ?? '',
      level: record[at.level] ?? '',
    };
    const line = index + 2;

    if (!isRegionLevel(row.level)) {
      throw new DemoDataError('regionRowInvalid', { file, line, value: row.level, column: 'level' });
    }
    if (!/^\d+$/.test(row.code) || row.code.length !== REGION_CODE_LENGTH[row.level]) {
      throw new DemoDataError('regionRowInvalid', { file, line, value: row.code, column: 'code' });
    }
    if (row.name.length === 0) {
      throw new DemoDataError('regionRowInvalid', { file, line, value: row.name, column: 'name' });
    }
    return { ...row, level: row.level };
  });
}

/** Parses a decimal share between 0 and 1, such as "0.015". */
function parseShare(text: string): number | null {
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(text)) return null;
  return Number(text);
}

/** Parses and checks the subsidy item catalogue, including the demo parameter columns. */
export function parseItems(table: CsvTable, file: string): SubsidyItem[] {
  const at = columnIndexes(table, ITEM_COLUMNS, file);
  const seen = new Set<string>();

  return table.records.map((record, index) => {
    const line = index + 2;
    const cell = (column: (typeof ITEM_COLUMNS)[number]) => record[at[column]] ?? '';
    const reject = (column: string, value: string): never => {
      throw new DemoDataError('itemRowInvalid', { file, line, column, value });
    };

    // Item codes appear inside payment IDs (<item_code>-<period>-<serial>), so no hyphens.
    const itemCode = cell('item_code');
    if (!/^[A-Za-z0-9_]+$/.test(itemCode) || seen.has(itemCode)) reject('item_code', itemCode);
    seen.add(itemCode);

    for (const column of ['name', 'department', 'policy_basis'] as const) {
      if (cell(column).length === 0) reject(column, cell(column));
    }

    const cadence = cell('cadence');
    if (!(CADENCES as readonly string[]).includes(cadence)) reject('cadence', cadence);

    const unit = cell('unit');
    if (!(UNITS as readonly string[]).includes(unit)) reject('unit', unit);

    const amount = parseYuanToFen(cell('demo_amount_yuan'));
    if (!amount.ok || amount.fen === 0) reject('demo_amount_yuan', cell('demo_amount_yuan'));

    const share = parseShare(cell('demo_share_of_households'));
    if (share === null) reject('demo_share_of_households', cell('demo_share_of_households'));

    return {
      itemCode,
      name: cell('name'),
      department: cell('department'),
      policyBasis: cell('policy_basis'),
      cadence: cadence as Cadence,
      unit: unit as Unit,
      amountFen: amount.ok ? amount.fen : 0,
      shareOfHouseholds: share ?? 0,
    };
  });
}
