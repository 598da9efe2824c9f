// `minsheng check --data DIR --report DIR`: imports a folder of department spreadsheets, cleans and
// validates every row, runs the comparison rules, and writes the report. Exits 1 when any row is
// rejected or a file cannot be read, 2 for a bad command line or rules file, and 0 otherwise;
// warnings of the comparison rules never fail the check.
import path from 'node:path';
import { messageText } from '../../publisher/check/report-text.js';
import { RulesFileError } from '../../publisher/check/rules-file.js';
import { checkPassed, runCheck } from '../../publisher/check/run-check.js';
import type { CheckRun } from '../../publisher/check/run-check.js';
import { writeCheckReport } from '../../publisher/check/write-check-report.js';
import { StandardFolderError, writeStandardFolder } from '../../publisher/check/write-standard-folder.js';
import { checkSummaryLines } from '../check-summary.js';
import type { Command, CommandContext } from '../command.js';
import { parseOptions, requireOption } from '../command.js';

/** Runs the check; prints why and returns null when the rules file is invalid. */
export async function runCheckOrReport(
  options: Parameters<typeof runCheck>[0],
  context: CommandContext,
): Promise<CheckRun | null> {
  try {
    return await runCheck(options);
  } catch (error) {
    if (!(error instanceof RulesFileError)) throw error;
    const lines = [context.t('check:command.rulesFileInvalid', { file: error.file })];
    for (const problem of error.problems) lines.push(`  - ${messageText(problem, context.t)}`);
    context.stderr.write(`${lines.join('\n')}\n`);
    return null;
  }
}

/** Runs a write into `dir`; prints why and returns false when the file system rejects it. */
async function writeOrReport(write: () => Promise<unknown>, dir: string, context: CommandContext): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof StandardFolderError) {
      context.stderr.write(`${context.t('check:command.outIsDataDir', { dir })}\n`);
      return false;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    context.stderr.write(`${context.t('check:command.writeFailed', { dir, reason: (error as Error).message })}\n`);
    return false;
  }
}

const check: Command = {
  summaryKey: 'check:command.summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      data: { type: 'string' },
      report: { type: 'string' },
      rules: { type: 'string' },
      mapping: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('check:command.help')}\n`);
      return 0;
    }
    const dataDir = path.resolve(requireOption(values, 'data', context));
    const reportDir = path.resolve(requireOption(values, 'report', context));
    const t = context.t;

    const run = await runCheckOrReport({ dataDir, rulesFile: values.rules, mappingFile: values.mapping, t }, context);
    if (run === null) return 2;
    if (run.imported.folderKind === 'standard') {
      context.stderr.write(`${t('check:command.standardFolder', { dir: dataDir })}\n`);
      return 2;
    }

    if (!(await writeOrReport(() => writeCheckReport(run.result, reportDir, { t, language: context.language }), reportDir, context))) return 1;
    const passed = checkPassed(run.result);
    const lines = [...checkSummaryLines(run, context, reportDir), t(passed ? 'check:command.passed' : 'check:command.rejected')];

    if (values.out !== undefined && run.imported.folderKind === 'department') {
      const outDir = path.resolve(values.out);
      if (!(await writeOrReport(() => writeStandardFolder(run.imported, dataDir, outDir), outDir, context))) return 1;
      lines.push(t('check:command.outWritten', { dir: outDir }));
    }
    (passed ? context.stdout : context.stderr).write(`${lines.join('\n')}\n`);
    return passed ? 0 : 1;
  },
};

export default check;
