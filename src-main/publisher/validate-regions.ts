// regions.csv: statistical division codes from the province down to the villages of the county.
import { REGION_CODE_LENGTH, REGION_LEVELS, isRegionLevel, parentLevel } from '../../src-shared/region-code.js';
import type { RegionLevel } from '../../src-shared/region-code.js';
import { readCsvRows } from './csv-source.js';
import { requireText } from './field-checks.js';
import type { RowContext } from './field-checks.js';
import type { IssueCollector } from './issues.js';
import { FILE_SPECS } from './standard.js';

export interface RegionRow {
  code: string;
  name: string;
  /** Null for the province only. */
  parentCode: string | null;
  level: RegionLevel;
  line: number;
}

const FILE = 'regions.csv';

/** Reads and checks regions.csv; returns the rows whose own fields are valid, by code. */
export async function readRegions(dataDir: string, issues: IssueCollector): Promise<Map<string, RegionRow>> {
  const regions = new Map<string, RegionRow>();

  for await (const { line, values } of readCsvRows(dataDir, FILE_SPECS[FILE], issues)) {
    const row: RowContext = { file: FILE, line, values, issues };
    const region = checkRegionRow(row);
    if (region === null) continue;

    const first = regions.get(region.code);
    if (first !== undefined) {
      issues.error(FILE, line, 'code', region.code, 'regions.duplicateCode', { firstLine: first.line });
      continue;
    }
    regions.set(region.code, region);
  }

  // Parents are checked after the whole file is read, so rows may come in any order.
  for (const region of regions.values()) checkParent(region, regions, issues);
  return regions;
}

function checkRegionRow(row: RowContext): RegionRow | null {
  const { values, issues, line } = row;
  const code = values.code ?? '';
  const levelText = values.level ?? '';
  const parentText = values.parent_code ?? '';
  let valid = true;

  const name = requireText(row, 'name');
  if (name === null) valid = false;

  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(code)) {
    issues.error(FILE, line, 'code', code, 'regions.invalidCode');
    valid = false;
  }
  if (!isRegionLevel(levelText)) {
    issues.error(FILE, line, 'level', levelText, 'regions.invalidLevel', { allowed: REGION_LEVELS.join(', ') });
    return null;
  }
  if (valid && code.length !== REGION_CODE_LENGTH[levelText]) {
    issues.error(FILE, line, 'code', code, 'regions.codeLengthMismatch', {
      length: code.length,
      level: levelText,
      expected: REGION_CODE_LENGTH[levelText],
    });
    valid = false;
  }
  if (parentText !== '' && !/^\d+$/.test(parentText)) {
    issues.error(FILE, line, 'parent_code', parentText, 'regions.invalidParentCode');
    valid = false;
  }

  if (!valid || name === null) return null;
  return { code, name, parentCode: parentText === '' ? null : parentText, level: levelText, line };
}

function checkParent(region: RegionRow, regions: Map<string, RegionRow>, issues: IssueCollector): void {
  const expectedLevel = parentLevel(region.level);
  const { line, parentCode } = region;

  if (expectedLevel === null) {
    if (parentCode !== null) issues.error(FILE, line, 'parent_code', parentCode, 'regions.provinceWithParent');
    return;
  }
  if (parentCode === null) {
    issues.error(FILE, line, 'parent_code', '', 'regions.missingParent', { level: expectedLevel });
    return;
  }

  const parent = regions.get(parentCode);
  if (parent === undefined) {
    issues.error(FILE, line, 'parent_code', parentCode, 'regions.parentNotFound');
    return;
  }
  if (parent.level !== expectedLevel) {
    issues.error(FILE, line, 'parent_code', parentCode, 'regions.parentLevelMismatch', {
      parentLevel: parent.level,
      level: region.level,
      expected: expectedLevel,
    });
    return;
  }
  if (!region.code.startsWith(parentCode)) {
    issues.error(FILE, line, 'code', region.code, 'regions.codeOutsideParent', { parentCode });
  }
}

/** Returns the county a region belongs to (itself when it is a county), or null. */
export function countyOf(code: string, regions: Map<string, RegionRow>): RegionRow | null {
  let region = regions.get(code);
  while (region !== undefined && region.level !== 'county') {
    region = region.parentCode === null ? undefined : regions.get(region.parentCode);
  }
  return region ?? null;
}
