// Checks that a bundle must pass before it may replace the installed snapshot. Each failed check
// throws a BundleRejection with a stable reason code, which `minsheng sync` translates, and the
// values that differed.
import { hashFile } from '../crypto/hash.js';
import type { HashAlgorithm } from '../crypto/hash-types.js';
import type { PublicKey } from '../crypto/key-types.js';
import { contentDigest } from '../snapshot/content-digest.js';
import { MANIFEST_SPEC_VERSION, ManifestSchema, signingBytes } from '../snapshot/manifest.js';
import type { DeltaFileEntry, Manifest } from '../snapshot/manifest.js';
import { META_KEYS, SUPPORTED_SNAPSHOT_FORMATS, isSupportedSnapshotFormat } from '../snapshot/schema.js';
import { openSnapshot, readMeta, readSnapshotInfo } from '../store.js';
import type { Role } from '../trust/root-schema.js';
import { verifyThreshold } from '../trust/threshold.js';
import { BundleRejection } from './rejection.js';

export { BundleRejection, REJECT_REASONS } from './rejection.js';
export type { RejectDetails, RejectReason } from './rejection.js';

/**
 * Parses manifest bytes. A spec version other than MANIFEST_SPEC_VERSION is rejected as
 * unsupported rather than malformed.
 */
export function parseManifest(bytes: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    // JSON.parse's message quotes the text it failed on; the manifest may be any file, so no
    // byte of it goes into the problem, only the position when the message names one.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new BundleRejection('malformed-manifest', { problem: position === undefined ? 'not valid JSON' : `not valid JSON at position ${position}` });
  }

  const specVersion = (raw as { signed?: { specVersion?: unknown } } | null)?.signed?.specVersion;
  if (typeof specVersion === 'number' && specVersion !== MANIFEST_SPEC_VERSION) {
    throw new BundleRejection('unsupported-format', { field: 'signed.specVersion', expected: MANIFEST_SPEC_VERSION, actual: specVersion });
  }

  const result = ManifestSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new BundleRejection('malformed-manifest', { problem: `${field}: ${issue.message}` });
  }
  return result.data;
}

/** The keys that may sign a region's manifests, and how many of them must. */
export interface SignerRole {
  keys: ReadonlyMap<string, PublicKey>;
  role: Role;
}

/**
 * Checks that a threshold of the role's keys signed the manifest (or a notices file, which is
 * signed the same way), and returns the key IDs whose signatures verified. When none verified, a failed signature by a role key is rejected as
 * 'bad-signature', and signatures only by other keys as 'unknown-key'.
 */
export function checkSignatures(manifest: Pick<Manifest, 'signatures'> & { signed: unknown }, signers: SignerRole): string[] {
  const result = verifyThreshold(signingBytes(manifest.signed), manifest.signatures, signers.keys, signers.role);
  if (result.met) return result.valid;
  if (result.valid.length > 0) {
    throw new BundleRejection('threshold-not-met', { valid: result.valid.length, threshold: signers.role.threshold });
  }
  if (result.invalid.length > 0) throw new BundleRejection('bad-signature', { keyId: result.invalid[0]! });
  throw new BundleRejection('unknown-key', {
    keyIds: manifest.signatures.map((entry) => entry.keyId).join(', '),
    trusted: signers.role.keyIds.join(', ') || '-',
  });
}

/**
 * Returns the manifest's older deltas when a threshold of the manifest's signers signed them and
 * they name the manifest's version, region, content digest and hash algorithm. Otherwise returns
 * no deltas and the problem, and the terminal uses the manifest's own delta or the full payload.
 */
export function verifiedOlderDeltas(manifest: Manifest, signers: SignerRole): { deltas: DeltaFileEntry[]; problem: string | null } {
  const older = manifest.olderDeltas;
  if (older === undefined) return { deltas: [], problem: null };

  const result = verifyThreshold(signingBytes(older.signed), older.signatures, signers.keys, signers.role);
  if (!result.met) return { deltas: [], problem: `olderDeltas: ${result.valid.length} valid signatures, ${signers.role.threshold} required` };
  const bound = (['version', 'regionCode', 'contentDigest', 'hashAlgorithm'] as const).find((field) => older.signed[field] !== manifest.signed[field]);
  if (bound !== undefined) return { deltas: [], problem: `olderDeltas: ${bound} differs from the manifest's` };
  return { deltas: older.signed.deltas, problem: null };
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

/** Rejects metadata that expired at or before `now`, the effective time (see effectiveNow). */
export function checkNotExpired(role: 'manifest' | 'root', expiresAt: string, now: Date): void {
  if (Date.parse(expiresAt) <= now.getTime()) {
    throw new BundleRejection('expired', { role, expiresAt, now: now.toISOString() });
  }
}

/** Rejects a manifest whose snapshot format is not in SUPPORTED_SNAPSHOT_FORMATS. */
export function checkSnapshotFormat(manifest: Manifest): void {
  if (!isSupportedSnapshotFormat(manifest.signed.snapshotFormat)) {
    throw new BundleRejection('unsupported-format', {
      field: 'signed.snapshotFormat',
      expected: SUPPORTED_SNAPSHOT_FORMATS.join(', '),
      actual: manifest.signed.snapshotFormat,
    });
  }
}

/** Compares a file's length and digest with the signed values. `label` names the file in the details. */
export async function checkDigest(
  file: string,
  expected: { length: number; digest: string },
  algorithm: HashAlgorithm,
  label: 'payload' | 'sqlite' | 'delta' | 'delta-sqlite',
): Promise<void> {
  const actual = await hashFile(file, algorithm);
  if (actual.length !== expected.length) {
    throw new BundleRejection('length-mismatch', { file: label, expected: expected.length, actual: actual.length });
  }
  if (actual.digest !== expected.digest) {
    throw new BundleRejection('hash-mismatch', { file: label, expected: expected.digest, actual: actual.digest });
  }
}

/** Compares the row digest of a snapshot file with the signed one. */
export function checkContentDigest(file: string, manifest: Manifest): void {
  const db = openSnapshot(file);
  try {
    const actual = contentDigest(db, manifest.signed.hashAlgorithm);
    if (actual !== manifest.signed.contentDigest) {
      throw new BundleRejection('content-digest-mismatch', { expected: manifest.signed.contentDigest, actual });
    }
  } finally {
    db.close();
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
    const format = meta.get(META_KEYS.format);
    if (!isSupportedSnapshotFormat(format)) {
      throw new BundleRejection('unsupported-format', { field: 'meta.format', expected: SUPPORTED_SNAPSHOT_FORMATS.join(', '), actual: String(format) });
    }
    if (Number(format) !== manifest.signed.snapshotFormat) {
      throw new BundleRejection('integrity-check-failed', {
        problem: `snapshot has format ${format}, manifest announced format ${manifest.signed.snapshotFormat}`,
      });
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
