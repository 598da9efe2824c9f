// Region lists for the region picker: children of a region, the path from the county down to a
// region, and the pinyin-initial quick filter. Regions come from api.getRegions(), whose
// `initials` contains one lower-case alternative per reading, separated by spaces ("zjpc", or
// "cs zs" for a name whose first character reads chang or zhang).
import type { Region } from '../../src-shared/boards-api.js';

/** A region found by the quick filter, with the township it lies in (null for a township). */
export interface RegionMatch {
  region: Region;
  township: Region | null;
}

const PICKABLE_LEVELS: ReadonlySet<Region['level']> = new Set(['county', 'township', 'village']);

function byCode(a: Region, b: Region): number {
  return a.code.localeCompare(b.code);
}

/** Keeps only the letters a to z of typed input, in lower case. */
export function normalizeLetters(input: string): string {
  return input.toLowerCase().replace(/[^a-z]/g, '');
}

/** True when one of the region's alternatives starts with the typed letters. */
export function matchesInitials(region: Region, letters: string): boolean {
  const typed = normalizeLetters(letters);
  if (typed === '') return false;
  return region.initials.split(/\s+/).some((alternative) => alternative.startsWith(typed));
}

/**
 * Returns the townships and villages whose initials start with the typed letters, in code order,
 * so each township comes just before its own villages.
 */
export function filterRegionsByInitials(regions: readonly Region[], letters: string): RegionMatch[] {
  const byCodeMap = new Map(regions.map((region) => [region.code, region]));
  const matches: RegionMatch[] = [];

  for (const region of regions) {
    if (region.level !== 'township' && region.level !== 'village') continue;
    if (!matchesInitials(region, letters)) continue;

    const parent = region.parentCode === null ? undefined : byCodeMap.get(region.parentCode);
    const township = region.level === 'village' && parent?.level === 'township' ? parent : null;
    matches.push({ region, township });
  }
  return matches.sort((a, b) => byCode(a.region, b.region));
}

/** Returns the regions directly under a region, in code order. */
export function childRegions(regions: readonly Region[], parentCode: string): Region[] {
  return regions.filter((region) => region.parentCode === parentCode).sort(byCode);
}

/**
 * Returns the path from the county down to the region, for breadcrumbs. Levels above the county
 * are left out because a kiosk serves one county. Empty when the code is unknown.
 */
export function regionPath(regions: readonly Region[], code: string): Region[] {
  const byCodeMap = new Map(regions.map((region) => [region.code, region]));
  const path: Region[] = [];
  const seen = new Set<string>();

  let current = byCodeMap.get(code);
  // The seen set stops a parent loop in bad data from hanging the screen.
  while (current && !seen.has(current.code)) {
    seen.add(current.code);
    if (PICKABLE_LEVELS.has(current.level)) path.unshift(current);
    current = current.parentCode === null ? undefined : byCodeMap.get(current.parentCode);
  }
  return path;
}

/** Returns the county region: the top of every breadcrumb trail. */
export function countyRegion(regions: readonly Region[]): Region | undefined {
  return regions.find((region) => region.level === 'county');
}
