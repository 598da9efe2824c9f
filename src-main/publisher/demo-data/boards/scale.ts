// How much board data the demo generator writes. `small` keeps the bundled demo snapshot to a
// few megabytes, `county` gives the volumes of a real county for benchmarks, `none` writes only
// the four version 1 files.

export const BOARD_SCALES = ['none', 'small', 'county'] as const;
export type BoardScale = (typeof BOARD_SCALES)[number];

export function isBoardScale(value: string): value is BoardScale {
  return (BOARD_SCALES as readonly string[]).includes(value);
}

/** Volumes of one scale. Counts are means; each village or township draws around them. */
export interface BoardVolumes {
  /** Livelihood projects per village and year; township projects add about a fifth. */
  projectsPerVillageYear: number;
  /** Ledger entries per village and year, before the monthly pattern spreads them. */
  ledgerEntriesPerVillageYear: number;
  /** Ledger years, counted back from the last year of the range. */
  ledgerYears: number;
  /** Share of progress reports that carry a site photo. */
  photoShare: number;
  /** Notices per township and year (党务公开 and 政务公开) and per village and year (村务公开). */
  noticesPerTownshipYear: number;
  noticesPerVillageYear: number;
  /** Complaint outcomes and accountability notices per township and year. */
  complaintsPerTownshipYear: number;
  accountabilityPerTownshipYear: number;
}

export const BOARD_VOLUMES: Readonly<Record<Exclude<BoardScale, 'none'>, BoardVolumes>> = {
  small: {
    projectsPerVillageYear: 0.08,
    ledgerEntriesPerVillageYear: 48,
    ledgerYears: 2,
    photoShare: 0.15,
    noticesPerTownshipYear: 1.5,
    noticesPerVillageYear: 0.5,
    complaintsPerTownshipYear: 0.8,
    accountabilityPerTownshipYear: 0.4,
  },
  county: {
    projectsPerVillageYear: 0.45,
    ledgerEntriesPerVillageYear: 3000,
    ledgerYears: 2,
    photoShare: 0.3,
    noticesPerTownshipYear: 8,
    noticesPerVillageYear: 4,
    complaintsPerTownshipYear: 6,
    accountabilityPerTownshipYear: 2,
  },
};
