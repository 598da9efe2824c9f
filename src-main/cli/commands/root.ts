// `minsheng root init|sign|rotate|check`: the province's root metadata, kept in a folder of
// 1.root.json, 2.root.json, ... Root keys stay offline; these commands read public keys to
// build a version and private keys only to sign one.
import path from 'node:path';
import { rootFileName } from '../../core/trust/root-schema.js';
import type { RootMetadata, SignedRoot } from '../../core/trust/root-schema.js';
import type { PublicKey } from '../../core/crypto/key-types.js';
import { makeFolder } from '../../core/make-folder.js';
import { RootToolError } from '../../publisher/root-error.js';
import { listRootVersions, readRootChain, readRootFile, writeRootFile } from '../../publisher/root-folder.js';
import { readPrivateKeyFile, readPublicKeyFile, resolveKeyReference } from '../../publisher/root-key-files.js';
import { checkCountyCode, checkExpiresDays, createInitialRoot, rotateRoot, signRoot } from '../../publisher/root-metadata.js';
import { checkRootChain, describeRootVersion } from '../../publisher/root-status.js';
import type { KeyProblem, RoleTally, RootVersionStatus } from '../../publisher/root-status.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, integerOption, parseOptions, requireOption } from '../command.js';

const DEFAULT_EXPIRES_DAYS = 365;
const ROOT_FILE_PATTERN = /^([1-9]\d*)\.root\.json$/;

type Values = Record<string, unknown>;

function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}

function listOption(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? (value as string[]) : [];
}

function rejectPositionals(positionals: string[], context: CommandContext): void {
  if (positionals.length > 0) throw new UsageError(context.t('root:unexpectedArgument', { value: positionals[0] }));
}

/** Parses repeated `--publisher CODE=FILE.pub[,FILE2.pub]` options and reads the key files. */
async function readPublisherOptions(values: Values, context: CommandContext): Promise<Map<string, PublicKey[]>> {
  const publishers = new Map<string, PublicKey[]>();

  for (const option of listOption(values, 'publisher')) {
    const separator = option.indexOf('=');
    const code = option.slice(0, Math.max(separator, 0));
    const files = option.slice(separator + 1).split(',').filter((file) => file !== '');
    if (separator < 1 || files.length === 0) {
      throw new UsageError(context.t('root:publisherOptionInvalid', { value: option }));
    }
    checkCountyCode(code);
    if (publishers.has(code)) throw new UsageError(context.t('root:countyRepeated', { code }));

    const keys: PublicKey[] = [];
    for (const file of files) keys.push(await readPublicKeyFile(file));
    publishers.set(code, keys);
  }
  return publishers;
}

/** Parses repeated `--publisher-threshold CODE=N` options. */
function readPublisherThresholds(values: Values, context: CommandContext): Map<string, number> {
  const thresholds = new Map<string, number>();

  for (const option of listOption(values, 'publisher-threshold')) {
    const match = /^([^=]+)=(\d+)$/.exec(option);
    if (match === null) throw new UsageError(context.t('root:publisherThresholdOptionInvalid', { value: option }));
    const code = match[1]!;
    checkCountyCode(code);
    if (thresholds.has(code)) throw new UsageError(context.t('root:countyRepeated', { code }));
    thresholds.set(code, Number(match[2]));
  }
  return thresholds;
}

function readExpiresDays(values: Values, context: CommandContext): number {
  const days = integerOption(values['expires-days'], 'expires-days', DEFAULT_EXPIRES_DAYS, context);
  checkExpiresDays(days);
  return days;
}

function describeRoles(signed: SignedRoot, context: CommandContext): string[] {
  const lines = [
    context.t('root:summaryRootRole', { keyCount: signed.root.keyIds.length, threshold: signed.root.threshold }),
  ];
  for (const [code, role] of Object.entries(signed.publishers)) {
    lines.push(context.t('root:summaryCounty', { code, keyCount: role.keyIds.length, threshold: role.threshold }));
  }
  lines.push(context.t('root:summaryExpires', { expiresAt: signed.expiresAt }));
  return lines;
}

async function runInit(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    out: { type: 'string' },
    'root-key': { type: 'string', multiple: true },
    threshold: { type: 'string' },
    publisher: { type: 'string', multiple: true },
    'publisher-threshold': { type: 'string', multiple: true },
    'expires-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    write(context.stdout, context.t('root:init.usage'));
    return 0;
  }
  rejectPositionals(positionals, context);

  const outDir = requireOption(values, 'out', context);
  const rootKeyFiles = listOption(values, 'root-key');
  if (rootKeyFiles.length === 0) throw new UsageError(context.t('cli:missingOption', { option: '--root-key' }));
  const threshold = integerOption(requireOption(values, 'threshold', context), 'threshold', 0, context);
  const expiresDays = readExpiresDays(values, context);

  // 1. Nothing is read or written when the folder already has a chain, so it cannot be forked.
  const existing = await listRootVersions(outDir);
  if (existing.length > 0) {
    throw new RootToolError('rootsExist', { dir: outDir, file: rootFileName(existing[existing.length - 1]!) });
  }

  // 2. Every key file is read and every rule checked before the file is written.
  const rootKeys: PublicKey[] = [];
  for (const file of rootKeyFiles) rootKeys.push(await readPublicKeyFile(file));
  const metadata = createInitialRoot({
    rootKeys,
    threshold,
    publishers: await readPublisherOptions(values, context),
    publisherThresholds: readPublisherThresholds(values, context),
    expiresDays,
    now: new Date(),
  });

  // 3. Write version 1, unsigned.
  const file = path.join(outDir, rootFileName(1));
  try {
    await makeFolder(outDir);
  } catch (error) {
    throw new RootToolError('rootWriteFailed', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  await writeRootFile(file, metadata);

  write(context.stdout, context.t('root:init.written', { file, version: 1 }));
  for (const line of describeRoles(metadata.signed, context)) write(context.stdout, `  ${line}`);
  write(context.stdout, context.t('root:nextSign', { file, count: threshold }));
  return 0;
}

async function runRotate(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    dir: { type: 'string' },
    'add-root-key': { type: 'string', multiple: true },
    'remove-root-key': { type: 'string', multiple: true },
    threshold: { type: 'string' },
    publisher: { type: 'string', multiple: true },
    'publisher-threshold': { type: 'string', multiple: true },
    'remove-publisher': { type: 'string', multiple: true },
    'remove-publisher-key': { type: 'string', multiple: true },
    'expires-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    write(context.stdout, context.t('root:rotate.usage'));
    return 0;
  }
  rejectPositionals(positionals, context);

  const dir = requireOption(values, 'dir', context);
  const threshold = values.threshold === undefined ? undefined : integerOption(values.threshold, 'threshold', 0, context);
  const expiresDays = readExpiresDays(values, context);

  // 1. The newest version is the base; the new one gets the next number.
  const versions = await listRootVersions(dir);
  if (versions.length === 0) throw new RootToolError('noRoots', { dir });
  const newest = versions[versions.length - 1]!;
  const previous = (await readRootFile(path.join(dir, rootFileName(newest)), newest)).signed;

  // 2. Resolve every change before building, so a typo changes nothing.
  const removeRootKeyIds: string[] = [];
  for (const reference of listOption(values, 'remove-root-key')) {
    removeRootKeyIds.push(await resolveKeyReference(reference, previous));
  }
  const removePublisherKeyIds: string[] = [];
  for (const reference of listOption(values, 'remove-publisher-key')) {
    removePublisherKeyIds.push(await resolveKeyReference(reference, previous));
  }
  const addRootKeys: PublicKey[] = [];
  for (const file of listOption(values, 'add-root-key')) addRootKeys.push(await readPublicKeyFile(file));

  const metadata = rotateRoot(previous, {
    addRootKeys,
    removeRootKeyIds,
    threshold,
    publishers: await readPublisherOptions(values, context),
    publisherThresholds: readPublisherThresholds(values, context),
    removePublishers: listOption(values, 'remove-publisher'),
    removePublisherKeyIds,
    expiresDays,
    now: new Date(),
  });

  // 3. Write version N+1, unsigned.
  const file = path.join(dir, rootFileName(metadata.signed.version));
  await writeRootFile(file, metadata);

  write(context.stdout, context.t('root:rotate.written', { file, version: metadata.signed.version }));
  for (const line of describeRoles(metadata.signed, context)) write(context.stdout, `  ${line}`);
  write(
    context.stdout,
    context.t('root:rotate.nextSign', {
      file,
      previousCount: previous.root.threshold,
      previousVersion: previous.version,
      count: metadata.signed.root.threshold,
      version: metadata.signed.version,
    }),
  );
  return 0;
}

function tallyLine(tally: RoleTally, kind: 'previous' | 'own', context: CommandContext): string {
  const params = {
    version: tally.version,
    signed: tally.signed,
    keyCount: tally.keyCount,
    threshold: tally.threshold,
    missing: Math.max(tally.threshold - tally.signed, 0),
  };
  return context.t(`root:status.${kind}${tally.met ? 'Met' : 'Missing'}`, params);
}

function keyProblemLine(problem: KeyProblem, context: CommandContext): string {
  switch (problem.kind) {
    case 'unparsable':
      return context.t('root:status.keyUnparsable', { keyId: problem.keyId, reason: problem.reason });
    case 'key-id-mismatch':
      return context.t('root:status.keyIdMismatch', { keyId: problem.keyId, actual: problem.actual });
    case 'algorithm-mismatch':
      return context.t('root:status.algorithmMismatch', { keyId: problem.keyId, declared: problem.declared, actual: problem.actual });
    case 'role-key-missing':
      return context.t('root:status.roleKeyMissing', { keyId: problem.keyId, role: roleLabel(problem.role, context) });
  }
}

/** Formats the lines describing one version's signatures, for sign and check. */
function statusLines(status: RootVersionStatus, context: CommandContext): string[] {
  const lines: string[] = [];
  if (status.previous !== null) lines.push(tallyLine(status.previous, 'previous', context));
  lines.push(tallyLine(status.own, 'own', context));

  for (const tally of [status.previous, status.own]) {
    if (tally !== null && tally.invalid > 0) {
      lines.push(context.t('root:status.invalidSignatures', { count: tally.invalid, version: tally.version }));
    }
  }
  for (const problem of status.keyProblems) lines.push(keyProblemLine(problem, context));

  if (!status.check.ok && status.check.reason === 'root-sequence') {
    lines.push(context.t('root:status.sequence', { expected: status.check.expected, actual: status.check.actual }));
  }
  lines.push(context.t(status.ok ? 'root:status.ready' : 'root:status.notReady', { version: status.version }));
  return lines;
}

async function runSign(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    key: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    write(context.stdout, context.t('root:sign.usage'));
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(context.t('root:sign.fileRequired'));
  const file = positionals[0]!;
  const keyFiles = listOption(values, 'key');
  if (keyFiles.length === 0) throw new UsageError(context.t('cli:missingOption', { option: '--key' }));

  // 1. The file name carries the version, and the version before sits beside it.
  const match = ROOT_FILE_PATTERN.exec(path.basename(file));
  if (match === null) throw new RootToolError('rootFileNameInvalid', { file });
  const version = Number(match[1]);
  let metadata: RootMetadata = await readRootFile(file, version);
  const previous =
    version === 1 ? null : (await readRootFile(path.join(path.dirname(file), rootFileName(version - 1)), version - 1)).signed;

  // 2. Every key is read before any signature is made, so a bad key file changes nothing.
  const keys = [];
  for (const keyFile of keyFiles) keys.push(await readPrivateKeyFile(keyFile));
  for (const key of keys) metadata = signRoot(metadata, key, previous);

  // 3. Write once, atomically.
  await writeRootFile(file, metadata);
  for (const key of keys) {
    write(context.stdout, context.t('root:sign.signed', { file, keyId: key.publicKey.keyId, algorithm: key.algorithm }));
  }
  for (const line of statusLines(describeRootVersion(metadata, previous), context)) write(context.stdout, `  ${line}`);
  return 0;
}

async function runCheck(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    write(context.stdout, context.t('root:check.usage'));
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(context.t('root:check.dirRequired'));
  const dir = positionals[0]!;

  const roots = await readRootChain(dir);
  const chain = checkRootChain(roots, new Date());

  for (const status of chain.versions) {
    write(context.stdout, context.t('root:check.version', { version: status.version, file: rootFileName(status.version) }));
    for (const line of statusLines(status, context)) write(context.stdout, `  ${line}`);
  }
  const unchecked = roots.length - chain.versions.length;
  if (unchecked > 0) write(context.stdout, context.t('root:check.unchecked', { count: unchecked }));

  if (chain.expired) {
    write(context.stdout, context.t('root:check.expired', { version: chain.newestVersion, expiresAt: chain.expiresAt, dir }));
  } else {
    write(context.stdout, context.t('root:check.expires', { version: chain.newestVersion, expiresAt: chain.expiresAt }));
  }

  const stream = chain.ok ? context.stdout : context.stderr;
  write(stream, context.t(chain.ok ? 'root:check.passed' : 'root:check.failed', { dir, version: chain.newestVersion }));
  return chain.ok ? 0 : 1;
}

function roleLabel(role: string, context: CommandContext): string {
  if (role === 'root') return context.t('root:roles.root');
  if (role === 'publishers') return context.t('root:roles.publishers');
  return context.t('root:roles.county', { code: role });
}

function errorMessage(error: RootToolError, context: CommandContext): string {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params.role === 'string') params.role = roleLabel(params.role, context);
  return context.t(`root:errors.${error.code}`, params);
}

const SUBCOMMANDS: Record<string, (argv: string[], context: CommandContext) => Promise<number>> = {
  init: runInit,
  sign: runSign,
  rotate: runRotate,
  check: runCheck,
};

const root: Command = {
  summaryKey: 'root:summary',

  async run(argv, context) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
      write(context.stdout, context.t('root:usage'));
      return name === undefined ? 2 : 0;
    }

    const subcommand = SUBCOMMANDS[name];
    if (subcommand === undefined) throw new UsageError(context.t('root:unknownSubcommand', { name }));

    try {
      return await subcommand(rest, context);
    } catch (error) {
      if (!(error instanceof RootToolError)) throw error;
      write(context.stderr, errorMessage(error, context));
      return 1;
    }
  },
};

export default root;
