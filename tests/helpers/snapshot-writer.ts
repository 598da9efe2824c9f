// Opens a new snapshot file with SNAPSHOT_DDL and prepared inserts for each table, so test
// helpers that build snapshots by hand share one list of columns.
import Database from 'better-sqlite3';
import { SNAPSHOT_DDL } from '../../src-main/core/snapshot/schema.js';

export function createSnapshotWriter(file: string) {
  const db = new Database(file);
  db.exec(SNAPSHOT_DDL);

  return {
    db,
    meta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    region: db.prepare('INSERT INTO regions (code, name, parent_code, level) VALUES (?, ?, ?, ?)'),
    item: db.prepare('INSERT INTO subsidy_items (item_code, name, department, policy_basis) VALUES (?, ?, ?, ?)'),
    household: db.prepare('INSERT INTO households (household_id, village_code) VALUES (?, ?)'),
    person: db.prepare(
      'INSERT INTO persons (person_key, household_id, masked_name, relation, member_order) VALUES (?, ?, ?, ?, ?)',
    ),
    payment: db.prepare(
      `INSERT INTO payments (payment_id, household_id, member_order, item_code, amount_fen, paid_on, period, department)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}
