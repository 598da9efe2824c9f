// The validated form of a version 2 delivery, as the snapshot builder takes it. Validation turns
// each CSV row into a row of its snapshot table (core/snapshot/schema-boards.ts): column names
// and values already in snapshot form, so the builder only inserts.

/** A cell in snapshot form: TEXT, INTEGER (fen, counts, years) or NULL for an empty cell. */
export type CellValue = string | number | null;

/** One row keyed by the snapshot table's column names. */
export type TableRow = Readonly<Record<string, CellValue>>;

/**
 * Board tables of the snapshot, keyed by table name (projects, project_progress, ...), each in
 * the order of its file. A file the county did not deliver has no entry.
 *
 * Exception: rows of poverty_households carry `head_id_number` (18 digits, normalised) in place
 * of `head_person_key`, because the person key is derived later with the county's lookup salt.
 * All other personal columns are already masked.
 */
export type BoardTables = ReadonlyMap<string, readonly TableRow[]>;

/** A file of the documents/ folder that some row refers to; others are not shipped. */
export interface DeliveredDocument {
  name: string;
  /** image/png, image/jpeg or application/pdf. */
  mediaType: string;
  /** Absolute path of the file, read when the snapshot is built. */
  path: string;
}

export interface DatasetV2 {
  tables: BoardTables;
  documents: readonly DeliveredDocument[];
}
