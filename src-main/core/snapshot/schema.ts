// The snapshot is a finished SQLite file built by the publisher and installed unchanged on the
// kiosk, so this schema is the contract between the two sides. Bump SNAPSHOT_FORMAT when a
// change would make an older kiosk misread a newer file.

import { BOARD_TABLES_DDL } from './schema-boards.js';

// Format 2: payments name their recipient by member_order instead of person_key.
// Format 3: the disclosure board tables (schema-boards.ts) and regions.initials.
// Format 4: report_progress, the status of reports filed at kiosks.
export const SNAPSHOT_FORMAT = 4;

/**
 * Formats a kiosk installs and reads. Format 3 stays readable because a terminal may be upgraded
 * before its county republishes. readCaseStatus treats its missing report_progress table as
 * "no case published yet".
 */
export const SUPPORTED_SNAPSHOT_FORMATS: readonly number[] = [3, SNAPSHOT_FORMAT];

/** True when `format` (a number, or the text of meta.format) is in SUPPORTED_SNAPSHOT_FORMATS. */
export function isSupportedSnapshotFormat(format: number | string | undefined): boolean {
  if (format === undefined) return false;
  const value = typeof format === 'number' ? format : /^\d+$/.test(format) ? Number(format) : Number.NaN;
  return SUPPORTED_SNAPSHOT_FORMATS.includes(value);
}

const HOUSEHOLD_TABLES_DDL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT,
  level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
  -- Lower-case pinyin initials of the name for the region picker's filter (张家坪村 -> zjpc).
  -- A name with a character of several readings has each spelling, separated by spaces.
  initials TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE subsidy_items (
  item_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  department TEXT NOT NULL,
  policy_basis TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE households (
  household_id TEXT PRIMARY KEY,
  village_code TEXT NOT NULL REFERENCES regions (code)
) WITHOUT ROWID;

-- person_key is the keyed slow hash of the 18-digit ID number (see lookup-key.ts); the ID
-- number itself never enters the snapshot.
-- member_order numbers the members of a household from 1 (the head) and identifies a person
-- within the household.
CREATE TABLE persons (
  person_key TEXT PRIMARY KEY,
  household_id TEXT NOT NULL REFERENCES households (household_id),
  masked_name TEXT NOT NULL,
  relation TEXT NOT NULL,
  member_order INTEGER NOT NULL CHECK (member_order >= 1)
) WITHOUT ROWID;
CREATE UNIQUE INDEX persons_by_household ON persons (household_id, member_order);

-- The recipient is (household_id, member_order) rather than the 64-character person key: a
-- county has about a million payment rows, and the key's random hex would not compress.
CREATE TABLE payments (
  payment_id TEXT PRIMARY KEY,
  household_id TEXT NOT NULL REFERENCES households (household_id),
  member_order INTEGER NOT NULL,
  item_code TEXT NOT NULL REFERENCES subsidy_items (item_code),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  paid_on TEXT NOT NULL,
  period TEXT NOT NULL,
  department TEXT NOT NULL,
  FOREIGN KEY (household_id, member_order) REFERENCES persons (household_id, member_order)
) WITHOUT ROWID;
CREATE INDEX payments_by_household ON payments (household_id, paid_on);
`;

export const SNAPSHOT_DDL = HOUSEHOLD_TABLES_DDL + BOARD_TABLES_DDL;

/** Keys of the meta table. */
export const META_KEYS = {
  format: 'format',
  version: 'version',
  regionCode: 'region_code',
  regionName: 'region_name',
  createdAt: 'created_at',
  dataAsOf: 'data_as_of',
  householdCount: 'household_count',
  // JSON of LookupKeyParams: algorithm, cost parameters and the per-county salt.
  lookupKey: 'lookup_key',
} as const;
