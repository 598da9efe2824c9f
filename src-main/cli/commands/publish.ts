// `minsheng publish`: validates a county's CSV delivery and writes the next signed bundle.
// Every bad row is listed with its file, line, column and value; on any error nothing is written.
// --key may be repeated for threshold signing.
import { writeErrorReport } from '../../publisher/error-report.js';
import { BOARD_TABLE_NAMES } from '../../publisher/build-board-tables.js';
import type { BoardRowCounts } from '../../publisher/build-board-tables.js';
import { formatIssueLine } from '../../publisher/issues.js';
import type { ValidationIssue } from '../../publisher/issues.js';
import { DEFAULT_KEEP_VERSIONS, MAX_EXPIRES_DAYS, MAX_KEEP_VERSIONS, MIN_EXPIRES_DAYS, MIN_KEEP_VERSIONS, PublishError, publish } from '../../publisher/publish.js';
import type { DeltaOutcome, PublishProgress, PublishSuccess } from '../../publisher/publish.js';
import { idKeyFromSigningKeyFile } from '../../publisher/check/id-key.js';
import { DELIVERY_OPTIONS, prepareDeliveryFolder } from '../delivery-folder.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, integerOption, parseOptions, requireOption } from '../command.js';

// With --errors-out, up to this many errors are kept for the report; each costs a few hundred
// bytes of memory, so this bounds the report at some tens of megabytes.
const MAX_REPORTED_ERRORS = 100_000;

function formatCount(value: number, context: CommandContext): string {
  return new Intl.NumberFormat(context.language).format(value);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function progressPrinter(dataDir: string, context: CommandContext): (progress: PublishProgress) => void {
  return (progress) => {
    const t = context.t;
    if (progress.stage === 'stale-lock') context.stderr.write(`${t('publish:publish.staleLock', { lock: progress.lock, pid: progress.pid })}\n`);
    if (progress.stage === 'validating') context.stderr.write(`${t('publish:publish.validating', { dir: dataDir })}\n`);
    if (progress.stage === 'building') context.stderr.write(`${t('publish:publish.building')}\n`);
    if (progress.stage === 'delta') context.stderr.write(`${t('publish:publish.buildingDelta')}\n`);
    if (progress.stage === 'writing') context.stderr.write(`${t('publish:publish.writing')}\n`);
    if (progress.stage === 'usb') context.stderr.write(`${t('publish:publish.usbCopying', { dir: progress.dir })}\n`);
    if (progress.stage === 'deriving-keys') {
      const text = t('publish:publish.derivingKeys', {
        done: formatCount(progress.done, context),
        total: formatCount(progress.total, context),
      });
      context.stderr.write(`${text}\n`);
    }
  };
}

function printWarnings(warnings: ValidationIssue[], count: number, limit: number, context: CommandContext): void {
  if (count === 0) return;
  const lines = [context.t('publish:publish.warningsHeader', { count: formatCount(count, context) })];
  for (const warning of warnings.slice(0, limit)) lines.push(`  ${formatIssueLine(warning, context.t)}`);
  context.stderr.write(`${lines.join('\n')}\n`);
}

function deltaLine(delta: DeltaOutcome | null, context: CommandContext): string {
  const t = context.t;
  if (delta === null) return t('publish:publish.deltaNone');
  if (!delta.shipped) {
    const params = { ...delta.params };
    if (delta.code === 'notSmaller') {
      params.deltaBytes = formatBytes(Number(delta.params.deltaBytes));
      params.payloadBytes = formatBytes(Number(delta.params.payloadBytes));
    }
    return t(`publish:publish.deltaSkipped.${delta.code}`, params);
  }
  return t('publish:publish.delta', {
    path: delta.path,
    size: formatBytes(delta.bytes),
    baseVersion: delta.baseVersion,
    upserts: formatCount(delta.upserts, context),
    deletes: formatCount(delta.deletes, context),
  });
}

/** Lists the rows of every board table, or one line saying the delivery has none. */
function boardLines(counts: BoardRowCounts, context: CommandContext): string[] {
  const t = context.t;
  if (BOARD_TABLE_NAMES.every((table) => counts[table] === 0)) return [t('publish:publish.boardsNone')];

  const lines = [t('publish:publish.boardsHeader')];
  for (const table of BOARD_TABLE_NAMES) {
    lines.push(
      t('publish:publish.boardRows', {
        table: t(`publish:publish.boardTables.${table}`),
        file: table === 'documents' ? 'documents/' : `${table}.csv`,
        count: formatCount(counts[table], context),
      }),
    );
  }
  return lines;
}

function printSuccess(result: PublishSuccess, context: CommandContext): void {
  const t = context.t;
  const lines = [
    t('publish:publish.succeeded'),
    t('publish:publish.version', { version: result.version }),
    t('publish:publish.region', { code: result.regionCode, name: result.regionName }),
    t('publish:publish.counts', {
      households: formatCount(result.householdCount, context),
      persons: formatCount(result.personCount, context),
      payments: formatCount(result.paymentCount, context),
    }),
    ...boardLines(result.boardCounts, context),
    t('publish:publish.dataAsOf', { date: result.dataAsOf }),
    t('publish:publish.bundle', { path: result.payloadPath, size: formatBytes(result.payloadBytes) }),
    deltaLine(result.delta, context),
    ...result.olderDeltas.map((older) =>
      older.outcome.shipped ? deltaLine(older.outcome, context) : t('publish:publish.olderDeltaSkipped', { baseVersion: older.baseVersion, reason: deltaLine(older.outcome, context) }),
    ),
    t('publish:publish.manifest', { path: result.manifestPath }),
    t('publish:publish.hashAlgorithm', { algorithm: result.hashAlgorithm === 'sm3' ? 'SM3' : 'SHA-256' }),
    ...result.keys.map((key) => t('publish:publish.keyId', { keyId: key.keyId, algorithm: key.algorithm === 'sm2' ? 'SM2' : 'Ed25519' })),
  ];
  if (result.rootsCopied.length > 0) lines.push(t('publish:publish.rootsCopied', { files: result.rootsCopied.join(', ') }));
  if (result.removedFiles.length > 0) lines.push(t('publish:publish.removedOld', { files: result.removedFiles.join(', ') }));
  if (!result.lookupKeyReused) lines.push(t('publish:publish.saltNew'));
  for (const usb of result.usb) {
    if (usb.ok) lines.push(t('publish:publish.usbCopied', { dir: usb.dir, folder: usb.folder, count: usb.files.length, size: formatBytes(usb.bytes) }));
  }
  lines.push(t('publish:publish.elapsed', { seconds: (result.elapsedMs / 1000).toFixed(1) }));
  context.stdout.write(`${lines.join('\n')}\n`);
  for (const usb of result.usb) {
    if (!usb.ok) context.stderr.write(`${t(`publish:errors.${usb.code}`, usb.params)}\n`);
  }
}

/** Exit status when the output folder was published but a copy to a USB stick failed. */
const EXIT_USB_FAILED = 3;

const publishCommand: Command = {
  summaryKey: 'publish:publish.summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      data: { type: 'string' },
      key: { type: 'string', multiple: true },
      roots: { type: 'string' },
      out: { type: 'string' },
      'expires-days': { type: 'string' },
      'error-limit': { type: 'string' },
      'errors-out': { type: 'string' },
      keep: { type: 'string' },
      usb: { type: 'string', multiple: true },
      ...DELIVERY_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('publish:publish.usage')}\n\n${context.t('check:command.deliveryHelp')}\n`);
      return 0;
    }

    const dataDir = requireOption(values, 'data', context);
    const keyFiles = values.key ?? [];
    if (keyFiles.length === 0 || keyFiles.some((file) => file.length === 0)) throw new UsageError(context.t('cli:missingOption', { option: '--key' }));
    const rootsDir = values.roots;
    if (rootsDir !== undefined && rootsDir.length === 0) throw new UsageError(context.t('cli:missingOption', { option: '--roots' }));
    const outDir = requireOption(values, 'out', context);
    const expiresInDays = integerOption(values['expires-days'], 'expires-days', 30, context, MIN_EXPIRES_DAYS);
    if (expiresInDays > MAX_EXPIRES_DAYS) {
      throw new UsageError(
        context.t('publish:publish.expiresDaysRange', { value: expiresInDays, min: MIN_EXPIRES_DAYS, max: MAX_EXPIRES_DAYS }),
      );
    }
    const errorLimit = integerOption(values['error-limit'], 'error-limit', 100, context, 1);
    const errorsOut = values['errors-out'];
    const keep = integerOption(values.keep, 'keep', DEFAULT_KEEP_VERSIONS, context, MIN_KEEP_VERSIONS);
    if (keep > MAX_KEEP_VERSIONS) {
      throw new UsageError(context.t('publish:publish.keepRange', { value: keep, min: MIN_KEEP_VERSIONS, max: MAX_KEEP_VERSIONS }));
    }
    const usbDirs = values.usb ?? [];
    if (usbDirs.some((dir) => dir.length === 0)) throw new UsageError(context.t('cli:missingOption', { option: '--usb' }));

    // A folder of department spreadsheets is checked first; no bundle while rows are rejected.
    const idKey = (await idKeyFromSigningKeyFile(keyFiles[0]!)) ?? undefined;
    const delivery = await prepareDeliveryFolder(dataDir, values, { name: 'publish', idKey }, context);
    if (typeof delivery === 'number') return delivery;

    let result;
    try {
      result = await publish({
        dataDir: delivery.standardDir,
        keyFiles,
        rootsDir,
        outDir,
        expiresInDays,
        errorLimit: errorsOut === undefined ? errorLimit : Math.max(errorLimit, MAX_REPORTED_ERRORS),
        onProgress: progressPrinter(dataDir, context),
        errorsOut,
        keep,
        usbDirs,
      });
    } catch (error) {
      if (error instanceof PublishError) {
        context.stderr.write(`${context.t(`publish:errors.${error.code}`, error.params)}\n`);
        return 1;
      }
      // File-system failures (disk full, permissions) are reported; anything else is a bug.
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw error;
      // Node's message already starts with the code ("EACCES: permission denied, open …").
      const message = (error as Error).message;
      const reason = message.startsWith(code) ? message : `${code}: ${message}`;
      context.stderr.write(`${context.t('publish:errors.writeFailed', { reason })}\n`);
      return 1;
    } finally {
      await delivery.remove();
    }

    printWarnings(result.warnings, result.warningCount, errorLimit, context);
    if (result.ok) {
      printSuccess(result, context);
      return result.usb.every((usb) => usb.ok) ? 0 : EXIT_USB_FAILED;
    }

    const shown = result.errors.slice(0, errorLimit);
    const lines = [context.t('publish:publish.failed')];
    for (const issue of shown) lines.push(`  ${formatIssueLine(issue, context.t)}`);
    lines.push(
      shown.length < result.total
        ? context.t('publish:publish.showing', { shown: formatCount(shown.length, context), total: formatCount(result.total, context) })
        : context.t('publish:publish.allShown', { total: formatCount(result.total, context) }),
      context.t('publish:publish.fixAndRetry'),
    );
    context.stderr.write(`${lines.join('\n')}\n`);

    if (errorsOut !== undefined) {
      try {
        await writeErrorReport(errorsOut, result.errors);
        context.stderr.write(`${context.t('publish:publish.errorsWritten', { file: errorsOut, count: formatCount(result.errors.length, context) })}\n`);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        context.stderr.write(`${context.t('publish:publish.errorsWriteFailed', { file: errorsOut, reason })}\n`);
      }
    }
    return 1;
  },
};

export default publishCommand;
