// Validates the version 2 files of a county's delivery against V2_FILE_SPECS, after the version 1
// files: regions, the county and the subsidy items come from there. Each file is optional, but a
// present file is checked fully. Pure apart from reading the files.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { RegionLevel } from '../../../src-shared/region-code.js';
import { chinaDate } from '../field-checks.js';
import { IssueCollector } from '../issues.js';
import { DATA_FILES } from '../standard.js';
import { countyOf } from '../validate-regions.js';
import type { RegionRow } from '../validate-regions.js';
import type { SubsidyItemRow } from '../validate-subsidy-items.js';
import type { BoardTables, DatasetV2, TableRow } from './dataset.js';
import { V2_FILE_SPECS } from './index.js';
import type { CellEnvironment, RegionProblem } from './validate-cells.js';
import { DocumentFolder } from './validate-documents.js';
import { validateFileV2 } from './validate-file.js';
import { ReferenceIndex } from './validate-references.js';
import { tableNameOf } from './validate-snapshot-row.js';

/** Results of the version 1 files of the same delivery that version 2 checks against. */
export interface V2Context {
  regions: Map<string, RegionRow>;
  /** The county of the publication; null when version 1 could not determine it. */
  county: RegionRow | null;
  subsidyItems: ReadonlyMap<string, SubsidyItemRow>;
}

export interface ValidateV2Options {
  /** The instant that "in the future" is measured against; defaults to now. */
  now?: Date;
  /** Collector shared with version 1, so both count towards one error total; a new one by default. */
  issues?: IssueCollector;
  /** How many issues a new collector keeps. Default 10,000. */
  issueLimit?: number;
}

/**
 * Reads and checks every version 2 file present in `dataDir`, and the files of documents/ that
 * they name. Bad input becomes issues rather than exceptions, and only rows without issues
 * reach `dataset`.
 */
export async function validateDatasetV2(
  dataDir: string,
  context: V2Context,
  options: ValidateV2Options = {},
): Promise<{ dataset: DatasetV2; issues: IssueCollector }> {
  const now = options.now ?? new Date();
  const issues = options.issues ?? new IssueCollector(options.issueLimit ?? 10_000);

  const delivered = new Set<string>();
  for (const name of [...DATA_FILES, ...V2_FILE_SPECS.map((spec) => spec.name)]) {
    if (await exists(path.join(dataDir, name))) delivered.add(name);
  }

  const version1Values = new Map<string, ReadonlySet<string>>();
  if (!issues.incompleteFiles.has('subsidy_items.csv')) {
    version1Values.set('subsidy_items.csv:item_code', new Set(context.subsidyItems.keys()));
  }
  const references = new ReferenceIndex(V2_FILE_SPECS, issues, version1Values);
  const documents = new DocumentFolder(dataDir, issues);
  const env: CellEnvironment = {
    issues,
    now,
    today: chinaDate(now),
    checkRegion: issues.incompleteFiles.has('regions.csv') ? null : regionChecker(context),
  };

  const tables = new Map<string, readonly TableRow[]>();
  for (const spec of V2_FILE_SPECS) {
    if (!delivered.has(spec.name)) continue;

    if (env.checkRegion === null && spec.columns.some((column) => column.type === 'region_code')) {
      issues.error(spec.name as `${string}.csv`, null, null, null, 'file.crossCheckSkipped', { other: 'regions.csv' });
    }
    const rows = await validateFileV2(dataDir, spec, { env, references, documents, delivered });
    tables.set(tableNameOf(spec), rows);
  }
  await documents.warnUnreferenced();
  documents.checkTotalSize();

  const boardTables: BoardTables = tables;
  return { dataset: { tables: boardTables, documents: documents.deliveredDocuments() }, issues };
}

/** Checks region codes against regions.csv, their level and the county of the publication. */
function regionChecker(context: V2Context): (code: string, levels: readonly RegionLevel[]) => RegionProblem | null {
  const countyOfCode = new Map<string, RegionRow | null>();

  return (code, levels) => {
    const region = context.regions.get(code);
    if (region === undefined) return { code: 'notFound' };
    if (!levels.includes(region.level)) return { code: 'wrongLevel', level: region.level };
    if (context.county === null) return null;

    let county = countyOfCode.get(code);
    if (county === undefined) {
      county = countyOf(code, context.regions);
      countyOfCode.set(code, county);
    }
    if (county?.code === context.county.code) return null;
    return { code: 'otherCounty', county: county?.name ?? code, publicationCounty: context.county.name };
  };
}

// A path that exists in any form counts as delivered, so a folder or a FIFO named like a data
// file is reported by the reader instead of being skipped silently.
async function exists(filePath: string): Promise<boolean> {
  try {
    await lstat(filePath);
    return true;
  } catch {
    return false;
  }
}
