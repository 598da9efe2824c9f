// Statistical division codes (统计用区划代码): 2, 4, 6, 9 or 12 digits by level.

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_CODE_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** Returns the parent level, or null for a province. */
export function parentLevel(level: RegionLevel): RegionLevel | null {
  const index = REGION_LEVELS.indexOf(level);
  return index > 0 ? REGION_LEVELS[index - 1]! : null;
}

/** Pads a code with zeros to the 12-digit form (43 -> 430000000000). */
export function toTwelveDigits(code: string): string {
  return code.padEnd(12, '0');
}

export function isRegionLevel(value: string): value is RegionLevel {
  return (REGION_LEVELS as readonly string[]).includes(value);
}
