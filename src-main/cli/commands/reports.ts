// `minsheng reports export|keygen`: the discipline commission's side of kiosk reports. `export`
// opens the receiver's stored reports with the private key for the case handlers; `keygen`
// makes the commission's key pair.
import path from 'node:path';
import { SEAL_ALGORITHMS } from '../../core/reports/seal-keys.js';
import type { SealAlgorithm } from '../../core/reports/seal-keys.js';
import { EXPORT_FILES, OutFolderNotEmptyError, PROGRESS_COLUMNS, ProgressFileMismatchError, exportReports } from '../../publisher/receiver/export.js';
import type { ExportSummary } from '../../publisher/receiver/export.js';
import { DatabaseDamagedError, NotReceiverDatabaseError } from '../../publisher/receiver/store-checks.js';
import { DatabaseMissingError } from '../../publisher/receiver/store-read.js';
import { KeyFileError, KeyFileExistsError, readCommissionPrivateKey, writeCommissionKeyPair } from '../../publisher/receiver/key-files.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, parseOptions, requireOption } from '../command.js';
import { errorReason, keyFileMessage } from './receive.js';

const SINCE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses --since YYYY-MM-DD as the start of that day in the local time zone. */
function sinceOption(value: string | undefined, context: CommandContext): Date | null {
  if (value === undefined) return null;
  const match = SINCE_DATE.exec(value);
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;

  // new Date rolls 2026-02-30 over to March, so a date that does not read back unchanged is invalid.
  if (date === null || date.getMonth() !== Number(match![2]) - 1 || date.getDate() !== Number(match![3])) {
    throw new UsageError(context.t('receiver:export.invalidSince', { value }));
  }
  return date;
}

function algorithmOption(value: string | undefined, context: CommandContext): SealAlgorithm {
  const algorithm = SEAL_ALGORITHMS.find((choice) => choice === value);
  if (algorithm === undefined) {
    throw new UsageError(context.t('receiver:keygen.invalidAlgorithm', { value: value ?? '', choices: SEAL_ALGORITHMS.join(', ') }));
  }
  return algorithm;
}

async function runExport(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions(argv, {
    db: { type: 'string' },
    key: { type: 'string', multiple: true },
    out: { type: 'string' },
    since: { type: 'string' },
    department: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(`${context.t('receiver:export.help')}\n`);
    return 0;
  }

  const dbFile = path.resolve(requireOption(values, 'db', context));
  // Several --key options open reports sealed before and after a commission key change.
  const keyFiles = values.key ?? [];
  if (keyFiles.length === 0) requireOption(values, 'key', context);
  const outDir = path.resolve(requireOption(values, 'out', context));
  const since = sinceOption(values.since, context);

  const privateKeys = [];
  try {
    for (const keyFile of keyFiles) privateKeys.push(await readCommissionPrivateKey(keyFile));
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    context.stderr.write(`${keyFileMessage(error, context)}\n`);
    return 1;
  }

  let summary;
  try {
    summary = await exportReports({ dbFile, privateKeys, outDir, since, force: values.force ?? false, department: values.department ?? '', t: context.t });
  } catch (error) {
    context.stderr.write(`${exportFailureMessage(error, { file: dbFile, dir: outDir }, context)}\n`);
    return 1;
  }
  return reportExport(summary, { outDir, departmentGiven: values.department !== undefined }, context);
}

function exportFailureMessage(error: unknown, where: { file: string; dir: string }, context: CommandContext): string {
  if (error instanceof OutFolderNotEmptyError) return context.t('receiver:export.outNotEmpty', { dir: error.dir, entries: error.entries.length });
  if (error instanceof DatabaseMissingError) return context.t('receiver:export.dbMissing', { file: error.file, reason: error.reason });
  if (error instanceof NotReceiverDatabaseError) return context.t('receiver:export.notReceiverDatabase', { file: error.file, detail: error.detail });
  if (error instanceof DatabaseDamagedError) return context.t('receiver:export.unreadable', { file: error.file, detail: error.detail });
  if (error instanceof ProgressFileMismatchError) {
    return context.t('receiver:export.progressMismatch', { file: error.file, header: error.header.join(', '), expected: PROGRESS_COLUMNS.join(', ') });
  }
  return context.t('receiver:export.failed', { ...where, reason: errorReason(error) });
}

/** Prints the outcome; exits 1 when a report is missing from the export (listed in errors.csv or unreadable). */
function reportExport(summary: ExportSummary, options: { outDir: string; departmentGiven: boolean }, context: CommandContext): number {
  const lines = [context.t('receiver:export.done', { exported: summary.exported, dir: options.outDir })];
  if (summary.collidingCaseNumbers.length > 0) {
    lines.push(context.t('receiver:export.collisions', { caseNumbers: summary.collidingCaseNumbers.join(', '), file: EXPORT_FILES.reportsCsv }));
  }
  if (summary.progress.existed) {
    lines.push(context.t('receiver:export.progressKept', { file: EXPORT_FILES.progressCsv, kept: summary.progress.kept, added: summary.progress.added }));
  }
  if (!options.departmentGiven) lines.push(context.t('receiver:export.departmentEmpty', { file: EXPORT_FILES.progressCsv }));
  context.stdout.write(`${lines.join('\n')}\n`);

  let complete = true;
  if (summary.damage !== null) {
    context.stderr.write(`${context.t('receiver:export.damaged', { detail: summary.damage, unreadable: summary.unreadableRows })}\n`);
    complete = false;
  }
  if (summary.failed > 0) {
    const file = path.join(options.outDir, EXPORT_FILES.errorsCsv);
    context.stderr.write(`${context.t('receiver:export.someFailed', { failed: summary.failed, file })}\n`);
    complete = false;
  }
  return complete ? 0 : 1;
}

async function runKeygen(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions(argv, {
    algorithm: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(`${context.t('receiver:keygen.help')}\n`);
    return 0;
  }

  const outDir = requireOption(values, 'out', context);
  const algorithm = algorithmOption(requireOption(values, 'algorithm', context), context);

  let written;
  try {
    written = await writeCommissionKeyPair(outDir, algorithm);
  } catch (error) {
    if (error instanceof KeyFileExistsError) {
      context.stderr.write(`${context.t('receiver:keygen.exists', { file: error.file })}\n`);
      return 1;
    }
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    context.stderr.write(`${context.t('receiver:keygen.writeFailed', { dir: outDir, reason })}\n`);
    return 1;
  }

  const message = context.t('receiver:keygen.written', {
    privateKey: written.privateKeyFile,
    publicKey: written.publicKeyFile,
    algorithm: written.key.algorithm,
    keyId: written.key.keyId.toString('hex'),
  });
  context.stdout.write(`${message}\n`);
  return 0;
}

const reports: Command = {
  summaryKey: 'receiver:reports.summary',

  async run(argv, context) {
    const [subcommand, ...rest] = argv;
    if (subcommand === 'export') return runExport(rest, context);
    if (subcommand === 'keygen') return runKeygen(rest, context);

    if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
      context.stdout.write(`${context.t('receiver:reports.help')}\n`);
      return subcommand === undefined ? 2 : 0;
    }
    throw new UsageError(context.t('receiver:reports.unknownSubcommand', { value: subcommand }));
  },
};

export default reports;
