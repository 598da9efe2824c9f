// The step `publish` and `preview` share before they build: a folder of department spreadsheets
// is checked and turned into a standard folder (prepare-delivery.ts), with the check's summary on
// the terminal and, with --report, the full report written. A standard folder passes unchanged.
import path from 'node:path';
import { prepareDelivery } from '../publisher/check/prepare-delivery.js';
import type { PreparedDelivery } from '../publisher/check/prepare-delivery.js';
import { writeCheckReport } from '../publisher/check/write-check-report.js';
import { EXIT_SETUP, folderOptionsUsable, runCheckStep, writeOrReport } from './check-setup.js';
import { checkSummaryLines } from './check-summary.js';
import type { CommandContext } from './command.js';

/** The options both commands take for a folder of department spreadsheets. */
export const DELIVERY_OPTIONS = {
  rules: { type: 'string' },
  mapping: { type: 'string' },
  report: { type: 'string' },
  'accepted-only': { type: 'boolean' },
} as const;

/** The values of DELIVERY_OPTIONS as parseOptions returns them. */
export interface DeliveryValues {
  rules?: string;
  mapping?: string;
  report?: string;
  'accepted-only'?: boolean;
}

export type ReadyDelivery = Exclude<PreparedDelivery, { kind: 'rejected' }>;

/**
 * Prepares the folder to build from. Returns the exit code instead, after printing why: 2 when
 * --report lies in the data folder or the rules or header mapping file is invalid; 1 when rows
 * were rejected without --accepted-only, the folder mixes standard and department files, or the
 * report cannot be written.
 */
export async function prepareDeliveryFolder(
  dataFolder: string,
  values: DeliveryValues,
  command: { name: 'publish' | 'preview'; idKey?: Uint8Array },
  context: CommandContext,
): Promise<ReadyDelivery | number> {
  const { t } = context;
  const options = {
    dataDir: dataFolder,
    rulesFile: values.rules,
    mappingFile: values.mapping,
    reportDir: values.report,
    acceptedOnly: values['accepted-only'] === true,
    idKey: command.idKey,
    command: command.name,
  };
  const dataDir = path.resolve(options.dataDir);
  const reportDir = options.reportDir === undefined ? null : path.resolve(options.reportDir);
  if (!(await folderOptionsUsable({ dataDir, reportDir }, context))) return EXIT_SETUP;
  const prepared = await runCheckStep(() => prepareDelivery({ ...options, t }), context);
  if (prepared === null) return EXIT_SETUP;
  if (prepared.kind === 'standard') return prepared;

  if (reportDir !== null) {
    const report = () => writeCheckReport(prepared.check.result, reportDir, { t, language: context.language });
    if (!(await writeOrReport(report, reportDir, context))) {
      if (prepared.kind !== 'rejected') await prepared.remove();
      return 1;
    }
  }
  const lines = checkSummaryLines(prepared.check, context, reportDir);

  if (prepared.kind === 'rejected') {
    // --accepted-only does not help a folder that mixes standard and department files.
    let advice = options.command === 'publish' ? 'check:command.publishRejected' : 'check:command.previewRejected';
    if (prepared.check.imported.folderKind === 'mixed') advice = 'check:command.mixedFolder';
    lines.push(t(advice));
    context.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  }
  if (prepared.check.result.rejectedRows > 0) lines.push(t('check:command.acceptedOnly', { rejected: prepared.check.result.rejectedRows }));
  context.stderr.write(`${lines.join('\n')}\n`);
  return prepared;
}
