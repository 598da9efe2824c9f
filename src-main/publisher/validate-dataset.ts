// Reads and validates the four version 1 files of a county's delivery and the version 2 files it
// includes. Pure apart from reading the files, so a preview tool can show the same rows and
// issues that publish would act on.
import { compareText } from '../../src-shared/compare-text.js';
import { dataAsOfDate } from './data-as-of.js';
import { IssueCollector } from './issues.js';
import type { ValidationIssue } from './issues.js';
import { DATA_FILES } from './standard.js';
import type { DatasetV2 } from './standard-v2/dataset.js';
import { V2_FILE_SPECS } from './standard-v2/index.js';
import { validateDatasetV2 } from './standard-v2/validate-dataset-v2.js';
import { readPayments } from './validate-payments.js';
import type { PaymentRow } from './validate-payments.js';
import { readPersons } from './validate-persons.js';
import type { PersonRow } from './validate-persons.js';
import { readRegions } from './validate-regions.js';
import type { RegionRow } from './validate-regions.js';
import { readSubsidyItems } from './validate-subsidy-items.js';
import type { SubsidyItemRow } from './validate-subsidy-items.js';

export interface ValidateOptions {
  /** The instant that "in the future" is measured against; defaults to now. */
  now?: Date;
  /** How many errors and warnings are kept; all are counted. Default 10,000. */
  issueLimit?: number;
}

export interface Dataset {
  regions: Map<string, RegionRow>;
  subsidyItems: Map<string, SubsidyItemRow>;
  persons: PersonRow[];
  payments: PaymentRow[];
  /** The single county that the persons' villages belong to. */
  county: RegionRow | null;
  /** Newest paid_on in payments.csv or publication date of a board row (YYYY-MM-DD). */
  dataAsOf: string | null;
  /** Board tables and documents of the version 2 files; a file not delivered has no table. */
  v2: DatasetV2;
  /** Kept errors, ordered by file and line. */
  errors: ValidationIssue[];
  errorCount: number;
  warnings: ValidationIssue[];
  warningCount: number;
}

/**
 * Reads regions.csv, subsidy_items.csv, persons.csv and payments.csv from `dataDir`, then the
 * version 2 files present there, and checks every row. The dataset may be published only when
 * `errorCount` is 0.
 */
export async function validateDataset(dataDir: string, options: ValidateOptions = {}): Promise<Dataset> {
  const now = options.now ?? new Date();
  const issues = new IssueCollector(options.issueLimit ?? 10_000);

  const regions = await readRegions(dataDir, issues);
  const subsidyItems = await readSubsidyItems(dataDir, issues);
  const persons = await readPersons(dataDir, regions, now, issues);
  const payments = await readPayments(dataDir, persons, subsidyItems, now, issues);

  if (persons.county === null && persons.persons.length > 0) {
    issues.error('persons.csv', null, 'village_code', null, 'persons.noCounty');
  }

  const v2 = await validateDatasetV2(dataDir, { regions, county: persons.county, subsidyItems }, { now, issues });

  return {
    regions,
    subsidyItems,
    persons: persons.persons,
    payments: payments.payments,
    county: persons.county,
    dataAsOf: dataAsOfDate(payments.newestPaidOn, v2.dataset.tables),
    v2: v2.dataset,
    errors: sortIssues(issues.errors),
    errorCount: issues.errorCount,
    warnings: sortIssues(issues.warnings),
    warningCount: issues.warningCount,
  };
}

// Version 1 files, then version 2 files in the order of the standard, then documents/ by name.
const FILE_ORDER = new Map<string, number>([...DATA_FILES, ...V2_FILE_SPECS.map((spec) => spec.name)].map((name, index) => [name, index]));

// Checks that span a whole file report after its rows, so kept issues are put back in file order.
function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const rank = (file: string) => FILE_ORDER.get(file) ?? FILE_ORDER.size;
  return [...issues].sort(
    (a, b) => rank(a.file) - rank(b.file) || compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}
