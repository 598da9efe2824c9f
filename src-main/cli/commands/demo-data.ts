// `minsheng demo-data`: writes a generated, reproducible demo data set for one county.
import { formatFenAsYuan } from '../../../src-shared/money.js';
import { DemoDataError } from '../../publisher/demo-data/errors.js';
import { DEMO_DATA_LIMITS, generateDemoData } from '../../publisher/demo-data/generate.js';
import type { DemoDataSummary } from '../../publisher/demo-data/generate.js';
import { BOARD_SCALES, isBoardScale } from '../../publisher/demo-data/boards/scale.js';
import type { BoardScale } from '../../publisher/demo-data/boards/scale.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, integerOption, parseOptions, requireOption } from '../command.js';

const DEFAULT_HOUSEHOLDS = 1000;
const DEFAULT_SEED = 1;
const DEFAULT_BOARDS: BoardScale = 'small';

const OPTIONS = {
  county: { type: 'string' },
  out: { type: 'string' },
  households: { type: 'string' },
  seed: { type: 'string' },
  'year-from': { type: 'string' },
  'year-to': { type: 'string' },
  regions: { type: 'string' },
  items: { type: 'string' },
  boards: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function helpText(context: CommandContext): string {
  return context.t('demo:help', {
    maxHouseholds: DEMO_DATA_LIMITS.maxHouseholds,
    defaultHouseholds: DEFAULT_HOUSEHOLDS,
    defaultSeed: DEFAULT_SEED,
    defaultYearFrom: DEMO_DATA_LIMITS.defaultYearFrom,
    defaultYearTo: DEMO_DATA_LIMITS.defaultYearTo,
    maxYears: DEMO_DATA_LIMITS.maxYears,
    defaultBoards: DEFAULT_BOARDS,
  });
}

function boardScaleOption(value: string | undefined, context: CommandContext): BoardScale {
  if (value === undefined) return DEFAULT_BOARDS;
  if (isBoardScale(value)) return value;
  throw new UsageError(context.t('demo:invalidOption', { option: '--boards', value, expected: BOARD_SCALES.join(', ') }));
}

/** Formats the summary: the v1 lines, then one line of board counts unless boards were skipped. */
function doneText(summary: DemoDataSummary, context: CommandContext): string {
  const lines = [context.t('demo:done', { ...summary, totalYuan: formatFenAsYuan(summary.totalFen) })];
  if (summary.boards) {
    const rows = summary.boards.rows;
    lines.push(
      context.t('demo:boardsDone', {
        scale: summary.boards.scale,
        projects: rows['projects.csv'] ?? 0,
        progressReports: rows['project_progress.csv'] ?? 0,
        allocations: rows['fund_allocations.csv'] ?? 0,
        povertyHouseholds: rows['poverty_households.csv'] ?? 0,
        ledgerEntries: rows['finance_entries.csv'] ?? 0,
        contracts: rows['asset_contracts.csv'] ?? 0,
        notices: rows['notices.csv'] ?? 0,
        complaints: rows['complaint_outcomes.csv'] ?? 0,
        accountability: rows['accountability_notices.csv'] ?? 0,
        documents: summary.boards.documents,
        documentMegabytes: (summary.boards.documentBytes / 1_000_000).toFixed(1),
      }),
    );
  }
  return lines.join('\n');
}

const command: Command = {
  summaryKey: 'demo:summary',

  async run(argv, context) {
    const { values, positionals } = parseOptions(argv, OPTIONS);
    if (values.help) {
      context.stdout.write(`${helpText(context)}\n`);
      return 0;
    }
    if (positionals.length > 0) {
      throw new UsageError(context.t('demo:unexpectedArgument', { value: positionals[0] }));
    }

    const countyCode = requireOption(values, 'county', context);
    const outDir = requireOption(values, 'out', context);
    const households = integerOption(values.households, 'households', DEFAULT_HOUSEHOLDS, context, 1);
    const seed = integerOption(values.seed, 'seed', DEFAULT_SEED, context);
    const yearFrom = integerOption(values['year-from'], 'year-from', DEMO_DATA_LIMITS.defaultYearFrom, context);
    const yearTo = integerOption(values['year-to'], 'year-to', DEMO_DATA_LIMITS.defaultYearTo, context);
    const boards = boardScaleOption(values.boards, context);

    try {
      const summary = await generateDemoData({
        countyCode,
        outDir,
        households,
        seed,
        yearFrom,
        yearTo,
        regionsFile: values.regions,
        itemsFile: values.items,
        boards,
      });
      context.stdout.write(`${doneText(summary, context)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DemoDataError)) throw error;

      // A value outside its range is a mistake on the command line, like a malformed option.
      const message = context.t(`demo:${error.key}`, error.values);
      if (error.key === 'invalidOption') throw new UsageError(message);
      context.stderr.write(`${message}\n`);
      return 1;
    }
  },
};

export default command;
