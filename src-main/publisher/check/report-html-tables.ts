// The per-table part of report.html: how each CSV file or sheet was read, what was repaired and
// what was rejected. Lists are capped per table, so a 1,000,000-row export with 50,000 rejected
// rows still makes a page a browser opens. The CSV files list everything.
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { CellRepair } from '../import/clean-rows.js';
import type { RepairKind } from '../import/clean-result.js';
import type { TableSummary } from './check-types.js';
import { definitionsHtml, escapeHtml, moreHtml, paragraphHtml, tableHtml } from './report-html-parts.js';
import type { CellContent } from './report-html-parts.js';
import { DELIMITER_NAMES, freeText, messageText, rejectionReason, repairKindNamer, REPORT_FILES } from './report-text.js';

// NOTE: the caps are per table and there is no cap over all tables. One table at every cap (all 19
// repair kinds, 100 rows of three rejected cells) renders to about 135 KB, so a folder of more than
// about 70 such tables would pass 10 MB.
/** Examples listed per repair kind and table. */
export const REPAIR_EXAMPLES_PER_KIND = 20;
/** Rejected rows listed per table, each with all of its rejected cells. */
export const REJECTED_ROWS_PER_TABLE = 100;
/** Rows listed per table that the standardiser rejected. */
export const ROW_PROBLEMS_PER_TABLE = 100;

/** Returns the anchor id of a table's section: "table" or "list" and its place in its array. */
export function tableAnchorId(prefix: 'table' | 'list', index: number): string {
  return `${prefix}:${index + 1}`;
}

/** Names a table for a heading: the file, and the sheet of a workbook. */
export function tableTitle(table: Pick<TableSummary, 'file' | 'sheet'>, t: Translate): string {
  return table.sheet === null ? t('import:table', { file: table.file }) : t('import:tableSheet', { file: table.file, sheet: table.sheet });
}

function kindName(table: TableSummary, t: Translate): string {
  return table.kind === 'standard' ? t('check:report.kind.standard') : t(`import:fileKind.${table.kind}`);
}

function readingHtml(table: TableSummary, t: Translate): string {
  const none = t('check:report.none');
  const entries = [
    { label: t('check:report.table.kind'), value: kindName(table, t) },
    { label: t('check:report.table.encoding'), value: t(`import:encoding.${table.encoding}`) },
  ];
  if (table.delimiter !== null) {
    entries.push({ label: t('check:report.table.delimiter'), value: t(`import:delimiter.${DELIMITER_NAMES[table.delimiter]}`) });
  }
  entries.push({ label: t('check:report.table.headerRow'), value: String(table.headerRow) });

  const titles = table.titleRows.map((title) => `<li>${escapeHtml(freeText(title))}</li>`);
  const footers = table.footerRows.map((footer) => {
    const text = t('check:report.table.footer', { row: footer.row, kind: t(`check:report.footerKind.${footer.kind}`), text: freeText(footer.text) });
    return `<li>${escapeHtml(text)}</li>`;
  });
  const list = (items: string[]) => (items.length === 0 ? escapeHtml(none) : `<ul>${items.join('')}</ul>`);
  const html = true;
  return definitionsHtml([
    ...entries,
    { label: t('check:report.table.titleRows'), value: list(titles), html },
    { label: t('check:report.table.footers'), value: list(footers), html },
  ]);
}

function headerNoticesHtml(table: TableSummary, t: Translate): string {
  if (table.headerNotices.length === 0) return '';
  const items = table.headerNotices.map((notice) => {
    // The label word carries the severity, so it does not rest on colour alone.
    const label = t(`check:report.severity.${notice.severity}`);
    return `<li class="${notice.severity}"><strong>${escapeHtml(label)}</strong> ${escapeHtml(freeText(notice.text))}</li>`;
  });
  return `<h4>${escapeHtml(t('check:report.table.headerNotices'))}</h4><ul class="notices">${items.join('')}</ul>`;
}

function countsHtml(table: TableSummary, t: Translate): string {
  const headers = [
    t('check:report.summary.rowsRead'),
    t('check:report.summary.accepted'),
    t('check:report.summary.repairedRows'),
    t('check:report.summary.rejected'),
  ];
  return tableHtml(headers, [[table.rowsRead, table.accepted, table.repairedRows, table.rejected]], 'counts');
}

/** Groups the first repairs of each kind, in the order the kinds first occur. */
function repairExamples(repairs: readonly CellRepair[]): Map<RepairKind, CellRepair[]> {
  const examples = new Map<RepairKind, CellRepair[]>();
  for (const repair of repairs) {
    let list = examples.get(repair.kind);
    if (list === undefined) {
      list = [];
      examples.set(repair.kind, list);
    }
    if (list.length < REPAIR_EXAMPLES_PER_KIND) list.push(repair);
  }
  return examples;
}

function repairsHtml(table: TableSummary, t: Translate): string {
  const counts = Object.entries(table.repairCounts) as [RepairKind, number][];
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const parts = [`<h4>${escapeHtml(t('check:report.repairs.heading', { count: total }))}</h4>`];
  if (total === 0) return parts.concat(paragraphHtml(t('check:report.repairs.none'))).join('\n');

  const kindName = repairKindNamer(t);
  const examples = repairExamples(table.repairs);
  const headers = ['row', 'column', 'header', 'before', 'after'].map((column) => t(`check:report.repairs.${column}`));
  for (const [kind, count] of counts) {
    parts.push(`<h5>${escapeHtml(t('check:report.repairs.kindHeading', { kind: kindName(kind), count }))}</h5>`);
    const listed = examples.get(kind) ?? [];
    const rows = listed.map((repair): CellContent[] => [repair.row, repair.column, repair.header, repair.before, repair.after]);
    parts.push(tableHtml(headers, rows, 'repairs'));
    parts.push(moreHtml(count - listed.length, REPORT_FILES.repairs, t));
  }
  return parts.join('\n');
}

function rejectionsHtml(table: TableSummary, t: Translate): string {
  const parts = [`<h4>${escapeHtml(t('check:report.rejections.heading', { count: table.cellRejections.length }))}</h4>`];
  if (table.cellRejections.length === 0) return parts.concat(paragraphHtml(t('check:report.rejections.none'))).join('\n');

  const empty = t('check:report.empty');
  const headers = ['row', 'column', 'header', 'value', 'reason'].map((column) => t(`check:report.rejections.${column}`));
  const rows: CellContent[][] = [];
  for (const { row, rejections } of table.cellRejections.slice(0, REJECTED_ROWS_PER_TABLE)) {
    for (const rejection of rejections) {
      rows.push([row, rejection.column, rejection.header, rejection.value === '' ? empty : rejection.value, rejectionReason(rejection, t)]);
    }
  }
  parts.push(tableHtml(headers, rows, 'rejections'));
  parts.push(moreHtml(table.cellRejections.length - REJECTED_ROWS_PER_TABLE, REPORT_FILES.rejections, t));
  return parts.join('\n');
}

function rowProblemsHtml(table: TableSummary, t: Translate): string {
  if (table.rowProblems.length === 0) return '';
  const headers = [t('check:report.rowProblems.row'), t('check:report.rowProblems.problem')];
  const rows = table.rowProblems.slice(0, ROW_PROBLEMS_PER_TABLE).map((problem): CellContent[] => [problem.ref.row, messageText(problem.message, t)]);
  return [
    `<h4>${escapeHtml(t('check:report.rowProblems.heading', { count: table.rowProblems.length }))}</h4>`,
    tableHtml(headers, rows, 'rejections'),
    moreHtml(table.rowProblems.length - ROW_PROBLEMS_PER_TABLE, REPORT_FILES.rejections, t),
  ].join('\n');
}

/** Renders the section of one table, with the anchor id `id`. */
export function tableSectionHtml(table: TableSummary, id: string, t: Translate): string {
  return [
    `<section id="${id}" class="table">`,
    `<h3>${escapeHtml(tableTitle(table, t))}</h3>`,
    readingHtml(table, t),
    headerNoticesHtml(table, t),
    countsHtml(table, t),
    repairsHtml(table, t),
    rejectionsHtml(table, t),
    rowProblemsHtml(table, t),
    '</section>',
  ].join('\n');
}
