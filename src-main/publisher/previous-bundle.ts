// The bundle already in the output folder, if any. Its version is the one to exceed, and its
// lookup salt is reused so person keys stay the same from one version to the next. Its
// snapshot is the base of the delta to the new version.
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { hashFile } from '../core/crypto/hash.js';
import { LookupKeyParamsSchema } from '../core/lookup-key.js';
import type { LookupKeyParams } from '../core/lookup-key.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, ManifestSchema } from '../core/snapshot/manifest.js';
import type { Manifest } from '../core/snapshot/manifest.js';
import { META_KEYS } from '../core/snapshot/schema.js';
import { dataFileVersion } from './bundle-files.js';
import { PublishError } from './publish-error.js';

export interface PreviousBundle {
  /** The previous manifest; null when it has an older format, which gives only version and region. */
  manifest: Manifest | null;
  version: number;
  regionCode: string;
  regionName: string;
  payloadPath: string;
  /** The previous snapshot's lookup parameters; null when its payload is absent or damaged. */
  lookupKey: LookupKeyParams | null;
  /** The previous snapshot, expanded into the caller's work folder; null when its payload is absent or damaged. */
  sqliteFile: string | null;
}

/**
 * Reads `outDir/manifest.json` and expands its payload into `workDir` when the payload's length
 * and digest match the manifest. Returns null when the folder has neither a manifest nor payload
 * or delta files. Throws PublishError when the manifest is invalid, or missing beside payload
 * files, because starting again at version 1 would make every kiosk reject the new bundle as
 * older than the one it has.
 */
export async function readPreviousBundle(outDir: string, workDir: string): Promise<PreviousBundle | null> {
  const manifestPath = path.join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    const stats = await stat(manifestPath);
    if (stats.size > MAX_MANIFEST_BYTES) throw new PublishError('previousManifestInvalid', { path: manifestPath, reason: 'too large' });
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await rejectPayloadsWithoutManifest(outDir);
      return null;
    }
    if (error instanceof PublishError) throw error;
    throw new PublishError('previousManifestInvalid', { path: manifestPath, reason: (error as Error).message });
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PublishError('previousManifestInvalid', { path: manifestPath, reason: (error as Error).message });
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const older = OlderManifestSchema.safeParse(raw);
    if (!older.success) throw new PublishError('previousManifestInvalid', { path: manifestPath, reason: 'does not match the manifest schema' });
    // Terminals already trust this version, so numbering continues above it. Its payload is in
    // the older format, so it is no delta base and its lookup salt is not reused.
    const { version, regionCode, regionName, payload } = older.data.signed;
    return { manifest: null, version, regionCode, regionName, payloadPath: payload.path, lookupKey: null, sqliteFile: null };
  }

  const manifest = parsed.data;
  const { version, regionCode, regionName, payload } = manifest.signed;
  const sqliteFile = await expandIntactPayload(outDir, manifest, workDir);
  const lookupKey = sqliteFile === null ? null : readLookupKey(sqliteFile);
  // A snapshot without a readable lookup key is damaged, so it is no base for a delta either.
  return { manifest, version, regionCode, regionName, payloadPath: payload.path, lookupKey, sqliteFile: lookupKey === null ? null : sqliteFile };
}

/**
 * Throws PublishError when `outDir` contains payload or delta files although its manifest is
 * missing. Publishing would then number the bundle 1 and remove those files as old, so the
 * versions that kiosks already have would be lost. The error names the newest of them.
 */
async function rejectPayloadsWithoutManifest(outDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch (error) {
    throw new PublishError('outUnreadable', { dir: outDir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }

  let newest: { name: string; version: number } | null = null;
  for (const name of names.sort()) {
    const version = dataFileVersion(name);
    if (version === null) continue;
    // On a tie, the snapshot is named rather than the delta that leads to it.
    const better = newest === null || version > newest.version || (version === newest.version && name.startsWith('snapshot-'));
    if (better) newest = { name, version };
  }
  if (newest !== null) throw new PublishError('manifestMissing', { dir: outDir, file: newest.name, version: newest.version });
}

/** The fields publish needs from a manifest of the first format (specVersion 1). */
const OlderManifestSchema = z.object({
  signed: z.object({
    type: z.literal('minsheng-snapshot'),
    specVersion: z.literal(1),
    version: z.number().int().positive(),
    regionCode: z.string().regex(/^\d{6}$/),
    regionName: z.string(),
    payload: z.object({ path: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/) }),
  }),
});

/** Gunzips the previous payload into `workDir` when its length and digest match the manifest. */
async function expandIntactPayload(outDir: string, manifest: Manifest, workDir: string): Promise<string | null> {
  const payload = manifest.signed.payload;
  const payloadPath = path.join(outDir, payload.path);
  try {
    const measured = await hashFile(payloadPath, manifest.signed.hashAlgorithm);
    if (measured.length !== payload.length || measured.digest !== payload.digest) return null;
  } catch {
    return null;
  }

  const sqliteFile = path.join(workDir, 'previous.sqlite');
  try {
    await pipeline(createReadStream(payloadPath), createGunzip(), createWriteStream(sqliteFile));
    return sqliteFile;
  } catch {
    // A payload that cannot be expanded is treated like an absent one.
    await rm(sqliteFile, { force: true });
    return null;
  }
}

/** Reads lookup_key from the previous snapshot; null when it cannot be read or parsed. */
function readLookupKey(sqliteFile: string): LookupKeyParams | null {
  try {
    const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEYS.lookupKey) as { value: string } | undefined;
      if (row === undefined) return null;
      const parsed = LookupKeyParamsSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : null;
    } finally {
      db.close();
    }
  } catch {
    // A snapshot that cannot be opened is treated like an absent one: a fresh salt is drawn.
    return null;
  }
}
