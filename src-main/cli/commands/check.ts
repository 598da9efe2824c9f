// `minsheng check --data DIR --report DIR`: imports a folder of department spreadsheets, cleans and
// validates every row, runs the comparison rules, and writes the report. Exits 1 when any row is
// rejected, a file cannot be read or the report cannot be written; 2, before anything is read,
// for a bad command line, data folder, rules file or header mapping file; 0 otherwise. Warnings
// of the comparison rules never fail the check.
import path from 'node:path';
import { checkPassed, runCheck } from '../../publisher/check/run-check.js';
import { writeCheckReport } from '../../publisher/check/write-check-report.js';
import { writeStandardFolder } from '../../publisher/check/write-standard-folder.js';
import { EXIT_SETUP, folderOptionsUsable, runCheckStep, writeOrReport } from '../check-setup.js';
import { checkSummaryLines } from '../check-summary.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../command.js';

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
    const outDir = values.out === undefined ? null : path.resolve(values.out);
    const t = context.t;

    if (!(await folderOptionsUsable({ dataDir, reportDir, outDir }, context))) return EXIT_SETUP;
    const run = await runCheckStep(() => runCheck({ dataDir, rulesFile: values.rules, mappingFile: values.mapping, t }), context);
    if (run === null) return EXIT_SETUP;
    if (run.imported.folderKind === 'standard') {
      context.stderr.write(`${t('check:command.standardFolder', { dir: dataDir })}\n`);
      return EXIT_SETUP;
    }

    if (!(await writeOrReport(() => writeCheckReport(run.result, reportDir, { t, language: context.language }), reportDir, context))) return 1;
    const passed = checkPassed(run.result);
    const lines = [...checkSummaryLines(run, context, reportDir), t(passed ? 'check:command.passed' : 'check:command.rejected')];

    if (outDir !== null && run.imported.folderKind === 'department') {
      if (!(await writeOrReport(() => writeStandardFolder(run.imported, dataDir, outDir), outDir, context))) return 1;
      lines.push(t('check:command.outWritten', { dir: outDir }));
    }
    (passed ? context.stdout : context.stderr).write(`${lines.join('\n')}\n`);
    return passed ? 0 : 1;
  },
};

export default check;
