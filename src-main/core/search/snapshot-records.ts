// The searchable records of a format-3 snapshot, read as the three text fields of the search
// index: title (a notice's or project's title), labels (board, category, issuer, funding source,
// responsible unit, supplier) and body (the text, with Markdown syntax removed).
import type { SearchHit } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { foldWhiteSpace, stripMarkdown } from './strip-markdown.js';

export type SearchableKind = SearchHit['kind'];

export interface SearchableRecord {
  kind: SearchableKind;
  id: string;
  regionCode: string;
  regionName: string;
  /** YYYY-MM-DD: issued, replied or published on. */
  date: string;
  title: string;
  labels: string;
  body: string;
  /** Short category values, offered as pinyin suggestions. */
  categories: string[];
}

export const SEARCH_FIELDS = ['title', 'labels', 'body'] as const;

// bm25 weights: a match in the title counts four times a match in the body.
export const SEARCH_FIELD_WEIGHTS: Readonly<Record<(typeof SEARCH_FIELDS)[number], number>> = { title: 4, labels: 2, body: 1 };

const LABEL_SEPARATOR = ' · ';

/** Reads every searchable record of the snapshot: projects, notices, complaint outcomes, accountability notices. */
export function* readSearchableRecords(db: SqliteDatabase): Generator<SearchableRecord> {
  yield* readProjects(db);
  yield* readNotices(db);
  yield* readComplaintOutcomes(db);
  yield* readAccountabilityNotices(db);
}

function* readProjects(db: SqliteDatabase): Generator<SearchableRecord> {
  // Reports are few next to notices, so they are gathered first instead of one query per project.
  const descriptionsByProject = new Map<string, string[]>();
  const reports = db.prepare('SELECT project_id, description FROM project_progress ORDER BY report_date, report_id').all() as {
    project_id: string;
    description: string;
  }[];
  for (const report of reports) {
    const descriptions = descriptionsByProject.get(report.project_id) ?? [];
    descriptions.push(report.description);
    descriptionsByProject.set(report.project_id, descriptions);
  }

  const rows = db
    .prepare(
      `SELECT p.project_id, p.name, p.region_code, r.name AS region_name, p.category, p.funding_source,
              p.responsible_unit, p.award_supplier_name, p.quality_standard, p.published_on
       FROM projects p LEFT JOIN regions r ON r.code = p.region_code
       ORDER BY p.project_id`,
    )
    .iterate() as IterableIterator<{
    project_id: string;
    name: string;
    region_code: string;
    region_name: string | null;
    category: string;
    funding_source: string;
    responsible_unit: string;
    award_supplier_name: string | null;
    quality_standard: string | null;
    published_on: string;
  }>;

  for (const row of rows) {
    const descriptions = descriptionsByProject.get(row.project_id) ?? [];
    yield {
      kind: 'project',
      id: row.project_id,
      regionCode: row.region_code,
      regionName: row.region_name ?? '',
      date: row.published_on,
      title: row.name,
      labels: joinLabels([row.category, row.funding_source, row.responsible_unit, row.award_supplier_name]),
      body: foldWhiteSpace([row.quality_standard ?? '', ...descriptions].join(' ')),
      categories: [row.category],
    };
  }
}

function* readNotices(db: SqliteDatabase): Generator<SearchableRecord> {
  const rows = db
    .prepare(
      `SELECT n.notice_id, n.region_code, r.name AS region_name, n.board, n.category, n.title, n.issuer,
              n.issued_on, n.body_format, n.body
       FROM notices n LEFT JOIN regions r ON r.code = n.region_code
       ORDER BY n.notice_id`,
    )
    .iterate() as IterableIterator<{
    notice_id: string;
    region_code: string;
    region_name: string | null;
    board: string;
    category: string | null;
    title: string;
    issuer: string;
    issued_on: string;
    body_format: string;
    body: string;
  }>;

  for (const row of rows) {
    yield {
      kind: 'notice',
      id: row.notice_id,
      regionCode: row.region_code,
      regionName: row.region_name ?? '',
      date: row.issued_on,
      title: row.title,
      labels: joinLabels([row.board, row.category, row.issuer]),
      body: readableText(row.body_format, row.body),
      categories: row.category ? [row.board, row.category] : [row.board],
    };
  }
}

function* readComplaintOutcomes(db: SqliteDatabase): Generator<SearchableRecord> {
  const rows = db
    .prepare(
      `SELECT c.case_number, c.category, c.region_code, r.name AS region_name, c.outcome, c.outcome_summary,
              c.replied_on, c.text_format, c.text
       FROM complaint_outcomes c LEFT JOIN regions r ON r.code = c.region_code
       ORDER BY c.case_number`,
    )
    .iterate() as IterableIterator<{
    case_number: string;
    category: string;
    region_code: string;
    region_name: string | null;
    outcome: string;
    outcome_summary: string;
    replied_on: string;
    text_format: string | null;
    text: string | null;
  }>;

  // A complaint has no title of its own, so its outcome summary serves as one.
  for (const row of rows) {
    yield {
      kind: 'complaint-outcome',
      id: row.case_number,
      regionCode: row.region_code,
      regionName: row.region_name ?? '',
      date: row.replied_on,
      title: foldWhiteSpace(row.outcome_summary),
      labels: joinLabels([row.category, row.outcome]),
      body: row.text === null ? '' : readableText(row.text_format ?? 'text', row.text),
      categories: [row.category],
    };
  }
}

function* readAccountabilityNotices(db: SqliteDatabase): Generator<SearchableRecord> {
  const rows = db
    .prepare(
      `SELECT a.notice_number, a.region_code, r.name AS region_name, a.title, a.issuer, a.published_on,
              a.category, a.text_format, a.text
       FROM accountability_notices a LEFT JOIN regions r ON r.code = a.region_code
       ORDER BY a.notice_number`,
    )
    .iterate() as IterableIterator<{
    notice_number: string;
    region_code: string;
    region_name: string | null;
    title: string;
    issuer: string;
    published_on: string;
    category: string;
    text_format: string;
    text: string;
  }>;

  for (const row of rows) {
    yield {
      kind: 'accountability-notice',
      id: row.notice_number,
      regionCode: row.region_code,
      regionName: row.region_name ?? '',
      date: row.published_on,
      title: row.title,
      labels: joinLabels([row.category, row.issuer]),
      body: readableText(row.text_format, row.text),
      categories: [row.category],
    };
  }
}

function readableText(format: string, text: string): string {
  return format === 'markdown' ? stripMarkdown(text) : foldWhiteSpace(text);
}

function joinLabels(values: readonly (string | null)[]): string {
  return values
    .filter((value): value is string => value !== null && value.trim() !== '')
    .map(foldWhiteSpace)
    .join(LABEL_SEPARATOR);
}
