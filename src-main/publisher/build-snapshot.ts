// Builds the snapshot SQLite file from a validated dataset: exactly SNAPSHOT_DDL, one
// transaction, rows in sorted order, then VACUUM so the file has no free pages. The household
// tables come from data standard version 1, the board tables from version 2 when delivered.
import Database from 'better-sqlite3';
import { compareText } from '../../src-shared/compare-text.js';
import { maskName } from '../../src-shared/mask.js';
import type { LookupKeyParams } from '../core/lookup-key.js';
import { META_KEYS, SNAPSHOT_DDL, SNAPSHOT_FORMAT } from '../core/snapshot/schema.js';
import { buildBoardTables, emptyBoardCounts } from './build-board-tables.js';
import type { BoardRowCounts } from './build-board-tables.js';
import { regionInitials } from './region-initials.js';
import { HEAD_OF_HOUSEHOLD } from './standard.js';
import type { DatasetV2 } from './standard-v2/dataset.js';
import type { Dataset } from './validate-dataset.js';
import type { RegionRow } from './validate-regions.js';

export interface SnapshotInput {
  dataset: Dataset;
  county: RegionRow;
  /** Person keys in the order of dataset.persons. */
  personKeys: readonly string[];
  /** The board tables, or null when the delivery has no version 2 files. */
  v2: DatasetV2 | null;
  /** Person key of an ID number in v2 (the heads of poverty_households), with the same salt. */
  personKeyOf: (idNumber: string) => string;
  version: number;
  createdAt: string;
  dataAsOf: string;
  lookupKey: LookupKeyParams;
}

export interface SnapshotCounts {
  regionCount: number;
  householdCount: number;
  personCount: number;
  paymentCount: number;
  /** Rows per board table, all 0 without version 2 files. */
  boardCounts: BoardRowCounts;
}


/** Returns the county, its ancestors and everything under it; other counties stay out. */
function regionsOfCounty(regions: Map<string, RegionRow>, county: RegionRow): RegionRow[] {
  const selected: RegionRow[] = [];
  let ancestor = county.parentCode === null ? undefined : regions.get(county.parentCode);
  while (ancestor !== undefined) {
    selected.push(ancestor);
    ancestor = ancestor.parentCode === null ? undefined : regions.get(ancestor.parentCode);
  }
  // Codes nest by prefix (checked in validation), so the county's subtree is its code prefix.
  for (const region of regions.values()) {
    if (region.code.startsWith(county.code)) selected.push(region);
  }
  return selected.sort((a, b) => compareText(a.code, b.code));
}

/** Writes a new snapshot file at `file`, which must not exist yet. */
export function buildSnapshot(file: string, input: SnapshotInput): SnapshotCounts {
  const { dataset, county, personKeys } = input;
  const db = new Database(file);
  try {
    // The file is built from scratch in a temporary folder and discarded on failure, so no
    // rollback journal or fsync is needed while filling it.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(SNAPSHOT_DDL);

    const regions = regionsOfCounty(dataset.regions, county);

    // 1. Households and the order of their members: the head first, then the file's order.
    const households = new Map<string, string>();
    const nextOrder = new Map<string, number>();
    const orderOfId = new Map<string, number>();
    const persons = dataset.persons.map((person, index) => {
      households.set(person.householdId, person.villageCode);
      let order = 1;
      if (person.relation !== HEAD_OF_HOUSEHOLD) {
        order = nextOrder.get(person.householdId) ?? 2;
        nextOrder.set(person.householdId, order + 1);
      }
      orderOfId.set(person.idNumber, order);
      return { key: personKeys[index]!, person, order };
    });
    persons.sort((a, b) => compareText(a.key, b.key));
    const payments = [...dataset.payments].sort((a, b) => compareText(a.paymentId, b.paymentId));

    let boardCounts = emptyBoardCounts();
    const insertAll = db.transaction(() => {
      // 2. Meta.
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      meta.run(META_KEYS.format, String(SNAPSHOT_FORMAT));
      meta.run(META_KEYS.version, String(input.version));
      meta.run(META_KEYS.regionCode, county.code);
      meta.run(META_KEYS.regionName, county.name);
      meta.run(META_KEYS.createdAt, input.createdAt);
      meta.run(META_KEYS.dataAsOf, input.dataAsOf);
      meta.run(META_KEYS.householdCount, String(households.size));
      meta.run(META_KEYS.lookupKey, JSON.stringify(input.lookupKey));

      // 3. Reference tables.
      const insertRegion = db.prepare(
        'INSERT INTO regions (code, name, parent_code, level, initials) VALUES (?, ?, ?, ?, ?)',
      );
      for (const region of regions) {
        insertRegion.run(region.code, region.name, region.parentCode, region.level, regionInitials(region.name));
      }
      const insertItem = db.prepare(
        'INSERT INTO subsidy_items (item_code, name, department, policy_basis) VALUES (?, ?, ?, ?)',
      );
      const items = [...dataset.subsidyItems.values()].sort((a, b) => compareText(a.itemCode, b.itemCode));
      for (const item of items) insertItem.run(item.itemCode, item.name, item.department, item.policyBasis);

      // 4. Households and persons; only the masked name and the person key leave the dataset.
      const insertHousehold = db.prepare('INSERT INTO households (household_id, village_code) VALUES (?, ?)');
      for (const id of [...households.keys()].sort(compareText)) insertHousehold.run(id, households.get(id));
      const insertPerson = db.prepare(
        'INSERT INTO persons (person_key, household_id, masked_name, relation, member_order) VALUES (?, ?, ?, ?, ?)',
      );
      for (const { key, person, order } of persons) {
        insertPerson.run(key, person.householdId, maskName(person.name), person.relation, order);
      }

      // 5. Payments, with the recipient as household and member order.
      const insertPayment = db.prepare(
        `INSERT INTO payments (payment_id, household_id, member_order, item_code, amount_fen, paid_on, period, department)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const householdOfId = new Map(dataset.persons.map((person) => [person.idNumber, person.householdId]));
      for (const payment of payments) {
        insertPayment.run(
          payment.paymentId,
          householdOfId.get(payment.idNumber),
          orderOfId.get(payment.idNumber),
          payment.itemCode,
          payment.amountFen,
          payment.paidOn,
          payment.period,
          payment.department,
        );
      }

      // 6. The disclosure boards, after the regions and subsidy items their rows refer to.
      if (input.v2 !== null) boardCounts = buildBoardTables(db, input.v2, { personKeyOf: input.personKeyOf });
    });
    insertAll();

    db.exec('VACUUM');
    return {
      regionCount: regions.length,
      householdCount: households.size,
      personCount: persons.length,
      paymentCount: payments.length,
      boardCounts,
    };
  } finally {
    db.close();
  }
}
