// Writes rows of a data standard version 2 file. Rows are objects keyed by column name, so a row
// can be built in any order. The header and the cell order come from the file's ColumnSpec list,
// which keeps the generator in step with the standard.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileSpecV2 } from '../../standard-v2/column-spec.js';
import { CsvFileWriter } from '../csv-output.js';

/** A row of a version 2 file: every cell is text as the CSV writes it, and absent cells are empty. */
export type BoardRow = Readonly<Record<string, string | undefined>>;

export class BoardFileWriter {
  private readonly writer: CsvFileWriter;
  private readonly columns: readonly string[];
  private readonly known: ReadonlySet<string>;
  private readonly finalPath: string;

  constructor(
    outDir: string,
    readonly spec: FileSpecV2,
  ) {
    this.columns = spec.columns.map((column) => column.name);
    this.known = new Set(this.columns);
    this.finalPath = path.join(outDir, spec.name);
    this.writer = new CsvFileWriter(this.finalPath, this.columns);
  }

  get rowCount(): number {
    return this.writer.rowCount;
  }

  /** Adds a row. A key that is not a column of the file is a bug in the generator. */
  async write(row: BoardRow): Promise<void> {
    for (const key of Object.keys(row)) {
      if (!this.known.has(key)) throw new Error(`${this.spec.name} has no column ${key}`);
    }
    await this.writer.write(this.columns.map((name) => row[name] ?? ''));
  }

  finish(): Promise<void> {
    return this.writer.finish();
  }

  discard(): Promise<void> {
    return this.writer.discard();
  }

  /** Discards the rows and removes the file an earlier run left under the final name. */
  async discardAndRemove(): Promise<void> {
    await this.writer.discard();
    await rm(this.finalPath, { force: true });
  }
}
