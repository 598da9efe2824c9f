// How much board data the demo generator writes. `small` keeps the bundled demo snapshot to a
// few megabytes, `county` gives the volumes of a real county for benchmarks, `none` writes only
// the four version 1 files.
//
// Measured for 麻阳 (431226, 223 villages, years 2021-2024) with `minsheng demo-data` on a
// 2-core Debian 12 machine under Node 20.20, including the version 1 files:
// - small, 300 households: 12 MB of files, a 2.4 MiB signed snapshot after `minsheng publish`;
//   small, 1,000 households: 17 MB of files (1.4 MB as tar.gz) in about 5 s.
// - county, 20,000 households: 398 MB of files in about 29 s, peak memory 177 MB;
//   finance_entries.csv has 1.34 million rows (296 MB) and documents/ 5,181 files (21 MB).

export const BOARD_SCALES = ['none', 'small', 'county'] as const;
export type BoardScale = (typeof BOARD_SCALES)[number];

export function isBoardScale(value: string): value is BoardScale {
  return (BOARD_SCALES as readonly string[]).includes(value);
}

/** Volumes of one scale. Counts are means, and each village or township draws around them. */
export interface BoardVolumes {
  /** Livelihood projects per village and year. Township projects add about a fifth. */
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
  /** Reports filed at the county's kiosks whose progress is published, over the whole range. */
  reportCases: number;
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
    reportCases: 48,
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
    reportCases: 400,
  },
};
