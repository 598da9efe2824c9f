// Rules between the cells of one row and between rows of one file, beyond the ColumnSpec of each
// cell: dates in order, columns filled together, finance categories of the right direction,
// combinations that must be unique, and progress that should not fall. docs/data-standard-v2.md
// lists the same rules under "Rules that publish enforces".
import { compareText } from '../../../src-shared/compare-text.js';
import type { IssueCollector, IssueFileName } from '../issues.js';
import type { CellValue } from './dataset.js';
import { REPLY_STAGES } from './report-progress.js';
import { EXPENDITURE_CATEGORIES, INCOME_CATEGORIES } from './village-finance.js';

/** Cells of one row by CSV column: the checked value, null when empty, undefined when invalid. */
export type ParsedCells = ReadonlyMap<string, CellValue | undefined>;

export interface RowRules {
  /** Checks one row whose cells were parsed; returns false after reporting a broken rule. */
  check(line: number, cells: ParsedCells): boolean;
  /** Reports rules that need the whole file, after its last row. */
  finish(): void;
}

interface FileRules {
  /** Pairs [earlier, later]: the later column's value must not be smaller. */
  ordered?: ReadonlyArray<readonly [string, string]>;
  /** Groups of columns that are filled all together or left empty all together. */
  together?: ReadonlyArray<readonly string[]>;
  /** Column combinations that no two rows may share. */
  uniqueTogether?: ReadonlyArray<readonly string[]>;
  /** Optional columns that must be filled when another column has one of the listed values. */
  requiredWhen?: ReadonlyArray<{ column: string; whenColumn: string; values: readonly string[] }>;
}

const COUNTERPARTY = ['counterparty_name', 'counterparty_kind'] as const;

const RULES: Record<string, FileRules> = {
  'projects.csv': {
    ordered: [
      ['planned_start_date', 'planned_end_date'],
      ['contract_period_start_date', 'contract_period_end_date'],
      ['tender_period_start_date', 'award_date'],
      ['award_date', 'contract_date_signed'],
    ],
    together: [
      ['award_date', 'award_supplier_name', 'award_supplier_kind', 'award_value_amount'],
      ['contract_date_signed', 'contract_value_amount'],
      ['acceptance_result', 'acceptance_date'],
    ],
  },
  'fund_allocations.csv': { uniqueTogether: [['item_code', 'batch', 'village_code']] },
  'poverty_households.csv': { ordered: [['registered_year', 'exit_year']] },
  'finance_entries.csv': { together: [COUNTERPARTY] },
  'finance_balances.csv': { ordered: [['arose_on', 'as_of']] },
  'asset_contracts.csv': { ordered: [['start_date', 'end_date']] },
  'notice_attachments.csv': { uniqueTogether: [['notice_id', 'file_name']] },
  'complaint_outcomes.csv': { ordered: [['received_on', 'replied_on']] },
  'report_progress.csv': {
    ordered: [['updated_on', 'published_on']],
    requiredWhen: [{ column: 'reply', whenColumn: 'stage', values: REPLY_STAGES }],
  },
};

const INCOME = new Set<string>(INCOME_CATEGORIES);
const EXPENDITURE = new Set<string>(EXPENDITURE_CATEGORIES);

/** Returns the rules of one version 2 file; a file without extra rules gets rules that pass. */
export function rowRulesFor(file: IssueFileName, issues: IssueCollector): RowRules {
  const rules = RULES[file] ?? {};
  const firstLineOfCombination = (rules.uniqueTogether ?? []).map(() => new Map<string, number>());
  const progress = file === 'project_progress.csv' ? new ProgressTracker(file, issues) : null;

  const check = (line: number, cells: ParsedCells): boolean => {
    let ok = true;
    const fail = (column: string, code: string, params: Record<string, string | number>) => {
      issues.error(file, line, column, String(cells.get(column) ?? ''), code, params);
      ok = false;
    };

    for (const [earlier, later] of rules.ordered ?? []) {
      const start = cells.get(earlier);
      const end = cells.get(later);
      if (start == null || end == null || end >= start) continue;
      fail(later, 'validation-v2:rule.orderReversed', { otherColumn: earlier, other: start });
    }

    for (const group of rules.together ?? []) {
      const filled = group.filter((column) => cells.get(column) !== null);
      const empty = group.filter((column) => cells.get(column) === null);
      if (filled.length === 0 || empty.length === 0) continue;
      fail(empty[0]!, 'validation-v2:rule.fillTogether', { filled: filled.join(', '), group: group.join(', ') });
    }

    for (const { column, whenColumn, values } of rules.requiredWhen ?? []) {
      const condition = cells.get(whenColumn);
      if (cells.get(column) !== null || typeof condition !== 'string' || !values.includes(condition)) continue;
      fail(column, 'validation-v2:rule.requiredWhen', { otherColumn: whenColumn, other: condition });
    }

    (rules.uniqueTogether ?? []).forEach((columns, index) => {
      const values = columns.map((column) => cells.get(column));
      if (values.some((value) => value == null)) return;
      const key = values.join('\u0000');
      const seen = firstLineOfCombination[index]!;
      const firstLine = seen.get(key);
      if (firstLine === undefined) seen.set(key, line);
      else fail(columns[columns.length - 1]!, 'validation-v2:rule.duplicateCombination', { columns: columns.join(', '), firstLine });
    });

    if (file === 'finance_entries.csv') ok = checkFinanceEntry(cells, fail) && ok;
    progress?.add(line, cells);
    return ok;
  };

  return { check, finish: () => progress?.finish() };
}

function checkFinanceEntry(
  cells: ParsedCells,
  fail: (column: string, code: string, params: Record<string, string | number>) => void,
): boolean {
  let ok = true;
  const direction = cells.get('direction');
  const category = cells.get('category');
  if (typeof direction === 'string' && typeof category === 'string') {
    const allowed = direction === '收入' ? INCOME : EXPENDITURE;
    if (!allowed.has(category)) {
      fail('category', 'validation-v2:rule.categoryDirection', { direction, allowed: [...allowed].join(', ') });
      ok = false;
    }
  }

  const period = cells.get('period');
  const entryDate = cells.get('entry_date');
  if (typeof period === 'string' && typeof entryDate === 'string' && !entryDate.startsWith(`${period}-`)) {
    fail('entry_date', 'validation-v2:rule.dateOutsidePeriod', { period });
    ok = false;
  }
  return ok;
}

// Progress of one project, by report date, should not fall: a fall is usually a typo, but a
// county may correct an earlier estimate, so it is a warning.
class ProgressTracker {
  private readonly reports = new Map<string, Array<{ date: string; percent: number; line: number }>>();

  constructor(
    private readonly file: IssueFileName,
    private readonly issues: IssueCollector,
  ) {}

  add(line: number, cells: ParsedCells): void {
    const projectId = cells.get('project_id');
    const date = cells.get('report_date');
    const percent = cells.get('progress_percent');
    if (typeof projectId !== 'string' || typeof date !== 'string' || typeof percent !== 'number') return;

    let list = this.reports.get(projectId);
    if (list === undefined) {
      list = [];
      this.reports.set(projectId, list);
    }
    list.push({ date, percent, line });
  }

  finish(): void {
    for (const list of this.reports.values()) {
      list.sort((a, b) => compareText(a.date, b.date) || a.line - b.line);
      for (let index = 1; index < list.length; index += 1) {
        const previous = list[index - 1]!;
        const current = list[index]!;
        if (current.percent >= previous.percent) continue;
        this.issues.warning(this.file, current.line, 'progress_percent', String(current.percent), 'validation-v2:rule.progressFell', {
          previous: previous.percent,
          previousDate: previous.date,
          previousLine: previous.line,
        });
      }
    }
  }
}
