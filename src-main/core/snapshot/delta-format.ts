// The delta file: a small SQLite file with the row changes from one snapshot to the next.
// The publisher writes it (publisher/build-delta.ts) and the kiosk applies it
// (core/sync/apply-delta.ts); this is the layout both sides agree on.
//
//   delta_info(key, value)       format = DELTA_FORMAT
//   delta_tables(position, table_name, columns_json, primary_key_json)
//                                one row per table of the new snapshot, changed or not
//   upserts_<position>(columns…) rows new or changed in that table, columns without declared
//                                types so that every value keeps its storage class
//   deletes_<position>(key…)     primary keys of the rows deleted from that table
import type { ColumnLayout } from './table-layout.js';

export const DELTA_FORMAT = '1';

export const DELTA_INFO_TABLE = 'delta_info';
export const DELTA_TABLES_TABLE = 'delta_tables';

export function upsertsTableName(position: number): string {
  return `upserts_${position}`;
}

export function deletesTableName(position: number): string {
  return `deletes_${position}`;
}

/** One row of delta_tables after its JSON columns are parsed. */
export interface DeltaTableEntry {
  position: number;
  tableName: string;
  columns: ColumnLayout[];
  primaryKey: string[];
}
