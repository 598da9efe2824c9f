// Picks one county out of a regions file: its ancestors, its townships and villages, and the
// villages where demo households may live.
import { DemoDataError } from './errors.js';
import type { RegionRow } from './reference-data.js';

export interface CountyGeography {
  county: RegionRow;
  // The county's ancestors, the county and its whole subtree, in the order of the input file.
  rows: RegionRow[];
  // Village-level units where people are registered, by code; virtual units are left out.
  villages: RegionRow[];
}

// Under a township, village-level suffix 001-199 is a community (社区, 居委会), 200-399 a
// village (村), and 400 and up a virtual unit (虚拟社区) that has no registered residents.
const FIRST_VIRTUAL_SUFFIX = 400;
const FIRST_VILLAGE_SUFFIX = 200;

function villageSuffix(code: string): number {
  return Number(code.slice(9, 12));
}

export function isVirtualUnit(village: RegionRow): boolean {
  return villageSuffix(village.code) >= FIRST_VIRTUAL_SUFFIX;
}

export function isCommunity(village: RegionRow): boolean {
  return villageSuffix(village.code) < FIRST_VILLAGE_SUFFIX;
}

/** Selects the county's subtree plus its ancestors, or throws naming the code and the file. */
export function selectCounty(regions: RegionRow[], countyCode: string, file: string): CountyGeography {
  const byCode = new Map(regions.map((row) => [row.code, row]));

  // Codes are checked against their level on reading, so a 6-digit code is always a county.
  const county = byCode.get(countyCode);
  if (!county) {
    const counties = regions.filter((row) => row.level === 'county');
    const available = counties.map((row) => `${row.code} ${row.name}`).join(', ');
    throw new DemoDataError('countyNotFound', { county: countyCode, file, available: available || '-' });
  }

  const included = new Set<string>([county.code]);
  let ancestor = byCode.get(county.parentCode);
  while (ancestor && !included.has(ancestor.code)) {
    included.add(ancestor.code);
    ancestor = byCode.get(ancestor.parentCode);
  }

  // A child's code starts with its parent's code, so the subtree is every longer code with the
  // county's prefix. The parent_code chain is checked as well, to skip rows that only look related.
  // The walk stops after five levels, so a file whose parent codes form a loop cannot hang it.
  const inSubtree = (row: RegionRow): boolean => {
    let current: RegionRow | undefined = row;
    for (let step = 0; current && step < 5; step += 1) {
      if (current.code === county.code) return true;
      current = byCode.get(current.parentCode);
    }
    return false;
  };
  for (const row of regions) {
    if (row.code.startsWith(county.code) && inSubtree(row)) included.add(row.code);
  }

  const rows = regions.filter((row) => included.has(row.code));
  const villages = rows
    .filter((row) => row.level === 'village' && !isVirtualUnit(row))
    .sort((a, b) => Number(a.code) - Number(b.code));

  if (villages.length === 0) {
    throw new DemoDataError('noVillages', { county: `${county.code} ${county.name}`, file });
  }

  return { county, rows, villages };
}
