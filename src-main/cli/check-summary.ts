// The terminal's short account of a check: rows read, accepted, repaired and rejected, the files
// that could not be read, the warnings per rule, and where the full report is. `check` prints
// it, and so do `publish` and `preview` when they check a folder of department files.
import { messageText } from '../publisher/check/report-text.js';
import type { TableSummary } from '../publisher/check/check-types.js';
import type { CheckRun } from '../publisher/check/run-check.js';
import type { CommandContext } from './command.js';

function formatCount(value: number, context: CommandContext): string {
  return new Intl.NumberFormat(context.language).format(value);
}

/** Returns the summary lines of a check; `reportDir` is named when a report was written. */
export function checkSummaryLines(run: CheckRun, context: CommandContext, reportDir: string | null): string[] {
  const { t } = context;
  const { result } = run;
  const tables = result.tables;
  const sum = (pick: (table: TableSummary) => number, of: TableSummary[] = tables) => formatCount(of.reduce((total, table) => total + pick(table), 0), context);

  const lines = [
    t('check:command.checked', { dir: result.dataDir }),
    t('check:command.rows', {
      tables: formatCount(tables.length, context),
      read: sum((table) => table.rowsRead),
      accepted: sum((table) => table.accepted),
      repaired: sum((table) => table.repairedRows),
      rejected: sum((table) => table.rejected),
    }),
  ];
  // Rows of the rules' lists are counted apart, so a rejected list row is not hidden behind "0 rejected".
  const lists = result.listTables ?? [];
  if (lists.length > 0) {
    lines.push(
      t('check:command.listRows', {
        tables: formatCount(lists.length, context),
        read: sum((table) => table.rowsRead, lists),
        accepted: sum((table) => table.accepted, lists),
        rejected: sum((table) => table.rejected, lists),
      }),
    );
  }
  for (const notice of run.notices) lines.push(`  ${messageText(notice, t)}`);
  const failures = [...result.failures, ...(result.listFailures ?? [])];
  for (const failure of failures) lines.push(`  ${t('check:command.failure', { problem: messageText(failure.message, t) })}`);

  // When every rule was skipped for the same reason, such as an empty folder, print it once.
  const reasons = new Set(result.rules.map((rule) => (rule.ran || !rule.skipped ? null : messageText(rule.skipped, t))));
  const [onlyReason] = reasons;
  if (reasons.size === 1 && onlyReason !== null && onlyReason !== undefined) {
    lines.push(t('check:command.allRulesSkipped', { reason: onlyReason }));
    if (reportDir !== null) lines.push(t('check:command.report', { dir: reportDir }));
    return lines;
  }
  for (const rule of result.rules) {
    const name = t(`check:report.rule.${rule.rule}`);
    if (!rule.ran) {
      lines.push(t('check:command.ruleSkipped', { rule: name, reason: rule.skipped ? messageText(rule.skipped, t) : '' }));
      continue;
    }
    const count = result.warnings.filter((warning) => warning.rule === rule.rule).length;
    lines.push(t('check:command.ruleWarnings', { rule: name, count: formatCount(count, context) }));
  }

  if (reportDir !== null) lines.push(t('check:command.report', { dir: reportDir }));
  return lines;
}
