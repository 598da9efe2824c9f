// The versions a content folder keeps (publish --keep N): the payloads of the last N versions and
// a delta from each of them to the newest, so a terminal up to N - 1 versions behind still
// downloads only the rows that changed. The delta from the previous version is the manifest's own
// `delta`. The ones from earlier versions form its `olderDeltas`, which terminals of manifest
// spec 2 without support for them ignore.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import type { HashAlgorithm } from '../core/crypto/hash-types.js';
import { MAX_OLDER_DELTAS } from '../core/snapshot/manifest.js';
import type { Manifest } from '../core/snapshot/manifest.js';
import { META_KEYS } from '../core/snapshot/schema.js';
import { payloadFileName } from './bundle-files.js';
import { writeBundleDelta } from './build-delta.js';
import type { BundleDelta } from './build-delta.js';
import type { PreviousBundle } from './previous-bundle.js';

export const DEFAULT_KEEP_VERSIONS = 5;
export const MIN_KEEP_VERSIONS = 1;
/** The newest, the previous and MAX_OLDER_DELTAS earlier versions, so every kept version has a delta. */
export const MAX_KEEP_VERSIONS = MAX_OLDER_DELTAS + 2;

export interface OlderDeltasInput {
  outDir: string;
  workDir: string;
  /** The new snapshot. */
  sqliteFile: string;
  version: number;
  algorithm: HashAlgorithm;
  payloadLength: number;
  keep: number;
}

/** Versions whose payloads stay in the content folder besides the new one, newest first. */
function keptVersions(version: number, keep: number): number[] {
  const versions: number[] = [];
  for (let kept = version - 1; kept >= 1 && kept > version - keep; kept -= 1) versions.push(kept);
  return versions;
}

/**
 * Gunzips `snapshot-K.sqlite.gz` of the content folder into `workDir` and returns the file, or
 * null when it is absent, damaged or contains another version. The content folder is not trusted
 * beyond that: a terminal applies a delta only to a snapshot whose content digest equals the
 * delta's baseContentDigest, and checks the result against the signed content digest.
 */
async function expandKeptPayload(outDir: string, workDir: string, version: number): Promise<string | null> {
  const sqliteFile = path.join(workDir, `kept-${version}.sqlite`);
  try {
    await pipeline(createReadStream(path.join(outDir, payloadFileName(version))), createGunzip(), createWriteStream(sqliteFile));
    const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEYS.version) as { value: string } | undefined;
      if (row?.value === String(version)) return sqliteFile;
    } finally {
      db.close();
    }
  } catch {
    // An absent or damaged payload is no delta base, as below.
  }
  await rm(sqliteFile, { force: true });
  return null;
}

/**
 * Writes a delta to the new version from every kept version before the previous one whose payload
 * is intact, and returns the outcome per base version, newest first. The delta from the previous
 * version is built by the caller, as before.
 */
export async function writeOlderDeltas(input: OlderDeltasInput): Promise<{ baseVersion: number; delta: BundleDelta }[]> {
  const outcomes: { baseVersion: number; delta: BundleDelta }[] = [];
  for (const baseVersion of keptVersions(input.version, input.keep).slice(1)) {
    const baseSqlite = await expandKeptPayload(input.outDir, input.workDir, baseVersion);
    if (baseSqlite === null) continue;
    try {
      const delta = await writeBundleDelta({ ...input, baseSqlite, baseVersion, newSqlite: input.sqliteFile });
      outcomes.push({ baseVersion, delta });
    } finally {
      await rm(baseSqlite, { force: true });
    }
  }
  return outcomes;
}

/**
 * Lists the payload and delta files to keep after publishing `version`: the payloads of the last
 * `keep` versions, the deltas of the new manifest, and every file the previous manifest names. The
 * last keeps a terminal that read the previous manifest just before the new one replaced it able
 * to download what it read, until the next publish.
 */
export function filesToKeep(version: number, keep: number, manifest: Manifest, previous: PreviousBundle | null): Set<string> {
  const names = new Set([payloadFileName(version), ...keptVersions(version, keep).map(payloadFileName)]);
  for (const name of manifestFiles(manifest)) names.add(name);
  if (previous !== null) names.add(previous.payloadPath);
  if (previous?.manifest != null) for (const name of manifestFiles(previous.manifest)) names.add(name);
  return names;
}

/** Lists the payload and delta files a manifest names. */
export function manifestFiles(manifest: Manifest): string[] {
  const { payload, delta } = manifest.signed;
  const older = manifest.olderDeltas?.signed.deltas ?? [];
  return [payload.path, ...(delta === undefined ? [] : [delta.path]), ...older.map((entry) => entry.path)];
}
