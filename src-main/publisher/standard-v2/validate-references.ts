// Cross-file references of version 2 (`references: 'file.csv:column'`): the values each referenced
// column holds, gathered while its file is read. V2_FILE_SPECS lists every referenced file before
// the files that refer to it, so one pass in that order suffices; subsidy_items.csv comes from
// version 1.
import type { IssueCollector, IssueFileName } from '../issues.js';
import type { ColumnSpec, FileSpecV2 } from './column-spec.js';

/** Check plan of one referencing column. */
export type ReferenceCheck =
  | { kind: 'check'; values: ReadonlySet<string>; file: string; column: string }
  /** The referenced file is missing or unreadable; its issue is already reported. */
  | { kind: 'skip' };

export class ReferenceIndex {
  /** Values per referenced `file:column`, filled while that file is read. */
  private readonly values = new Map<string, Set<string>>();
  private readonly readWhole = new Set<string>();

  constructor(
    specs: readonly FileSpecV2[],
    private readonly issues: IssueCollector,
    version1Values: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    for (const spec of specs) {
      for (const column of spec.columns) {
        if (column.references !== undefined) this.values.set(column.references, new Set());
      }
    }
    for (const [reference, values] of version1Values) {
      this.values.set(reference, new Set(values));
      this.readWhole.add(reference.split(':')[0]!);
    }
  }

  /** Returns the referenced `file:column` keys of `spec` that other files need, by column name. */
  collectedColumns(spec: FileSpecV2): Map<string, Set<string>> {
    const collected = new Map<string, Set<string>>();
    for (const column of spec.columns) {
      const values = this.values.get(`${spec.name}:${column.name}`);
      if (values !== undefined) collected.set(column.name, values);
    }
    return collected;
  }

  /** Records that `file` was read to its end with a valid header, so references to it can be checked. */
  markReadWhole(file: string): void {
    this.readWhole.add(file);
  }

  /**
   * Decides how the references of `column` in `file` are checked. A referenced file that was not
   * delivered or not read whole is reported once per column, and its references are skipped.
   */
  prepare(file: IssueFileName, column: ColumnSpec, delivered: ReadonlySet<string>): ReferenceCheck | null {
    if (column.references === undefined) return null;
    const [otherFile, otherColumn] = column.references.split(':') as [string, string];

    if (!delivered.has(otherFile)) {
      this.issues.error(file, null, column.name, null, 'validation-v2:reference.fileMissing', { other: otherFile });
      return { kind: 'skip' };
    }
    if (!this.readWhole.has(otherFile)) {
      this.issues.error(file, null, column.name, null, 'file.crossCheckSkipped', { other: otherFile });
      return { kind: 'skip' };
    }
    return { kind: 'check', values: this.values.get(column.references)!, file: otherFile, column: otherColumn };
  }
}
