// The bundle already in the output folder, if any: its version is the one to exceed, and its
// lookup salt is reused so person keys stay the same from one version to the next.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { LookupKeyParamsSchema } from '../core/lookup-key.js';
import type { LookupKeyParams } from '../core/lookup-key.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, ManifestSchema } from '../core/snapshot/manifest.js';
import type { Manifest } from '../core/snapshot/manifest.js';
import { META_KEYS } from '../core/snapshot/schema.js';
import { PublishError } from './publish-error.js';

export interface PreviousBundle {
  manifest: Manifest;
  /** The previous snapshot's lookup parameters; null when its payload is absent or damaged. */
  lookupKey: LookupKeyParams | null;
}

/**
 * Reads `outDir/manifest.json`. Returns null when there is none; throws PublishError when it
 * exists but is not a valid manifest, because starting again at version 1 would make every
 * kiosk reject the new bundle as older than the one it has.
 */
export async function readPreviousBundle(outDir: string): Promise<PreviousBundle | null> {
  const manifestPath = path.join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    const stats = await stat(manifestPath);
    if (stats.size > MAX_MANIFEST_BYTES) throw new PublishError('previousManifestInvalid', { path: manifestPath, reason: 'too large' });
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof PublishError) throw error;
    throw new PublishError('previousManifestInvalid', { path: manifestPath, reason: (error as Error).message });
  }

  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(text));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'does not match the manifest schema';
    throw new PublishError('previousManifestInvalid', { path: manifestPath, reason });
  }

  return { manifest, lookupKey: await readLookupKey(outDir, manifest) };
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads lookup_key from the previous payload, trusting it only if its hash matches the manifest. */
async function readLookupKey(outDir: string, manifest: Manifest): Promise<LookupKeyParams | null> {
  const payloadPath = path.join(outDir, manifest.signed.payload.path);
  try {
    if ((await sha256OfFile(payloadPath)) !== manifest.signed.payload.sha256) return null;
  } catch {
    return null;
  }

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-previous-'));
  try {
    const sqliteFile = path.join(workDir, 'previous.sqlite');
    await pipeline(createReadStream(payloadPath), createGunzip(), createWriteStream(sqliteFile));
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
    // A payload that cannot be opened is treated like an absent one: a fresh salt is drawn.
    return null;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
