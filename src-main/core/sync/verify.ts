// The checks a bundle must pass before it may replace the installed snapshot. Each failed check
// throws a BundleRejection with a stable reason code (the CLI and the admin screen translate it)
// and the values that differed.
import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { verifyEd25519 } from '../crypto/ed25519.js';
import { ManifestSchema, signingBytes } from '../snapshot/manifest.js';
import type { Manifest } from '../snapshot/manifest.js';
import { META_KEYS, SNAPSHOT_FORMAT } from '../snapshot/schema.js';
import { openSnapshot, readMeta, readSnapshotInfo } from '../store.js';
import { indexKeys } from './trust.js';

export const REJECT_REASONS = [
  'malformed-manifest',
  'unsupported-format',
  'unknown-key',
  'bad-signature',
  'wrong-region',
  'rollback',
  'expired',
  'length-mismatch',
  'hash-mismatch',
  'integrity-check-failed',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type RejectDetails = Record<string, string | number>;

export class BundleRejection extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly details: RejectDetails,
  ) {
    super(`bundle rejected (${reason}): ${JSON.stringify(details)}`);
    this.name = 'BundleRejection';
  }
}

/** Parses manifest bytes; a newer spec or snapshot format is unsupported rather than malformed. */
export function parseManifest(bytes: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new BundleRejection('malformed-manifest', { problem: (error as Error).message });
  }

  const specVersion = (raw as { signed?: { specVersion?: unknown } } | null)?.signed?.specVersion;
  if (typeof specVersion === 'number' && specVersion !== 1) {
    throw new BundleRejection('unsupported-format', { field: 'signed.specVersion', expected: 1, actual: specVersion });
  }

  const result = ManifestSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new BundleRejection('malformed-manifest', { problem: `${field}: ${issue.message}` });
  }
  return result.data;
}

/**
 * Requires at least one signature by a trusted key that verifies. A signature by a trusted key
 * that fails is a bad signature; signatures only by other keys mean an unknown signer.
 */
export function checkSignatures(manifest: Manifest, trustedKeys: KeyObject[]): string {
  const trusted = indexKeys(trustedKeys);
  const message = signingBytes(manifest.signed);
  let failedKeyId: string | null = null;

  for (const entry of manifest.signatures) {
    const key = trusted.get(entry.keyId);
    if (!key) continue;
    if (verifyEd25519(key, message, entry.signature)) return entry.keyId;
    failedKeyId = entry.keyId;
  }

  if (failedKeyId) throw new BundleRejection('bad-signature', { keyId: failedKeyId });
  throw new BundleRejection('unknown-key', {
    keyIds: manifest.signatures.map((entry) => entry.keyId).join(', '),
  });
}

export function checkRegion(manifest: Manifest, expectedRegion: string | null): void {
  if (expectedRegion !== null && manifest.signed.regionCode !== expectedRegion) {
    throw new BundleRejection('wrong-region', { expected: expectedRegion, actual: manifest.signed.regionCode });
  }
}

/** Returns true when the bundle is newer than the installed version and false when it is the same. */
export function checkVersion(manifest: Manifest, installedVersion: number): boolean {
  const { version } = manifest.signed;
  if (version < installedVersion) {
    throw new BundleRejection('rollback', { installed: installedVersion, offered: version });
  }
  return version > installedVersion;
}

export function checkNotExpired(manifest: Manifest, now: Date): void {
  const expiresAt = new Date(manifest.signed.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) {
    throw new BundleRejection('expired', { expiresAt: manifest.signed.expiresAt, now: now.toISOString() });
  }
}

export function checkSnapshotFormat(manifest: Manifest): void {
  if (manifest.signed.snapshotFormat !== SNAPSHOT_FORMAT) {
    throw new BundleRejection('unsupported-format', {
      field: 'signed.snapshotFormat',
      expected: SNAPSHOT_FORMAT,
      actual: manifest.signed.snapshotFormat,
    });
  }
}

/** Hex SHA-256 and length of a file, read as a stream. */
export async function digestFile(file: string): Promise<{ length: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const { size } = await stat(file);
  return { length: size, sha256: hash.digest('hex') };
}

/** Compares a file's length and SHA-256 with the signed values; `label` names the file in details. */
export async function checkDigest(
  file: string,
  expected: { length: number; sha256: string },
  label: 'payload' | 'sqlite',
): Promise<void> {
  const actual = await digestFile(file);
  if (actual.length !== expected.length) {
    throw new BundleRejection('length-mismatch', { file: label, expected: expected.length, actual: actual.length });
  }
  if (actual.sha256 !== expected.sha256) {
    throw new BundleRejection('hash-mismatch', { file: label, expected: expected.sha256, actual: actual.sha256 });
  }
}

/**
 * Opens the staged SQLite file and checks that it is sound (PRAGMA quick_check), has the
 * expected format, and is the version and region the manifest announced.
 */
export function checkSnapshotFile(file: string, manifest: Manifest): void {
  let db;
  try {
    db = openSnapshot(file);
  } catch (error) {
    throw new BundleRejection('integrity-check-failed', { problem: (error as Error).message });
  }

  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const verdict = rows.map((row) => row.quick_check).join('; ');
    if (verdict !== 'ok') throw new BundleRejection('integrity-check-failed', { problem: verdict });

    const meta = readMeta(db);
    const format = Number(meta.get(META_KEYS.format));
    if (format !== SNAPSHOT_FORMAT) {
      throw new BundleRejection('unsupported-format', { field: 'meta.format', expected: SNAPSHOT_FORMAT, actual: String(meta.get(META_KEYS.format)) });
    }

    const info = readSnapshotInfo(db);
    if (info.version !== manifest.signed.version || info.regionCode !== manifest.signed.regionCode) {
      throw new BundleRejection('integrity-check-failed', {
        problem: `snapshot is version ${info.version} of region ${info.regionCode}, manifest announced version ${manifest.signed.version} of region ${manifest.signed.regionCode}`,
      });
    }
  } catch (error) {
    if (error instanceof BundleRejection) throw error;
    throw new BundleRejection('integrity-check-failed', { problem: (error as Error).message });
  } finally {
    db.close();
  }
}
