// Publishing: validated county data in, a signed bundle folder out. Nothing is written to the
// output folder unless every row of every file is valid, and a run that fails after starting to
// write removes what it wrote; only its lock file is there while it runs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newLookupKeyParams } from '../core/lookup-key.js';
import { MANIFEST_FILE } from '../core/snapshot/manifest.js';
import type { SignedManifest } from '../core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT } from '../core/snapshot/schema.js';
import { writeFileAtomically, writePayload } from './bundle-files.js';
import { buildSnapshot } from './build-snapshot.js';
import type { ValidationIssue } from './issues.js';
import { readPreviousBundle } from './previous-bundle.js';
import { derivePersonKeys } from './pseudonymise.js';
import { PublishError } from './publish-error.js';
import { lockOutFolder } from './out-folder.js';
import { loadSigningKey, signManifest } from './signing.js';
import { validateDataset } from './validate-dataset.js';

export interface PublishOptions {
  dataDir: string;
  /** PKCS#8 PEM Ed25519 private key. */
  keyFile: string;
  outDir: string;
  now?: Date;
  expiresInDays?: number;
  /** How many errors (and warnings) the result carries; all are counted. */
  errorLimit?: number;
  onProgress?: (progress: PublishProgress) => void;
}

export type PublishProgress =
  | { stage: 'stale-lock'; lock: string; pid: number }
  | { stage: 'validating' }
  | { stage: 'deriving-keys'; done: number; total: number }
  | { stage: 'building' }
  | { stage: 'writing' };

export interface PublishSuccess {
  ok: true;
  version: number;
  regionCode: string;
  regionName: string;
  householdCount: number;
  personCount: number;
  paymentCount: number;
  dataAsOf: string;
  keyId: string;
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** The range of expiresInDays: a bundle valid for more than ten years is a typo. */
export const MIN_EXPIRES_DAYS = 1;
export const MAX_EXPIRES_DAYS = 3650;

/**
 * Validates `dataDir`, and when it has no errors, builds, signs and writes the next snapshot
 * version into `outDir`. Throws PublishError for a bad key, an output folder that cannot be
 * written or is in use by another run, a damaged previous manifest or a region that differs from
 * the previous bundle's; RangeError for an expiresInDays outside 1-3650.
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
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS).toISOString();

  // 1. Cheap checks first, so a wrong key or folder fails before minutes of validation.
  const key = await loadSigningKey(options.keyFile);
  const lock = await lockOutFolder(options.outDir, now);
  if (lock.staleLock !== null) progress({ stage: 'stale-lock', lock: lock.staleLock.file, pid: lock.staleLock.pid });
  try {
    return await publishLocked(options, { started, now, errorLimit, progress, createdAt, expiresAt, key });
  } finally {
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

interface RunState {
  started: number;
  now: Date;
  errorLimit: number;
  progress: (progress: PublishProgress) => void;
  createdAt: string;
  expiresAt: string;
  key: Awaited<ReturnType<typeof loadSigningKey>>;
}

/** The part of publish that runs while the output folder's lock is held. */
async function publishLocked(options: PublishOptions, run: RunState): Promise<PublishResult> {
  const { started, now, errorLimit, progress, createdAt, expiresAt, key } = run;
  const previous = await readPreviousBundle(options.outDir);

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
  if (previous !== null && previous.manifest.signed.regionCode !== county.code) {
    throw new PublishError('regionMismatch', {
      dir: options.outDir,
      previous: `${previous.manifest.signed.regionCode} ${previous.manifest.signed.regionName}`,
      current: `${county.code} ${county.name}`,
    });
  }

  // 3. Pseudonymise with the previous salt when there is one, so lookups keep their keys.
  const version = previous === null ? 1 : previous.manifest.signed.version + 1;
  const lookupKey = previous?.lookupKey ?? newLookupKeyParams();
  const idNumbers = dataset.persons.map((person) => person.idNumber);
  const personKeys = await derivePersonKeys(idNumbers, lookupKey, (done) => {
    if (done % 5000 === 0 || done === idNumbers.length) progress({ stage: 'deriving-keys', done, total: idNumbers.length });
  });

  // 4. Build the SQLite file in a private temporary folder, then compress it into the bundle.
  progress({ stage: 'building' });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-publish-'));
  try {
    const sqliteFile = path.join(workDir, 'snapshot.sqlite');
    const counts = buildSnapshot(sqliteFile, {
      dataset,
      county,
      personKeys,
      version,
      createdAt,
      dataAsOf: dataset.dataAsOf,
      lookupKey,
    });

    progress({ stage: 'writing' });
    const payloadName = `snapshot-${version}.sqlite.gz`;
    const payloadPath = path.join(options.outDir, payloadName);
    let digest;
    try {
      digest = await writePayload(sqliteFile, options.outDir, payloadName);

      // 5. Sign and write the manifest last: until it is renamed, readers still see the old version.
      const signed: SignedManifest = {
        type: 'minsheng-snapshot',
        specVersion: 1,
        version,
        regionCode: county.code,
        regionName: county.name,
        createdAt,
        expiresAt,
        snapshotFormat: SNAPSHOT_FORMAT,
        payload: { path: payloadName, compression: 'gzip', ...digest },
      };
      const manifest = signManifest(signed, key);
      await writeFileAtomically(options.outDir, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (error) {
      // No manifest names this payload, so it would only be an orphan in the bundle folder.
      if (!(await manifestNames(options.outDir, payloadName))) await rm(payloadPath, { force: true });
      throw error;
    }

    return {
      ok: true,
      version,
      regionCode: county.code,
      regionName: county.name,
      householdCount: counts.householdCount,
      personCount: counts.personCount,
      paymentCount: counts.paymentCount,
      dataAsOf: dataset.dataAsOf,
      keyId: key.keyId,
      lookupKeyReused: previous?.lookupKey != null,
      payloadPath,
      manifestPath: path.join(options.outDir, MANIFEST_FILE),
      payloadBytes: digest.length,
      sqliteBytes: digest.sqliteLength,
      elapsedMs: Math.round(performance.now() - started),
      warnings: dataset.warnings,
      warningCount: dataset.warningCount,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

export { validateDataset } from './validate-dataset.js';
export type { Dataset, ValidateOptions } from './validate-dataset.js';
export type { ValidationIssue } from './issues.js';
export { PublishError } from './publish-error.js';
