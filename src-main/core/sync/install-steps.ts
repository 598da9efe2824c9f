// Installation of a verified manifest's snapshot, from the full payload or from the delta. Both
// ways end in the same checks of the staged file (quick_check, version and region, content
// digest) and the same pointer install. Nothing outside the staging and download files changes
// before that.
import { copyFile, rm } from 'node:fs/promises';
import type { Logger } from '../log.js';
import { fsyncPath } from '../data-folder/fsync.js';
import { installSnapshot } from '../data-folder/install.js';
import { downloadPath, newStagingFile } from '../data-folder/layout.js';
import { snapshotFileOf } from '../data-folder/pointer.js';
import type { Pointer } from '../data-folder/pointer.js';
import type { DeltaFileEntry, GzipFileEntry, Manifest } from '../snapshot/manifest.js';
import { applyDelta } from './apply-delta.js';
import { decompressToStaging } from './decompress.js';
import { BundleRejection } from './rejection.js';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';
import { isOutOfSpace } from './errno.js';
import { checkContentDigest, checkDigest, checkSnapshotFile } from './verify.js';

/**
 * Downloads a gzip file of the bundle into its resumable download file, checks it against the
 * signed digest, and expands it into a staging file whose digest is checked too. A download that
 * fails its check is deleted, so the next attempt starts clean instead of resuming bad bytes.
 */
async function fetchAndExpand(
  source: BundleSource,
  entry: GzipFileEntry,
  manifest: Manifest,
  dataDir: string,
  labels: { gzip: 'payload' | 'delta'; sqlite: 'sqlite' | 'delta-sqlite' },
): Promise<string> {
  const algorithm = manifest.signed.hashAlgorithm;
  const partial = downloadPath(dataDir, entry.digest);
  try {
    await source.downloadFile(entry.path, partial, entry.length, { resume: true });
  } catch (error) {
    // A download that ran out of space has filled the disk to the last byte. Keeping it for a
    // resume would leave no room for status.json, the log or anything else on that disk.
    if (isOutOfSpace(error)) await rm(partial, { force: true });
    if (error instanceof SourceError && error.kind === 'too-large') {
      throw new BundleRejection('length-mismatch', { file: labels.gzip, expected: entry.length, actual: `> ${entry.length}` });
    }
    throw error;
  }
  try {
    await checkDigest(partial, entry, algorithm, labels.gzip);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }

  const staged = newStagingFile(dataDir, '.sqlite');
  try {
    await decompressToStaging(partial, staged, entry.sqliteLength, labels.sqlite);
    await checkDigest(staged, { length: entry.sqliteLength, digest: entry.sqliteDigest }, algorithm, labels.sqlite);
  } catch (error) {
    await rm(staged, { force: true });
    throw error;
  }
  await rm(partial, { force: true });
  return staged;
}

/** Checks a staged snapshot completely and makes it current. */
async function checkAndInstall(staged: string, manifest: Manifest, dataDir: string, now: Date, currentIsDamaged = false): Promise<Pointer> {
  checkSnapshotFile(staged, manifest);
  checkContentDigest(staged, manifest);
  await fsyncPath(staged, 'r+');

  const { signed } = manifest;
  return installSnapshot(
    dataDir,
    staged,
    {
      version: signed.version,
      regionCode: signed.regionCode,
      regionName: signed.regionName,
      hashAlgorithm: signed.hashAlgorithm,
      contentDigest: signed.contentDigest,
      createdAt: signed.createdAt,
      expiresAt: signed.expiresAt,
    },
    now,
    { currentIsDamaged },
  );
}

/** Installs the full payload; `currentIsDamaged` keeps the damaged current file out of previous.json. */
export async function installFull(source: BundleSource, manifest: Manifest, dataDir: string, now: Date, currentIsDamaged = false): Promise<Pointer> {
  const staged = await fetchAndExpand(source, manifest.signed.payload, manifest, dataDir, { gzip: 'payload', sqlite: 'sqlite' });
  try {
    return await checkAndInstall(staged, manifest, dataDir, now, currentIsDamaged);
  } finally {
    await rm(staged, { force: true });
  }
}

/**
 * Returns the delta that turns the installed snapshot into the manifest's version: the manifest's
 * own delta or one of `olderDeltas`, chosen by the installed version. Returns the reason instead
 * when none of them applies.
 */
export function chooseDelta(manifest: Manifest, olderDeltas: DeltaFileEntry[], current: Pointer | null): { delta: DeltaFileEntry } | { unusable: string } {
  const offered = [...(manifest.signed.delta === undefined ? [] : [manifest.signed.delta]), ...olderDeltas];
  if (offered.length === 0) return { unusable: 'the manifest offers no delta' };
  if (current === null) return { unusable: 'no snapshot is installed' };
  if (current.regionCode !== manifest.signed.regionCode) return { unusable: 'the installed snapshot is for another region' };

  const delta = offered.find((entry) => entry.baseVersion === current.version);
  if (delta === undefined) {
    const bases = offered.map((entry) => entry.baseVersion).join(', ');
    return { unusable: `the deltas are from versions ${bases}, installed is ${current.version}` };
  }
  if (current.contentDigest !== delta.baseContentDigest || current.hashAlgorithm !== manifest.signed.hashAlgorithm) {
    return { unusable: 'the installed snapshot is not the delta base' };
  }
  return { delta };
}

/**
 * Applies `delta`, one of the manifest's verified deltas, to a copy of the current snapshot and
 * installs the result when its content digest equals the signed one. Throws on any failure, and
 * the caller then falls back to the full payload.
 */
export async function installDelta(source: BundleSource, manifest: Manifest, delta: DeltaFileEntry, current: Pointer, dataDir: string, now: Date): Promise<Pointer> {
  const deltaFile = await fetchAndExpand(source, delta, manifest, dataDir, { gzip: 'delta', sqlite: 'delta-sqlite' });
  const target = newStagingFile(dataDir, '.sqlite');
  try {
    await copyFile(snapshotFileOf(dataDir, current), target);
    try {
      applyDelta(target, deltaFile);
    } catch (error) {
      throw new BundleRejection('integrity-check-failed', { problem: `delta does not apply: ${(error as Error).message}` });
    }
    return await checkAndInstall(target, manifest, dataDir, now);
  } finally {
    await rm(deltaFile, { force: true });
    await rm(target, { force: true });
  }
}

export function logDeltaFallback(log: Logger, manifest: Manifest, reason: string): void {
  log.info({ version: manifest.signed.version, reason }, 'installing the full payload instead of the delta');
}
