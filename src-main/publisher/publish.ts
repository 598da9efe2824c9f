// Publishing: validated county data in, a signed bundle folder out. Nothing is written to the
// output folder unless every row of every file is valid, and a run that fails after starting to
// write removes what it wrote; only its lock file is there while it runs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { HashAlgorithm } from '../core/crypto/hash-types.js';
import type { SignatureAlgorithm } from '../core/crypto/key-types.js';
import { newLookupKeyParams } from '../core/lookup-key.js';
import { contentDigest } from '../core/snapshot/content-digest.js';
import { MANIFEST_FILE, MANIFEST_SPEC_VERSION } from '../core/snapshot/manifest.js';
import type { SignedManifest } from '../core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT } from '../core/snapshot/schema.js';
import { payloadFileName, removeOldDataFiles, writeFileAtomically, writePayload } from './bundle-files.js';
import { writeBundleDelta } from './build-delta.js';
import type { BundleDelta } from './build-delta.js';
import type { BoardRowCounts } from './build-board-tables.js';
import type { ValidationIssue } from './issues.js';
import { readPreviousBundle } from './previous-bundle.js';
import type { PreviousBundle } from './previous-bundle.js';
import { DEFAULT_KEEP_VERSIONS, MAX_KEEP_VERSIONS, MIN_KEEP_VERSIONS, filesToKeep, writeOlderDeltas } from './kept-versions.js';
import { PublishError } from './publish-error.js';
import { copyBundleToUsb } from './usb-copy.js';
import type { UsbCopyOutcome } from './usb-copy.js';
import { checkErrorsOutside, lockOutFolder } from './out-folder.js';
import { checkRootChainForPublish } from './roots-check.js';
import { copyRootChain, readOutFolderRoots, readRootChain, removeRootFilesNotIn, withOutFolderContext } from './roots-copy.js';
import type { RootChain } from './roots-copy.js';
import { hashAlgorithmFor, loadSigningKeys, signManifest, signWithKeys } from './signing.js';
import type { SigningKey } from './signing.js';
import { buildSnapshotFromDataset } from './snapshot-from-dataset.js';
import { validateDataset } from './validate-dataset.js';

export interface PublishOptions {
  dataDir: string;
  /** Unencrypted PEM private keys, Ed25519 or SM2; each signs the manifest. */
  keyFiles: string[];
  /**
   * Folder of the root metadata chain 1.root.json … N.root.json to copy into the bundle. Root
   * files of the bundle folder that it lacks are removed. Without it, the bundle folder's own
   * root files are kept and checked.
   */
  rootsDir?: string;
  outDir: string;
  now?: Date;
  expiresInDays?: number;
  /** How many errors (and warnings) the result carries; all are counted. */
  errorLimit?: number;
  onProgress?: (progress: PublishProgress) => void;
  /** The --errors-out report file, checked to lie outside `outDir` before anything is written. */
  errorsOut?: string;
  /** Versions whose payloads stay in `outDir`, each with a delta to the newest; default 5. */
  keep?: number;
  /** USB stick folders (--usb) that also receive the bundle; a failure there does not fail the publish. */
  usbDirs?: string[];
}

export type PublishProgress =
  | { stage: 'stale-lock'; lock: string; pid: number }
  | { stage: 'validating' }
  | { stage: 'deriving-keys'; done: number; total: number }
  | { stage: 'building' }
  | { stage: 'delta' }
  | { stage: 'writing' }
  | { stage: 'usb'; dir: string };

export interface PublishSuccess {
  ok: true;
  version: number;
  regionCode: string;
  regionName: string;
  householdCount: number;
  personCount: number;
  paymentCount: number;
  /** Rows written per disclosure board table (and documents), 0 for a file not delivered. */
  boardCounts: BoardRowCounts;
  /** Newest paid_on of payments.csv; the boards show their own published_on as their source. */
  dataAsOf: string;
  keys: { keyId: string; algorithm: SignatureAlgorithm }[];
  hashAlgorithm: HashAlgorithm;
  contentDigest: string;
  /** The delta shipped from the previous version, or why none is; null for version 1 or a damaged previous payload. */
  delta: DeltaOutcome | null;
  /** Deltas from the kept versions before the previous one, newest base first. */
  olderDeltas: { baseVersion: number; outcome: DeltaOutcome }[];
  /** One outcome per --usb folder, in the order given. */
  usb: UsbCopyOutcome[];
  /** Root metadata files copied into the bundle folder with --roots. */
  rootsCopied: string[];
  /** Files removed from the bundle folder: payloads and deltas of older versions, and root files not in --roots. */
  removedFiles: string[];
  /** True when the previous version's lookup salt was reused, so person keys are unchanged. */
  lookupKeyReused: boolean;
  payloadPath: string;
  manifestPath: string;
  payloadBytes: number;
  sqliteBytes: number;
  elapsedMs: number;
  warnings: ValidationIssue[];
  warningCount: number;
}

export interface PublishFailure {
  ok: false;
  /** The first `errorLimit` errors, by file and line. */
  errors: ValidationIssue[];
  total: number;
  warnings: ValidationIssue[];
  warningCount: number;
}

export type PublishResult = PublishSuccess | PublishFailure;

export type DeltaOutcome =
  | { shipped: true; path: string; bytes: number; baseVersion: number; upserts: number; deletes: number }
  | { shipped: false; code: Extract<BundleDelta, { ok: false }>['code']; params: Record<string, string | number> };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The range of expiresInDays: a bundle valid for more than ten years is a typo. */
export const MIN_EXPIRES_DAYS = 1;
export const MAX_EXPIRES_DAYS = 3650;
export { DEFAULT_KEEP_VERSIONS, MAX_KEEP_VERSIONS, MIN_KEEP_VERSIONS };

/**
 * Validates `dataDir`, and when it has no errors, builds, signs and writes the next snapshot
 * version into `outDir`, with a delta from the previous version when its payload is intact.
 * Throws PublishError for a bad or duplicate key or a bad root chain. Without --roots, the root
 * chain checked is the one already in the output folder. Also throws it for an output folder that
 * cannot be written or is in use by another run, a damaged previous manifest, a missing manifest
 * beside payload files, or a region that differs from the previous bundle's. After the bundle is
 * written, it throws PublishError when a root file that --roots lacks cannot be removed.
 * Throws PublishError for an errorsOut file inside `outDir`, and RangeError for an expiresInDays
 * outside 1-3650 or a keep outside MIN_KEEP_VERSIONS-MAX_KEEP_VERSIONS. After the bundle is
 * written, it is copied to each `usbDirs` folder, and a failure there is reported in `usb`.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const errorLimit = options.errorLimit ?? 100;
  const progress = options.onProgress ?? (() => undefined);
  const expiresInDays = options.expiresInDays ?? 30;
  if (!Number.isInteger(expiresInDays) || expiresInDays < MIN_EXPIRES_DAYS || expiresInDays > MAX_EXPIRES_DAYS) {
    throw new RangeError(`expiresInDays must be an integer from ${MIN_EXPIRES_DAYS} to ${MAX_EXPIRES_DAYS}, got ${expiresInDays}`);
  }
  const keep = options.keep ?? DEFAULT_KEEP_VERSIONS;
  if (!Number.isInteger(keep) || keep < MIN_KEEP_VERSIONS || keep > MAX_KEEP_VERSIONS) {
    throw new RangeError(`keep must be an integer from ${MIN_KEEP_VERSIONS} to ${MAX_KEEP_VERSIONS}, got ${keep}`);
  }
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS).toISOString();

  // 1. Cheap checks first, so a wrong key, root chain or folder fails before minutes of validation.
  if (options.errorsOut !== undefined) await checkErrorsOutside(options.errorsOut, options.outDir);
  const keys = await loadSigningKeys(options.keyFiles);
  const roots = options.rootsDir === undefined ? null : await readRootChain(options.rootsDir);
  const lock = await lockOutFolder(options.outDir, now);
  if (lock.staleLock !== null) progress({ stage: 'stale-lock', lock: lock.staleLock.file, pid: lock.staleLock.pid });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-publish-'));
  try {
    const result = await publishLocked(options, { started, now, errorLimit, progress, createdAt, expiresAt, keys, roots, workDir, keep });
    // Still under the lock, so no other run changes the files while they are copied.
    if (result.ok) {
      for (const dir of options.usbDirs ?? []) {
        progress({ stage: 'usb', dir });
        result.usb.push(await copyBundleToUsb(options.outDir, dir, result.regionCode));
      }
    }
    return result;
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await lock.release();
  }
}

/** True when the manifest in `outDir` already points at `payloadName` (only its folder sync failed). */
async function manifestNames(outDir: string, payloadName: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as SignedManifestFile;
    return manifest.signed?.payload?.path === payloadName;
  } catch {
    return false;
  }
}

interface SignedManifestFile {
  signed?: { payload?: { path?: string } };
}

function digestOfSnapshot(file: string, algorithm: HashAlgorithm): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return contentDigest(db, algorithm);
  } finally {
    db.close();
  }
}

function deltaOutcome(delta: BundleDelta): DeltaOutcome {
  if (!delta.ok) return { shipped: false, code: delta.code, params: delta.params };
  return { shipped: true, path: delta.entry.path, bytes: delta.entry.length, baseVersion: delta.entry.baseVersion, ...delta.counts };
}

/** Builds the delta from the previous snapshot when there is an intact one to start from. */
async function deltaFromPrevious(
  previous: PreviousBundle | null,
  input: { sqliteFile: string; version: number; algorithm: HashAlgorithm; payloadLength: number; workDir: string; outDir: string },
): Promise<BundleDelta | null> {
  if (previous === null || previous.sqliteFile === null) return null;
  return writeBundleDelta({
    baseSqlite: previous.sqliteFile,
    baseVersion: previous.version,
    newSqlite: input.sqliteFile,
    version: input.version,
    algorithm: input.algorithm,
    payloadLength: input.payloadLength,
    workDir: input.workDir,
    outDir: input.outDir,
  });
}

interface RunState {
  started: number;
  now: Date;
  errorLimit: number;
  progress: (progress: PublishProgress) => void;
  createdAt: string;
  expiresAt: string;
  keys: SigningKey[];
  roots: RootChain | null;
  /** Private temporary folder of this run, removed when it ends. */
  workDir: string;
  keep: number;
}

/** The part of publish that runs while the output folder's lock is held. */
async function publishLocked(options: PublishOptions, run: RunState): Promise<PublishResult> {
  const { started, now, errorLimit, progress, createdAt, expiresAt, keys, roots, workDir, keep } = run;
  const previous = await readPreviousBundle(options.outDir, workDir);
  // Without --roots, the root files already in the folder are served with the new manifest.
  const keptRoots = roots === null ? await readOutFolderRoots(options.outDir) : null;

  // 2. Read and validate every row.
  progress({ stage: 'validating' });
  const dataset = await validateDataset(options.dataDir, { now, issueLimit: errorLimit });
  if (dataset.errorCount > 0 || dataset.county === null || dataset.dataAsOf === null) {
    return {
      ok: false,
      errors: dataset.errors,
      total: dataset.errorCount,
      warnings: dataset.warnings,
      warningCount: dataset.warningCount,
    };
  }
  const county = dataset.county;
  if (previous !== null && previous.regionCode !== county.code) {
    throw new PublishError('regionMismatch', {
      dir: options.outDir,
      previous: `${previous.regionCode} ${previous.regionName}`,
      current: `${county.code} ${county.name}`,
    });
  }

  const keyIds = keys.map((key) => key.keyId);
  if (roots !== null) checkRootChainForPublish(roots, county.code, keyIds, now);
  if (keptRoots !== null) {
    try {
      checkRootChainForPublish(keptRoots, county.code, keyIds, now);
    } catch (error) {
      throw withOutFolderContext(error);
    }
  }

  // 3. Pseudonymise with the previous salt when there is one, so lookups keep their keys, and
  // 4. build the SQLite file in the private work folder.
  const version = previous === null ? 1 : previous.version + 1;
  const lookupKey = previous?.lookupKey ?? newLookupKeyParams();
  const sqliteFile = path.join(workDir, 'snapshot.sqlite');
  const counts = await buildSnapshotFromDataset({
    dataset: { ...dataset, county, dataAsOf: dataset.dataAsOf },
    sqliteFile,
    version,
    createdAt,
    lookupKey,
    onDerived: (done, total) => {
      if (done % 5000 === 0 || done === total) progress({ stage: 'deriving-keys', done, total });
    },
    onBuilding: () => progress({ stage: 'building' }),
  });
  const hashAlgorithm = hashAlgorithmFor(keys);
  const snapshotDigest = digestOfSnapshot(sqliteFile, hashAlgorithm);

  progress({ stage: 'writing' });
  const payloadName = payloadFileName(version);
  const payloadPath = path.join(options.outDir, payloadName);
  let payload;
  let delta: BundleDelta | null = null;
  let olderDeltas: { baseVersion: number; delta: BundleDelta }[] = [];
  try {
    payload = await writePayload(sqliteFile, options.outDir, payloadName, hashAlgorithm);

    // 5. The delta from the previous version, when there is an intact one to start from.
    if (previous?.sqliteFile != null) progress({ stage: 'delta' });
    delta = await deltaFromPrevious(previous, {
      sqliteFile,
      version,
      algorithm: hashAlgorithm,
      payloadLength: payload.length,
      workDir,
      outDir: options.outDir,
    });
    olderDeltas = await writeOlderDeltas({
      outDir: options.outDir,
      workDir,
      sqliteFile,
      version,
      algorithm: hashAlgorithm,
      payloadLength: payload.length,
      keep,
    });
    const olderEntries = olderDeltas.flatMap((older) => (older.delta.ok ? [older.delta.entry] : []));

    // 6. Root metadata before the manifest, so a kiosk that reads the new manifest finds them.
    const rootsCopied = roots === null ? [] : await copyRootChain(roots, options.outDir);

    // 7. Sign and write the manifest last: until it is renamed, readers still see the old version.
    const signed: SignedManifest = {
      type: 'minsheng-snapshot',
      specVersion: MANIFEST_SPEC_VERSION,
      version,
      regionCode: county.code,
      regionName: county.name,
      createdAt,
      expiresAt,
      snapshotFormat: SNAPSHOT_FORMAT,
      hashAlgorithm,
      contentDigest: snapshotDigest,
      payload: { path: payloadName, compression: 'gzip', ...payload },
      ...(delta?.ok === true ? { delta: delta.entry } : {}),
    };
    const manifest = signManifest(signed, keys);
    if (olderEntries.length > 0) {
      const olderSigned = { type: 'minsheng-older-deltas' as const, version, regionCode: county.code, hashAlgorithm, contentDigest: snapshotDigest, deltas: olderEntries };
      manifest.olderDeltas = { signed: olderSigned, signatures: signWithKeys(olderSigned, keys) };
    }
    await writeFileAtomically(options.outDir, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);

    // 8. Keep the last `keep` payloads, the new deltas and what the previous manifest names;
    // kiosks further behind take the full payload.
    const removedFiles = await removeOldDataFiles(options.outDir, filesToKeep(version, keep, manifest, previous));

    // 9. Remove root files that --roots lacks, or kiosks would walk to a root the county never shipped.
    if (roots !== null) removedFiles.push(...(await removeRootFilesNotIn(roots, options.outDir, version)));

    return {
      ok: true,
      version,
      regionCode: county.code,
      regionName: county.name,
      householdCount: counts.householdCount,
      personCount: counts.personCount,
      paymentCount: counts.paymentCount,
      boardCounts: counts.boardCounts,
      dataAsOf: dataset.dataAsOf,
      keys: keys.map((key) => ({ keyId: key.keyId, algorithm: key.algorithm })),
      hashAlgorithm,
      contentDigest: snapshotDigest,
      delta: delta === null ? null : deltaOutcome(delta),
      olderDeltas: olderDeltas.map((older) => ({ baseVersion: older.baseVersion, outcome: deltaOutcome(older.delta) })),
      usb: [],
      rootsCopied,
      removedFiles,
      lookupKeyReused: previous?.lookupKey != null,
      payloadPath,
      manifestPath: path.join(options.outDir, MANIFEST_FILE),
      payloadBytes: payload.length,
      sqliteBytes: payload.sqliteLength,
      elapsedMs: Math.round(performance.now() - started),
      warnings: dataset.warnings,
      warningCount: dataset.warningCount,
    };
  } catch (error) {
    // No manifest names these files, so they would only be orphans in the bundle folder.
    if (!(await manifestNames(options.outDir, payloadName))) {
      await rm(payloadPath, { force: true });
      if (delta?.ok === true) await rm(path.join(options.outDir, delta.entry.path), { force: true });
      for (const older of olderDeltas) if (older.delta.ok) await rm(path.join(options.outDir, older.delta.entry.path), { force: true });
    }
    throw error;
  }
}

export { validateDataset } from './validate-dataset.js';
export type { Dataset, ValidateOptions } from './validate-dataset.js';
export type { ValidationIssue } from './issues.js';
export { PublishError } from './publish-error.js';
