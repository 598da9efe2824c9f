// The bundle manifest: the signed description of one snapshot version of one county, in the
// role TUF gives its targets and snapshot metadata. The kiosk trusts a payload or delta only
// through it: enough trusted signers, right region, newer version, unexpired, and bytes whose
// length and digest match what was signed.
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json.js';
import { HASH_ALGORITHMS } from '../crypto/hash-types.js';
import { SIGNATURE_ALGORITHMS } from '../crypto/key-types.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SPEC_VERSION = 2;

// A bare file name inside the bundle folder: no separators, and a letter or digit first so
// that "." and ".." cannot name the folder itself or its parent.
const BundleFileName = z.string().max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
const Digest = z.string().regex(/^[0-9a-f]{64}$/);
const Length = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A gzip file of the bundle and the SQLite file it expands to. */
const GzipFileSchema = z.object({
  path: BundleFileName,
  compression: z.literal('gzip'),
  length: Length,
  digest: Digest,
  sqliteLength: Length,
  sqliteDigest: Digest,
});
export type GzipFileEntry = z.infer<typeof GzipFileSchema>;

/** A delta file and the snapshot it applies to. */
const DeltaFileSchema = GzipFileSchema.extend({
  baseVersion: z.number().int().positive(),
  baseContentDigest: Digest,
});
export type DeltaFileEntry = z.infer<typeof DeltaFileSchema>;

export const SignedManifestSchema = z.object({
  type: z.literal('minsheng-snapshot'),
  specVersion: z.literal(MANIFEST_SPEC_VERSION),
  version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  regionCode: z.string().regex(/^\d{6}$/),
  regionName: z.string().max(100),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  snapshotFormat: z.number().int().positive(),
  /** The algorithm of every digest in this manifest. */
  hashAlgorithm: z.enum(HASH_ALGORITHMS),
  /** Digest of the snapshot's rows (content-digest.ts), the same for a full or a delta install. */
  contentDigest: Digest,
  payload: GzipFileSchema,
  /** Row changes from the version before; optional, and the full payload is the fallback. */
  delta: DeltaFileSchema.optional(),
});
export type SignedManifest = z.infer<typeof SignedManifestSchema>;

export const SignatureSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  algorithm: z.enum(SIGNATURE_ALGORITHMS),
  signature: z.string().max(256),
});
export type Signature = z.infer<typeof SignatureSchema>;

const SignaturesSchema = z.array(SignatureSchema).min(1).max(16);

/** How many deltas from versions before the previous one a manifest may list. */
export const MAX_OLDER_DELTAS = 30;

/**
 * Deltas to this version from versions before the previous one, so a terminal several versions
 * behind can still take a delta. Its version, region, content digest and hash algorithm must
 * equal the manifest's, which binds it to that manifest.
 */
export const OlderDeltasSignedSchema = z.object({
  type: z.literal('minsheng-older-deltas'),
  version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  regionCode: z.string().regex(/^\d{6}$/),
  hashAlgorithm: z.enum(HASH_ALGORITHMS),
  contentDigest: Digest,
  deltas: z.array(DeltaFileSchema).max(MAX_OLDER_DELTAS),
});
export type OlderDeltasSigned = z.infer<typeof OlderDeltasSignedSchema>;

export const ManifestSchema = z.object({
  signed: SignedManifestSchema,
  signatures: SignaturesSchema,
  // Signed apart from `signed` by the same keys: terminals of spec version 2 strip fields of
  // `signed` they do not know before checking its signatures, so a new field there would make
  // them reject the manifest, while they drop an unknown top-level field harmlessly. A malformed
  // value is dropped here too, so the terminal falls back to `delta` or the full payload.
  olderDeltas: z
    .object({ signed: OlderDeltasSignedSchema, signatures: SignaturesSchema })
    .optional()
    .catch(undefined),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Returns the exact bytes a signature covers: canonical JSON of the signed part. */
export function signingBytes(signed: unknown): Buffer {
  return Buffer.from(canonicalJson(signed), 'utf8');
}

// Manifests are small; anything larger is rejected before parsing.
export const MAX_MANIFEST_BYTES = 64 * 1024;
