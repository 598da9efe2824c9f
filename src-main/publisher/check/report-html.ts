// report.html of `minsheng check`: one self-contained page for the county worker, with inline CSS,
// no scripts and no external resources, so it opens from a USB stick on an offline computer.
// Order: summary, rules, files that could not be read, each table of the department files and of
// the lists the rules read, the warnings per rule, and the rows the warnings link to. Each RowRef of a warning is a link to that row's entry in the last
// section.
import type { Language } from '../../../src-shared/kiosk-api.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { CheckResult, CheckWarning, RowRef, RuleId } from './check-types.js';
import { RULE_IDS } from './check-types.js';
import { chinaTimeText, escapeHtml, formatCount, moreHtml, paragraphHtml, tableHtml } from './report-html-parts.js';
import type { CellContent } from './report-html-parts.js';
import { REPORT_STYLE } from './report-html-style.js';
import { tableAnchorId, tableSectionHtml, tableTitle } from './report-html-tables.js';
import { allFailures, messageText, REPORT_FILES, rowAnchorId, rowRefLabel } from './report-text.js';

/** Warnings listed per rule. */
export const WARNINGS_PER_RULE = 200;
/** Row links listed per warning. */
export const ROWS_PER_WARNING = 20;

export interface ReportOptions {
  t: Translate;
  language: Language;
}

function ruleAnchorId(rule: RuleId): string {
  return `rule:${rule}`;
}

function heading(level: 2 | 3, id: string, text: string): string {
  return `<h${level} id="${id}">${escapeHtml(text)}</h${level}>`;
}

function countFiles(result: CheckResult): number {
  const files = new Set<string>();
  for (const table of result.tables) files.add(table.file);
  for (const failure of result.failures) files.add(failure.file);
  return files.size;
}

function warningCounts(warnings: readonly CheckWarning[]): Map<RuleId, number> {
  const counts = new Map<RuleId, number>();
  for (const warning of warnings) counts.set(warning.rule, (counts.get(warning.rule) ?? 0) + 1);
  return counts;
}

/** Returns why a rule did not run, or null when it ran. */
function ruleStatus(result: CheckResult, rule: RuleId, t: Translate): string | null {
  const entry = result.rules.find((candidate) => candidate.rule === rule);
  if (entry?.ran === true) return null;
  if (entry?.skipped !== undefined) return t('check:report.rules.skipped', { reason: messageText(entry.skipped, t) });
  return t('check:report.rules.notListed');
}

function summaryHtml(result: CheckResult, counts: Map<RuleId, number>, t: Translate): string {
  const sum = (pick: (table: CheckResult['tables'][number]) => number) => result.tables.reduce((total, table) => total + pick(table), 0);
  const rows: [string, number][] = [
    [t('check:report.summary.files'), countFiles(result)],
    [t('check:report.summary.tables'), result.tables.length],
    [t('check:report.summary.rowsRead'), sum((table) => table.rowsRead)],
    [t('check:report.summary.accepted'), sum((table) => table.accepted)],
    [t('check:report.summary.repairedRows'), sum((table) => table.repairedRows)],
    [t('check:report.summary.rejected'), result.rejectedRows],
    [t('check:report.summary.failures'), allFailures(result).length],
    [t('check:report.summary.warnings'), result.warnings.length],
  ];
  const summaryRows = rows.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td class="number">${formatCount(value)}</td></tr>`);
  const verdict =
    result.rejectedRows > 0
      ? paragraphHtml(t('check:report.verdictRejected', { count: result.rejectedRows }), 'verdict problem')
      : paragraphHtml(t('check:report.verdictClean'), 'verdict');

  const ruleRows = RULE_IDS.map((rule) => {
    const status = ruleStatus(result, rule, t) ?? t('check:report.rules.ran');
    const name = `<a href="#${ruleAnchorId(rule)}">${escapeHtml(t(`check:report.rule.${rule}`))}</a>`;
    return `<tr><td>${name}</td><td>${escapeHtml(status)}</td><td class="number">${formatCount(counts.get(rule) ?? 0)}</td></tr>`;
  });
  const ruleHeaders = ['rule', 'status', 'warnings'].map((column) => `<th scope="col">${escapeHtml(t(`check:report.rules.${column}`))}</th>`);

  return [
    '<section>',
    heading(2, 'summary', t('check:report.summary.heading')),
    verdict,
    `<table class="summary"><tbody>${summaryRows.join('\n')}</tbody></table>`,
    `<h3>${escapeHtml(t('check:report.rules.heading'))}</h3>`,
    `<table><thead><tr>${ruleHeaders.join('')}</tr></thead><tbody>${ruleRows.join('\n')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function failuresHtml(result: CheckResult, t: Translate): string {
  const failures = allFailures(result);
  if (failures.length === 0) return '';
  const headers = [t('check:report.failures.file'), t('check:report.failures.problem')];
  const rows = failures.map((failure): CellContent[] => [tableTitle(failure, t), messageText(failure.message, t)]);
  return ['<section>', heading(2, 'failures', t('check:report.failures.heading')), tableHtml(headers, rows, 'rejections'), '</section>'].join('\n');
}

function tablesHtml(result: CheckResult, t: Translate): string {
  const parts = ['<section>', heading(2, 'tables', t('check:report.tables.heading'))];
  if (result.tables.length === 0) parts.push(paragraphHtml(t('check:report.tables.none')));
  result.tables.forEach((table, index) => parts.push(tableSectionHtml(table, tableAnchorId('table', index), t)));
  parts.push('</section>');

  const lists = result.listTables ?? [];
  if (lists.length > 0) {
    parts.push('<section>', heading(2, 'lists', t('check:report.lists.heading')), paragraphHtml(t('check:report.lists.intro')));
    lists.forEach((table, index) => parts.push(tableSectionHtml(table, tableAnchorId('list', index), t)));
    parts.push('</section>');
  }
  return parts.join('\n');
}

/** A listed warning, as a row it links to links back to it. */
interface WarningLink {
  id: string;
  label: string;
}

/** A row some listed warning links to, and those warnings. */
interface CitedRow {
  ref: RowRef;
  warnings: WarningLink[];
}

function rowLinksHtml(warning: CheckWarning, link: WarningLink, cited: Map<string, CitedRow>, t: Translate): string {
  const links = warning.rows.slice(0, ROWS_PER_WARNING).map((ref) => {
    const id = rowAnchorId(ref);
    let row = cited.get(id);
    if (row === undefined) {
      row = { ref, warnings: [] };
      cited.set(id, row);
    }
    // A warning that names one row twice links back once.
    if (row.warnings.at(-1) !== link) row.warnings.push(link);
    return `<li><a href="#${escapeHtml(id)}">${escapeHtml(rowRefLabel(ref, t))}</a></li>`;
  });
  const left = warning.rows.length - ROWS_PER_WARNING;
  const more = left > 0 ? `<li>${escapeHtml(t('check:report.more', { count: left, file: REPORT_FILES.warnings }))}</li>` : '';
  return `<p>${escapeHtml(t('check:report.warnings.rows'))}</p><ul class="row-links">${links.join('')}${more}</ul>`;
}

function warningsHtml(result: CheckResult, counts: Map<RuleId, number>, cited: Map<string, CitedRow>, t: Translate): string {
  const parts = ['<section>', heading(2, 'warnings', t('check:report.warnings.heading')), paragraphHtml(t('check:report.warnings.intro'))];
  if (result.warnings.length === 0) parts.push(paragraphHtml(t('check:report.warnings.none')));

  const byRule = new Map<RuleId, CheckWarning[]>();
  for (const warning of result.warnings) {
    const list = byRule.get(warning.rule) ?? [];
    if (list.length < WARNINGS_PER_RULE) list.push(warning);
    byRule.set(warning.rule, list);
  }

  for (const rule of RULE_IDS) {
    const count = counts.get(rule) ?? 0;
    const ruleName = t(`check:report.rule.${rule}`);
    parts.push(`<section class="rule">`);
    parts.push(heading(3, ruleAnchorId(rule), t('check:report.warnings.ruleHeading', { rule: ruleName, count })));
    const notRun = ruleStatus(result, rule, t);
    if (notRun !== null) parts.push(paragraphHtml(notRun));
    else if (count === 0) parts.push(paragraphHtml(t('check:report.warnings.ruleNone')));

    const items = (byRule.get(rule) ?? []).map((warning, index) => {
      const link = { id: `warning:${rule}:${index + 1}`, label: `${ruleName} #${index + 1}` };
      return `<li id="${link.id}"><p>${escapeHtml(messageText(warning.message, t))}</p>${rowLinksHtml(warning, link, cited, t)}</li>`;
    });
    if (items.length > 0) parts.push(`<ol class="warnings">${items.join('\n')}</ol>`);
    parts.push(moreHtml(count - WARNINGS_PER_RULE, REPORT_FILES.warnings, t));
    parts.push('</section>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function compareRefs(a: RowRef, b: RowRef): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.sheet !== b.sheet) return (a.sheet ?? '') < (b.sheet ?? '') ? -1 : 1;
  return a.row - b.row;
}

function citedRowsHtml(cited: Map<string, CitedRow>, t: Translate): string {
  const parts = ['<section>', heading(2, 'rows', t('check:report.rows.heading')), paragraphHtml(t('check:report.rows.intro'))];
  if (cited.size === 0) parts.push(paragraphHtml(t('check:report.rows.none')));

  const rows = [...cited.entries()].sort(([, a], [, b]) => compareRefs(a.ref, b.ref));
  const items = rows.map(([id, row]) => {
    const backLinks = row.warnings.map((link) => `<a href="#${link.id}">${escapeHtml(link.label)}</a>`);
    const citedBy = `<span class="cited-by">${escapeHtml(t('check:report.rows.citedBy'))} ${backLinks.join(' ')}</span>`;
    return `<li id="${escapeHtml(id)}">${escapeHtml(rowRefLabel(row.ref, t))} ${citedBy}</li>`;
  });
  if (items.length > 0) parts.push(`<ul class="rows">${items.join('\n')}</ul>`);
  parts.push('</section>');
  return parts.join('\n');
}

function contentsHtml(result: CheckResult, t: Translate): string {
  const links = [
    ['summary', t('check:report.summary.heading')],
    ...(allFailures(result).length > 0 ? [['failures', t('check:report.failures.heading')]] : []),
    ['tables', t('check:report.tables.heading')],
    ...result.tables.map((table, index) => [tableAnchorId('table', index), tableTitle(table, t)]),
    ...((result.listTables ?? []).length > 0 ? [['lists', t('check:report.lists.heading')]] : []),
    ['warnings', t('check:report.warnings.heading')],
    ['rows', t('check:report.rows.heading')],
  ];
  const items = links.map(([id, text]) => `<li><a href="#${id}">${escapeHtml(text!)}</a></li>`);
  return `<nav><h2>${escapeHtml(t('check:report.contents'))}</h2><ul>${items.join('')}</ul></nav>`;
}

/** Renders report.html for a check result in the language of `t`. */
export function renderCheckReportHtml(result: CheckResult, { t, language }: ReportOptions): string {
  const counts = warningCounts(result.warnings);
  const cited = new Map<string, CitedRow>();
  const warnings = warningsHtml(result, counts, cited, t);

  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(t('check:report.title'))}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(t('check:report.title'))}</h1>`,
    paragraphHtml(t('check:report.folder', { dir: result.dataDir })),
    paragraphHtml(t('check:report.checkedAt', { time: chinaTimeText(result.checkedAt, language) })),
    contentsHtml(result, t),
    summaryHtml(result, counts, t),
    failuresHtml(result, t),
    tablesHtml(result, t),
    warnings,
    citedRowsHtml(cited, t),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
