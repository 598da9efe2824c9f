// Publishing: validated county data in, a signed bundle folder out. Nothing is written to the
// output folder unless every row of every file is valid.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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

/**
 * Validates `dataDir`, and when it has no errors, builds, signs and writes the next snapshot
 * version into `outDir`. Throws PublishError for a bad key, a damaged previous manifest or a
 * region that differs from the previous bundle's.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const errorLimit = options.errorLimit ?? 100;
  const progress = options.onProgress ?? (() => undefined);

  // 1. Cheap checks first, so a wrong key or folder fails before minutes of validation.
  const key = await loadSigningKey(options.keyFile);
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
    const createdAt = now.toISOString();
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
    await mkdir(options.outDir, { recursive: true });
    const payloadName = `snapshot-${version}.sqlite.gz`;
    const digest = await writePayload(sqliteFile, options.outDir, payloadName);

    // 5. Sign and write the manifest last: until it is renamed, readers still see the old version.
    const signed: SignedManifest = {
      type: 'minsheng-snapshot',
      specVersion: 1,
      version,
      regionCode: county.code,
      regionName: county.name,
      createdAt,
      expiresAt: new Date(now.getTime() + (options.expiresInDays ?? 30) * DAY_MS).toISOString(),
      snapshotFormat: SNAPSHOT_FORMAT,
      payload: { path: payloadName, compression: 'gzip', ...digest },
    };
    const manifest = signManifest(signed, key);
    await writeFileAtomically(options.outDir, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);

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
      payloadPath: path.join(options.outDir, payloadName),
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
