// `minsheng sync`: runs one sync pass from a URL, a folder or a USB stick into a terminal's data
// folder, for technicians and for tests. The kiosk hosts run the same syncOnce on a timer.
import path from 'node:path';
import { pointerOrNull } from '../../core/data-folder/pointer.js';
import { syncNotices } from '../../core/notices/notice-sync.js';
import { syncOnce } from '../../core/sync/sync.js';
import type { SyncOutcome } from '../../core/sync/sync.js';
import { parseSourceValue, UnsupportedSourceError } from '../../core/sync/source.js';
import { describeTrustError, loadRootKeys, loadTrustFile, TrustError } from '../../core/trust/anchor.js';
import type { TrustAnchor } from '../../core/trust/anchor.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { Command, CommandContext } from '../command.js';
import { parseOptions, requireOption, UsageError } from '../command.js';

/** Turns a rejection or failure into one sentence in the CLI language. */
export function describeSyncProblem(outcome: SyncOutcome & { status: 'rejected' | 'failed' }, t: Translate): string {
  const details: Record<string, string | number> = { ...outcome.details };
  if (typeof details.messageKey === 'string') return t(details.messageKey, details);
  if (typeof details.file === 'string' && !details.file.endsWith('.json')) details.file = t(`sync:file.${details.file}`);
  if (typeof details.signer === 'string') details.signer = t(`sync:signer.${details.signer}`);
  const key = outcome.reason === 'expired' && details.role === 'root' ? 'sync:reason.expiredRoot' : `sync:reason.${outcome.reason}`;
  return t(key, details);
}

/** Returns the URL, `usb`, or the folder as an absolute path. Other schemes raise a UsageError. */
function sourceOf(value: string, context: CommandContext): string {
  try {
    const location = parseSourceValue(value);
    if (location.kind === 'url') return location.url;
    if (location.kind === 'usb') return 'usb';
    return path.resolve(location.folder);
  } catch (error) {
    if (!(error instanceof UnsupportedSourceError)) throw error;
    throw new UsageError(context.t('sync:unsupportedSource', { value }));
  }
}

/** Loads the trust anchor from --trust, or from --root-key and --threshold. Throws TrustError or UsageError. */
export function trustOf(values: { trust?: string; 'root-key'?: string[]; threshold?: string }, context: CommandContext): TrustAnchor {
  const rootKeys = values['root-key'] ?? [];
  if ((values.trust === undefined) === (rootKeys.length === 0)) throw new UsageError(context.t('sync:trustOptions'));
  if (values.trust !== undefined) {
    if (values.threshold !== undefined) throw new UsageError(context.t('sync:trustOptions'));
    return loadTrustFile(path.resolve(values.trust));
  }

  const threshold = Number(values.threshold);
  if (values.threshold === undefined || !/^\d{1,2}$/.test(values.threshold) || threshold < 1 || threshold > rootKeys.length) {
    throw new UsageError(context.t('sync:invalidThreshold', { value: values.threshold ?? '' }));
  }
  return loadRootKeys(rootKeys.map((file) => path.resolve(file)), threshold);
}

/** Loads the trust anchor of the options, or writes why it cannot be loaded and returns null. Usage errors throw. */
export function trustOrReport(values: Parameters<typeof trustOf>[0], context: CommandContext): TrustAnchor | null {
  try {
    return trustOf(values, context);
  } catch (error) {
    if (!(error instanceof TrustError)) throw error;
    context.stderr.write(`${describeTrustError(error, context.t)}\n`);
    return null;
  }
}

function installedLine(outcome: SyncOutcome & { status: 'installed' }, t: Translate): string {
  if (outcome.previousVersion === null) return t('sync:installedFirst', { version: outcome.version });
  // Only a rotation of the county's publisher keys lets a lower version in, so the message names it.
  if (outcome.olderAfterRotation === true) return t('sync:installedOlder', { version: outcome.version, previous: outcome.previousVersion });
  const key = outcome.method === 'delta' ? 'sync:installedByDelta' : 'sync:installed';
  return t(key, { version: outcome.version, previous: outcome.previousVersion });
}

/** Fetches the emergency notices for the terminal's county and prints one line; returns the exit code. */
async function runNoticePass(
  pass: { source: string; trust: TrustAnchor; dataDir: string; region: string | undefined },
  context: CommandContext,
): Promise<number> {
  const region = pass.region ?? pointerOrNull(pass.dataDir, 'current')?.regionCode;
  if (region === undefined) {
    context.stderr.write(`${context.t('notice:sync.noRegion')}\n`);
    return 1;
  }

  const outcome = await syncNotices({ source: pass.source, trust: pass.trust, dataDir: pass.dataDir, expectedRegion: region });
  switch (outcome.status) {
    case 'absent':
      context.stdout.write(`${context.t('notice:sync.absent', { source: pass.source })}\n`);
      return 0;
    case 'updated':
      context.stdout.write(`${context.t('notice:sync.updated', outcome)}\n`);
      return 0;
    case 'up-to-date':
      context.stdout.write(`${context.t('notice:sync.upToDate', outcome)}\n`);
      return 0;
    case 'rejected':
    case 'failed':
      context.stderr.write(`${context.t(`notice:sync.${outcome.status}`, { source: pass.source, reason: describeSyncProblem(outcome, context.t) })}\n`);
      return 1;
  }
}

const command: Command = {
  summaryKey: 'sync:summary',

  async run(argv: string[], context: CommandContext): Promise<number> {
    const { values } = parseOptions(argv, {
      source: { type: 'string' },
      trust: { type: 'string' },
      'root-key': { type: 'string', multiple: true },
      threshold: { type: 'string' },
      'data-dir': { type: 'string' },
      region: { type: 'string' },
      'notices-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('sync:help')}\n`);
      return 0;
    }

    const sourceValue = requireOption(values, 'source', context);
    const dataDir = path.resolve(requireOption(values, 'data-dir', context));
    const region = values.region;
    if (region !== undefined && !/^\d{6}$/.test(region)) {
      throw new UsageError(context.t('sync:invalidRegion', { value: region }));
    }
    const source = sourceOf(sourceValue, context);

    const trust = trustOrReport(values, context);
    if (trust === null) return 1;

    if (values['notices-only']) return runNoticePass({ source, trust, dataDir, region }, context);

    const outcome = await syncOnce({ source, trust, dataDir, expectedRegion: region });
    switch (outcome.status) {
      case 'installed':
        context.stdout.write(`${installedLine(outcome, context.t)}\n`);
        return runNoticePass({ source, trust, dataDir, region }, context);
      case 'up-to-date':
        context.stdout.write(`${context.t('sync:upToDate', { version: outcome.version })}\n`);
        return runNoticePass({ source, trust, dataDir, region }, context);
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
