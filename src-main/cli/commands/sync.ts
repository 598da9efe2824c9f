// `minsheng sync`: one sync pass from a URL or folder into a snapshot file, for technicians and
// for tests. The kiosk hosts run the same syncOnce on a timer.
import path from 'node:path';
import { syncOnce } from '../../core/sync/sync.js';
import type { SyncOutcome } from '../../core/sync/sync.js';
import { loadTrustedKeys, TrustError } from '../../core/sync/trust.js';
import { parseSourceValue, UnsupportedSourceError } from '../../core/sync/source.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { Command, CommandContext } from '../command.js';
import { parseOptions, requireOption, UsageError } from '../command.js';

/** Turns a rejection or failure into one sentence in the CLI language. */
export function describeSyncProblem(outcome: SyncOutcome & { status: 'rejected' | 'failed' }, t: Translate): string {
  const details: Record<string, string | number> = { ...outcome.details };
  if (typeof details.file === 'string') details.file = t(`sync:file.${details.file}`);
  return t(`sync:reason.${outcome.reason}`, details);
}

/** The URL, or the folder as an absolute path; other schemes are a usage error. */
function sourceOf(value: string, context: CommandContext): string {
  try {
    const location = parseSourceValue(value);
    return location.kind === 'url' ? location.url : path.resolve(location.folder);
  } catch (error) {
    if (!(error instanceof UnsupportedSourceError)) throw error;
    throw new UsageError(context.t('sync:unsupportedSource', { value }));
  }
}

const command: Command = {
  summaryKey: 'sync:summary',

  async run(argv: string[], context: CommandContext): Promise<number> {
    const { values } = parseOptions(argv, {
      source: { type: 'string' },
      trust: { type: 'string' },
      db: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('sync:help')}\n`);
      return 0;
    }

    const sourceValue = requireOption(values, 'source', context);
    const trustFile = path.resolve(requireOption(values, 'trust', context));
    const dbFile = path.resolve(requireOption(values, 'db', context));
    const region = values.region;
    if (region !== undefined && !/^\d{6}$/.test(region)) {
      throw new UsageError(context.t('sync:invalidRegion', { value: region }));
    }
    const source = sourceOf(sourceValue, context);

    let trustedKeys;
    try {
      trustedKeys = loadTrustedKeys(trustFile);
    } catch (error) {
      if (!(error instanceof TrustError)) throw error;
      const message =
        error.kind === 'private-key'
          ? context.t('sync:trustIsPrivateKey', { file: error.file })
          : context.t('sync:trustInvalid', { file: error.file, reason: error.reason });
      context.stderr.write(`${message}\n`);
      return 1;
    }

    const outcome = await syncOnce({ source, trustedKeys, dbFile, expectedRegion: region });
    switch (outcome.status) {
      case 'installed':
        context.stdout.write(
          `${
            outcome.previousVersion === null
              ? context.t('sync:installedFirst', { version: outcome.version })
              : context.t('sync:installed', { version: outcome.version, previous: outcome.previousVersion })
          }\n`,
        );
        return 0;
      case 'up-to-date':
        context.stdout.write(`${context.t('sync:upToDate', { version: outcome.version })}\n`);
        return 0;
      case 'rejected':
        context.stderr.write(`${context.t('sync:rejected', { source, reason: describeSyncProblem(outcome, context.t) })}\n`);
        return 1;
      case 'failed':
        context.stderr.write(`${context.t('sync:failed', { source, reason: describeSyncProblem(outcome, context.t) })}\n`);
        return 1;
    }
  },
};

export default command;
