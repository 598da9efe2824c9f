// Inputs of every board generator: the seed, the county's villages grouped by township, the
// calendar, the volumes of the chosen scale and the documents folder being filled.
import type { CountyGeography } from '../geography.js';
import { Random } from '../prng.js';
import type { RegionRow } from '../reference-data.js';
import type { BoardCalendar } from './dates.js';
import type { DocumentFolder } from './documents.js';
import { shortCountyName } from './parties.js';
import type { BoardVolumes } from './scale.js';

export interface Township {
  region: RegionRow;
  villages: RegionRow[];
}

export interface BoardContext {
  seed: number;
  calendar: BoardCalendar;
  volumes: BoardVolumes;
  county: RegionRow;
  /** 麻阳 for 麻阳苗族自治县, as local names and case numbers use it. */
  countyShort: string;
  /** Townships that have at least one village where people live, in code order. */
  townships: Township[];
  documents: DocumentFolder;
}

export function makeBoardContext(
  geography: CountyGeography,
  options: { seed: number; calendar: BoardCalendar; volumes: BoardVolumes; documents: DocumentFolder },
): BoardContext {
  const byCode = new Map<string, Township>();
  for (const row of geography.rows) {
    if (row.level === 'township' && row.parentCode === geography.county.code) byCode.set(row.code, { region: row, villages: [] });
  }
  for (const village of geography.villages) byCode.get(village.parentCode)?.villages.push(village);

  const townships = [...byCode.values()]
    .filter((township) => township.villages.length > 0)
    .sort((a, b) => Number(a.region.code) - Number(b.region.code));

  return {
    ...options,
    county: geography.county,
    countyShort: shortCountyName(geography.county),
    townships,
  };
}

/** Returns an independent random stream for one board and one region, stable across scales. */
export function streamFor(context: BoardContext, board: string, key: string): Random {
  return new Random(context.seed, `boards:${board}:${key}`);
}

/** Lists the years of the range, oldest first. */
export function rangeYears(context: BoardContext): number[] {
  const years: number[] = [];
  for (let year = context.calendar.yearFrom; year <= context.calendar.yearTo; year += 1) years.push(year);
  return years;
}
