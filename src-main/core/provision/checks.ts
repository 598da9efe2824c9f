// Checks of a provisioned config that the schema cannot make: the key files are readable public
// keys that the kiosk accepts, a root trust file has publishers for the terminal's county, the
// source folder exists, the data folder can be created, and the config file is none of the input
// files. They read the same files with the same functions as the kiosk at start.
import { constants, realpathSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config.js';
import { readCommissionKey } from '../reports/commission-key.js';
import { describeTrustError, loadRootKeys, loadTrustFile, TrustError } from '../trust/anchor.js';
import type { TrustAnchor } from '../trust/anchor.js';
import { MAX_ROOT_BYTES } from '../trust/root-schema.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { NamedPaths, ProvisionProblem } from './build-config.js';

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * Returns why `file` cannot be a key, trust or commission key file, or null. The trust loader reads a file
 * whole, so a device such as /dev/zero or a huge file is turned away before it is read.
 */
async function keyFileProblem(file: string, t: Translate): Promise<string | null> {
  let stats;
  try {
    stats = await stat(file);
  } catch (error) {
    return t('provision:problem.fileUnreadable', { file, reason: errorCode(error) });
  }
  if (!stats.isFile()) return t('provision:problem.notAFile', { file });
  if (stats.size > MAX_ROOT_BYTES) return t('provision:problem.fileTooLarge', { file, maxBytes: MAX_ROOT_BYTES });
  return null;
}

/** Runs a trust loader and returns its TrustError explained, or null when it loads. */
function loadProblem(load: () => unknown, t: Translate): string | null {
  try {
    load();
    return null;
  } catch (error) {
    if (!(error instanceof TrustError)) throw error;
    return describeTrustError(error, t);
  }
}

/**
 * Returns why a root trust file cannot serve the county `regionCode`, or null. Sync accepts a
 * bundle only from the publishers the root names for the terminal's county, so a county the root
 * does not list would have every bundle rejected. Publisher keys name no counties.
 */
function regionProblem(file: string, anchor: TrustAnchor, regionCode: unknown, t: Translate): string | null {
  if (anchor.kind !== 'root' || typeof regionCode !== 'string') return null;
  const counties = Object.keys(anchor.root.signed.publishers).sort();
  if (counties.includes(regionCode)) return null;
  return t('provision:problem.regionNotInTrust', { file, region: regionCode, counties: counties.join(', ') || '-' });
}

async function trustProblems(paths: NamedPaths, threshold: unknown, regionCode: unknown, t: Translate): Promise<ProvisionProblem[]> {
  const problems: ProvisionProblem[] = [];

  const trust = paths.trust;
  if (trust !== undefined) {
    let anchor: TrustAnchor | undefined;
    const message = (await keyFileProblem(trust, t)) ?? loadProblem(() => (anchor = loadTrustFile(trust)), t);
    if (message !== null) problems.push({ option: 'trust', field: 'sync.trust', message });
    const region = anchor === undefined ? null : regionProblem(trust, anchor, regionCode, t);
    if (region !== null) problems.push({ option: 'region', field: 'regionCode', message: region });
  }

  // Each root key file on its own, so every bad file is named.
  const rootKeys = paths.rootKeys ?? [];
  for (const [index, file] of rootKeys.entries()) {
    const message = (await keyFileProblem(file, t)) ?? loadProblem(() => loadRootKeys([file], 1), t);
    if (message !== null) problems.push({ option: 'root-key', field: `sync.rootKeys.${index}`, message });
  }

  // The same key in two files counts once, so the threshold is checked against distinct keys.
  if (rootKeys.length > 0 && problems.length === 0 && typeof threshold === 'number' && threshold >= 1 && threshold <= rootKeys.length) {
    try {
      loadRootKeys(rootKeys, threshold);
    } catch (error) {
      if (!(error instanceof TrustError) || error.kind !== 'bad-threshold') throw error;
      problems.push({ option: 'threshold', field: 'sync.rootThreshold', message: t('provision:problem.thresholdDistinct', { threshold }) });
    }
  }
  return problems;
}

/** Returns why `dir` cannot serve as the data folder, or null. Creates nothing. */
async function dataDirProblem(dir: string, t: Translate): Promise<string | null> {
  // The nearest level that exists must be a folder this user may write into.
  let current = dir;
  for (;;) {
    try {
      const stats = await stat(current);
      if (!stats.isDirectory()) return t('provision:problem.dataDirBlocked', { dir, blocker: current });
      await access(current, constants.W_OK | constants.X_OK);
      return null;
    } catch (error) {
      // ENOTDIR: a level above is a file; the walk up finds it and names it.
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) return t('provision:problem.dataDirNotWritable', { dir, folder: current, reason: errorCode(error) });
      current = parent;
    }
  }
}

async function sourceFolderProblem(folder: string, t: Translate): Promise<string | null> {
  try {
    if ((await stat(folder)).isDirectory()) return null;
    return t('provision:problem.sourceNotFolder', { folder });
  } catch (error) {
    return t('provision:problem.sourceMissing', { folder, reason: errorCode(error) });
  }
}

function commissionKeyProblem(file: string, t: Translate): string | null {
  try {
    readCommissionKey(file, t);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

/** The path with its links resolved, or as given when it does not exist (yet). */
function resolvedPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Returns a problem for each input file that is the config file itself (also through a link): with
 * --force, writing the config would overwrite the trust, key or PIN file it was checked against.
 */
export function configFileProblems(configFile: string, paths: NamedPaths, pinFile: string | undefined, t: Translate): ProvisionProblem[] {
  const target = resolvedPath(configFile);
  const inputs: { option: string; field: string; file: string | undefined }[] = [
    { option: 'trust', field: 'sync.trust', file: paths.trust },
    ...(paths.rootKeys ?? []).map((file, index) => ({ option: 'root-key', field: `sync.rootKeys.${index}`, file })),
    { option: 'commission-key', field: 'reporting.commissionKey', file: paths.commissionKey },
    { option: 'admin-pin-file', field: 'admin.pinHash', file: pinFile },
  ];
  return inputs.flatMap(({ option, field, file }) =>
    file !== undefined && resolvedPath(file) === target ? [{ option, field, message: t('provision:problem.configIsInput', { file, config: configFile }) }] : [],
  );
}

/**
 * Runs every check on the files and folders the config names. `threshold` and `regionCode` are the
 * converted sync.rootThreshold and regionCode.
 */
export async function checkNamedPaths(paths: NamedPaths, threshold: unknown, regionCode: unknown, t: Translate): Promise<ProvisionProblem[]> {
  const problems = await trustProblems(paths, threshold, regionCode, t);

  const commissionKey = paths.commissionKey;
  if (commissionKey !== undefined) {
    const message = (await keyFileProblem(commissionKey, t)) ?? commissionKeyProblem(commissionKey, t);
    if (message !== null) problems.push({ option: 'commission-key', field: 'reporting.commissionKey', message });
  }

  if (paths.sourceFolder !== undefined) {
    const problem = await sourceFolderProblem(paths.sourceFolder, t);
    if (problem !== null) problems.push({ option: 'source', field: 'sync.source', message: problem });
  }

  if (paths.dataDir !== undefined) {
    const problem = await dataDirProblem(paths.dataDir, t);
    if (problem !== null) problems.push({ option: 'data-dir', field: 'dataDir', message: problem });
  }
  return problems;
}
