// `minsheng preview --data DIR`: the kiosk screens on the county's not-yet-published delivery, so
// the worker checks what villagers will see before signing. The delivery is validated and built
// exactly as publish builds it, installed unsigned into a temporary data folder, and served by the
// same browser host as `minsheng serve` until Ctrl+C; the temporary folder is then deleted.
import path from 'node:path';
import { formatIssueLine } from '../../publisher/issues.js';
import { buildPreviewFolder } from '../../publisher/preview-folder.js';
import type { Command, CommandContext } from '../command.js';
import { DELIVERY_OPTIONS, prepareDeliveryFolder } from '../delivery-folder.js';
import { integerOption, parseOptions, requireOption } from '../command.js';
import serve from './serve.js';

/** Default port: next to `minsheng serve`'s, so a preview can run beside a local kiosk. */
export const DEFAULT_PREVIEW_PORT = 8766;

const preview: Command = {
  summaryKey: 'preview:summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      data: { type: 'string' },
      port: { type: 'string' },
      static: { type: 'string' },
      'error-limit': { type: 'string' },
      ...DELIVERY_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('preview:help', { defaultPort: DEFAULT_PREVIEW_PORT })}\n\n${context.t('check:command.deliveryHelp')}\n`);
      return 0;
    }
    const dataDir = path.resolve(requireOption(values, 'data', context));
    const port = integerOption(values.port, 'port', DEFAULT_PREVIEW_PORT, context);
    const errorLimit = integerOption(values['error-limit'], 'error-limit', 100, context, 1);
    const t = context.t;

    context.stderr.write(`${t('preview:building', { dir: dataDir })}\n`);
    const delivery = await prepareDeliveryFolder(dataDir, values, { name: 'preview' }, context);
    if (typeof delivery === 'number') return delivery;
    try {
      return await previewDelivery(delivery.standardDir, { port, errorLimit, staticDir: values.static }, context);
    } finally {
      await delivery.remove();
    }
  },
};

/** Builds the preview of a standard folder and serves it until stopped. */
async function previewDelivery(
  standardDir: string,
  options: { port: number; errorLimit: number; staticDir: string | undefined },
  context: CommandContext,
): Promise<number> {
  const { t } = context;
  const { port, errorLimit } = options;
  const built = await buildPreviewFolder({ standardDir, errorLimit });
  if (!built.ok) {
    const lines = [t('preview:rejected')];
    for (const issue of built.errors.slice(0, errorLimit)) lines.push(`  ${formatIssueLine(issue, t)}`);
    lines.push(t('preview:errorCount', { shown: Math.min(errorLimit, built.errors.length), total: built.total }));
    context.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  }

  try {
    context.stdout.write(
      `${[
        t('preview:ready', { code: built.regionCode, name: built.regionName, dataAsOf: built.dataAsOf }),
        t('preview:counts', { households: built.counts.householdCount, persons: built.counts.personCount, payments: built.counts.paymentCount }),
        built.warningCount > 0 ? t('preview:warnings', { count: built.warningCount }) : null,
        t('preview:notPublished'),
      ]
        .filter((line) => line !== null)
        .join('\n')}\n`,
    );
    const serveArgs = ['--data-dir', built.dataDir, '--port', String(port)];
    if (options.staticDir !== undefined) serveArgs.push('--static', options.staticDir);
    return await serve.run(serveArgs, context);
  } finally {
    await built.remove();
  }
}

export default preview;
