// The bundle manifest: a signed description of one snapshot version. The kiosk trusts the
// payload only through it: right signer, right region, newer version, and payload bytes whose
// length and SHA-256 match what was signed.
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json.js';

export const MANIFEST_FILE = 'manifest.json';

export const SignedManifestSchema = z.object({
  type: z.literal('minsheng-snapshot'),
  specVersion: z.literal(1),
  version: z.number().int().positive(),
  regionCode: z.string().regex(/^\d{2,12}$/),
  regionName: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  snapshotFormat: z.number().int().positive(),
  payload: z.object({
    // A bare file name inside the bundle folder: no separators, and a letter or digit first so
    // that "." and ".." cannot name the folder itself or its parent.
    path: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    compression: z.literal('gzip'),
    length: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    // The SQLite file after decompression.
    sqliteLength: z.number().int().positive(),
    sqliteSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type SignedManifest = z.infer<typeof SignedManifestSchema>;

export const SignatureSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  algorithm: z.literal('ed25519'),
  signature: z.string().max(256),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const ManifestSchema = z.object({
  signed: SignedManifestSchema,
  signatures: z.array(SignatureSchema).min(1).max(16),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The exact bytes a signature covers. */
export function signingBytes(signed: SignedManifest): Buffer {
  return Buffer.from(canonicalJson(signed), 'utf8');
}

// Manifests are small; anything larger is rejected before parsing.
export const MAX_MANIFEST_BYTES = 64 * 1024;
