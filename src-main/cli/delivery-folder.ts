// The step `publish` and `preview` share before they build: a folder of department spreadsheets
// is checked and turned into a standard folder (prepare-delivery.ts), with the check's summary on
// the terminal and, with --report, the full report written. A standard folder passes unchanged.
import path from 'node:path';
import { prepareDelivery } from '../publisher/check/prepare-delivery.js';
import type { PrepareOptions, PreparedDelivery } from '../publisher/check/prepare-delivery.js';
import { messageText } from '../publisher/check/report-text.js';
import { RulesFileError } from '../publisher/check/rules-file.js';
import { writeCheckReport } from '../publisher/check/write-check-report.js';
import { checkSummaryLines } from './check-summary.js';
import type { CommandContext } from './command.js';

/** The options both commands take for a folder of department spreadsheets. */
export const DELIVERY_OPTIONS = {
  rules: { type: 'string' },
  mapping: { type: 'string' },
  report: { type: 'string' },
  'accepted-only': { type: 'boolean' },
} as const;

export type ReadyDelivery = Exclude<PreparedDelivery, { kind: 'rejected' }>;

/**
 * Prepares the folder to build from. Returns the exit code instead when the rules file is invalid
 * (2) or rows were rejected without --accepted-only (1), after printing why.
 */
export async function prepareDeliveryFolder(
  options: Omit<PrepareOptions, 't'> & { reportDir?: string; command: 'publish' | 'preview' },
  context: CommandContext,
): Promise<ReadyDelivery | number> {
  const { t } = context;
  let prepared: PreparedDelivery;
  try {
    prepared = await prepareDelivery({ ...options, t });
  } catch (error) {
    if (!(error instanceof RulesFileError)) throw error;
    const lines = [t('check:command.rulesFileInvalid', { file: error.file })];
    for (const problem of error.problems) lines.push(`  - ${messageText(problem, t)}`);
    context.stderr.write(`${lines.join('\n')}\n`);
    return 2;
  }
  if (prepared.kind === 'standard') return prepared;

  const reportDir = options.reportDir === undefined ? null : path.resolve(options.reportDir);
  if (reportDir !== null) await writeCheckReport(prepared.check.result, reportDir, { t, language: context.language });
  const lines = checkSummaryLines(prepared.check, context, reportDir);

  if (prepared.kind === 'rejected') {
    lines.push(t(options.command === 'publish' ? 'check:command.publishRejected' : 'check:command.previewRejected'));
    context.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  }
  if (prepared.check.result.rejectedRows > 0) lines.push(t('check:command.acceptedOnly', { rejected: prepared.check.result.rejectedRows }));
  context.stderr.write(`${lines.join('\n')}\n`);
  return prepared;
}
