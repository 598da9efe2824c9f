// One sync pass: fetch the manifest, check trust, region, version and expiry, download and
// verify the payload, stage and check the SQLite file, install it atomically. The installed
// snapshot is untouched unless every check passes. Only staging files are written before that,
// and they are removed on any failure, or at the next pass after a crash.
import type { KeyObject } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createLogger } from '../log.js';
import type { Logger } from '../log.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../snapshot/manifest.js';
import type { Manifest } from '../snapshot/manifest.js';
import { openSnapshot, readMeta } from '../store.js';
import { META_KEYS } from '../snapshot/schema.js';
import { createDirSource } from './dir-source.js';
import { createHttpSource } from './http-source.js';
import type { HttpSourceOptions } from './http-source.js';
import { errorFields } from './network-error.js';
import {
  decompressToStaging,
  ensureFolderOf,
  installStaged,
  newStagingFile,
  removeStaleStagingFiles,
} from './install.js';
import type { BundleSource } from './source.js';
import { isUrlSource, parseSourceValue, SourceError, UnsupportedSourceError } from './source.js';
import {
  BundleRejection,
  checkDigest,
  checkNotExpired,
  checkRegion,
  checkSignatures,
  checkSnapshotFile,
  checkSnapshotFormat,
  checkVersion,
  parseManifest,
} from './verify.js';
import type { RejectDetails, RejectReason } from './verify.js';

export type { RejectReason, RejectDetails };

export type SyncOutcome =
  | { status: 'installed'; version: number; previousVersion: number | null }
  | { status: 'up-to-date'; version: number }
  | { status: 'rejected'; reason: RejectReason; details: RejectDetails }
  | { status: 'failed'; reason: 'network' | 'io'; details: RejectDetails };

export interface SyncOptions {
  /** A BundleSource, or a --source value: an http(s) URL or a folder path. */
  source: BundleSource | string;
  /** Ed25519 publisher keys; a bundle needs a valid signature by one of them. */
  trustedKeys: KeyObject[];
  /** The installed snapshot; created by the first successful sync. */
  dbFile: string;
  /** The terminal's region; without it, the installed snapshot's region (if any) applies. */
  expectedRegion?: string;
  /** Timeouts, retries and the download deadline of an http(s) source given as a string. */
  http?: HttpSourceOptions;
  now?: Date;
  log?: Logger;
}

interface InstalledSnapshot {
  version: number;
  regionCode: string;
}

/** Builds the source for a --source value. */
export function createSource(value: string, http: HttpSourceOptions = {}): BundleSource {
  const location = parseSourceValue(value);
  return location.kind === 'url' ? createHttpSource(location.url, http) : createDirSource(location.folder);
}

/** Reads version and region of the installed snapshot; null when none is installed or readable. */
function readInstalled(dbFile: string, log: Logger): InstalledSnapshot | null {
  if (!existsSync(dbFile)) return null;
  try {
    const db = openSnapshot(dbFile);
    try {
      const meta = readMeta(db);
      return { version: Number(meta.get(META_KEYS.version) ?? 0), regionCode: meta.get(META_KEYS.regionCode) ?? '' };
    } finally {
      db.close();
    }
  } catch (error) {
    // A damaged installed file must not block the repair that a new version brings.
    log.error({ dbFile, error: errorFields(error) }, 'installed snapshot is unreadable; treating it as absent');
    log.debug({ dbFile, err: error }, 'unreadable snapshot details');
    return null;
  }
}

function sourceFailure(error: SourceError, source: BundleSource, manifest: Manifest | null): SyncOutcome {
  if (error.kind === 'too-large') {
    return manifest === null
      ? { status: 'rejected', reason: 'malformed-manifest', details: { problem: error.message } }
      : {
          status: 'rejected',
          reason: 'length-mismatch',
          details: { file: 'payload', expected: manifest.signed.payload.length, actual: `> ${manifest.signed.payload.length}` },
        };
  }
  // A file missing on a web server is the server's (network) problem; on a folder it is local.
  const isNetwork = error.kind === 'network' || (error.kind === 'not-found' && isUrlSource(source.location));
  return { status: 'failed', reason: isNetwork ? 'network' : 'io', details: { problem: error.message } };
}

async function fetchManifest(source: BundleSource): Promise<Manifest> {
  const bytes = await source.readFile(MANIFEST_FILE, MAX_MANIFEST_BYTES);
  return parseManifest(bytes);
}

/** Downloads, verifies, stages and installs the payload of an accepted manifest. */
async function installPayload(source: BundleSource, manifest: Manifest, dbFile: string): Promise<void> {
  const { payload } = manifest.signed;
  const gzipFile = newStagingFile(dbFile, '.gz');
  const stagingFile = newStagingFile(dbFile);

  try {
    await ensureFolderOf(dbFile);
    await source.downloadFile(payload.path, gzipFile, payload.length);
    await checkDigest(gzipFile, { length: payload.length, sha256: payload.sha256 }, 'payload');

    await decompressToStaging(gzipFile, stagingFile, payload.sqliteLength);
    await rm(gzipFile, { force: true });
    await checkDigest(stagingFile, { length: payload.sqliteLength, sha256: payload.sqliteSha256 }, 'sqlite');
    checkSnapshotFile(stagingFile, manifest);

    await installStaged(stagingFile, dbFile);
  } finally {
    await rm(gzipFile, { force: true });
    await rm(stagingFile, { force: true });
  }
}

async function runSync(options: SyncOptions, source: BundleSource, log: Logger): Promise<SyncOutcome> {
  const { dbFile } = options;
  const removed = await removeStaleStagingFiles(dbFile);
  if (removed.length > 0) log.warn({ dbFile, removed }, 'removed staging files left by an interrupted sync');

  let manifest: Manifest;
  try {
    manifest = await fetchManifest(source);
  } catch (error) {
    if (error instanceof SourceError) return sourceFailure(error, source, null);
    throw error;
  }

  const keyId = checkSignatures(manifest, options.trustedKeys);
  const installed = readInstalled(dbFile, log);
  checkRegion(manifest, options.expectedRegion ?? installed?.regionCode ?? null);

  // Versions count per county, so they compare only within one region. A bundle for another
  // region passes checkRegion only when --region or the config names that region, which means
  // the terminal moves to another county and the bundle replaces the old county's data.
  const replacesRegion = installed !== null && installed.regionCode !== manifest.signed.regionCode;
  if (replacesRegion) {
    log.warn(
      { installedRegion: installed.regionCode, installedVersion: installed.version, region: manifest.signed.regionCode, version: manifest.signed.version },
      'installed snapshot is for another region; replacing it whatever its version',
    );
  } else if (!checkVersion(manifest, installed?.version ?? 0)) {
    return { status: 'up-to-date', version: manifest.signed.version };
  }
  checkNotExpired(manifest, options.now ?? new Date());
  checkSnapshotFormat(manifest);
  log.info({ version: manifest.signed.version, keyId, installed: installed?.version ?? null }, 'manifest accepted; downloading payload');

  try {
    await installPayload(source, manifest, dbFile);
  } catch (error) {
    if (error instanceof SourceError) return sourceFailure(error, source, manifest);
    throw error;
  }
  return { status: 'installed', version: manifest.signed.version, previousVersion: installed?.version ?? null };
}

/**
 * Runs one sync pass and returns its outcome; never throws. Rejections and failures leave the
 * installed snapshot (and its `.previous`) byte-for-byte as they were.
 * NOTE: two passes on the same dbFile at once are not locked against each other; the second
 * could remove the first one's staging files. Hosts run one pass at a time.
 */
export async function syncOnce(options: SyncOptions): Promise<SyncOutcome> {
  const log = options.log ?? createLogger('sync');
  let source: BundleSource;
  try {
    source = typeof options.source === 'string' ? createSource(options.source, options.http) : options.source;
  } catch (error) {
    if (!(error instanceof UnsupportedSourceError)) throw error;
    log.warn({ source: error.value }, 'unsupported source');
    return { status: 'failed', reason: 'io', details: { problem: error.message } };
  }
  log.info({ source: source.location, dbFile: options.dbFile }, 'sync started');

  let outcome: SyncOutcome;
  try {
    outcome = await runSync(options, source, log);
  } catch (error) {
    if (error instanceof BundleRejection) {
      outcome = { status: 'rejected', reason: error.reason, details: error.details };
    } else {
      log.error({ source: source.location, dbFile: options.dbFile, error: errorFields(error) }, 'sync failed');
      log.debug({ err: error }, 'sync failure details');
      outcome = { status: 'failed', reason: 'io', details: { problem: (error as Error).message } };
    }
  }

  const level = outcome.status === 'installed' || outcome.status === 'up-to-date' ? 'info' : 'warn';
  log[level]({ source: source.location, dbFile: options.dbFile, outcome }, 'sync finished');
  return outcome;
}
