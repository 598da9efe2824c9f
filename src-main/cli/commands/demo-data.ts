// `minsheng demo-data`: writes a generated, reproducible demo data set for one county.
import { formatFenAsYuan } from '../../../src-shared/money.js';
import { DemoDataError } from '../../publisher/demo-data/errors.js';
import { DEMO_DATA_LIMITS, generateDemoData } from '../../publisher/demo-data/generate.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, integerOption, parseOptions, requireOption } from '../command.js';

const DEFAULT_HOUSEHOLDS = 1000;
const DEFAULT_SEED = 1;

const OPTIONS = {
  county: { type: 'string' },
  out: { type: 'string' },
  households: { type: 'string' },
  seed: { type: 'string' },
  'year-from': { type: 'string' },
  'year-to': { type: 'string' },
  regions: { type: 'string' },
  items: { type: 'string' },
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
  });
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
      });
      context.stdout.write(`${context.t('demo:done', { ...summary, totalYuan: formatFenAsYuan(summary.totalFen) })}\n`);
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
