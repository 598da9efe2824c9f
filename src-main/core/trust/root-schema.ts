// Root metadata: the province's list of keys and who may sign what. Root keys sign root
// metadata; each county's publisher keys sign that county's manifests. A terminal trusts a
// new root version only in sequence and only when a threshold of both the old and the new
// root keys signed it, so keys can be rotated or revoked without a visit to the terminal.
import { z } from 'zod';
import { SIGNATURE_ALGORITHMS } from '../crypto/key-types.js';
import { SignatureSchema } from '../snapshot/manifest.js';

export const ROOT_SPEC_VERSION = 1;
// Root files are small; a larger one is rejected before parsing.
export const MAX_ROOT_BYTES = 256 * 1024;

/** File name of root version N in a bundle folder or a root folder. */
export function rootFileName(version: number): string {
  return `${version}.root.json`;
}

const KeyIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const RoleSchema = z
  .object({
    keyIds: z.array(KeyIdSchema).min(1).max(32),
    threshold: z.number().int().min(1).max(32),
  })
  .refine((role) => role.threshold <= new Set(role.keyIds).size, {
    message: 'threshold is larger than the number of distinct keys',
    path: ['threshold'],
  });
export type Role = z.infer<typeof RoleSchema>;

export const RootKeySchema = z.object({
  algorithm: z.enum(SIGNATURE_ALGORITHMS),
  publicKeyPem: z.string().max(2000),
});

export const SignedRootSchema = z.object({
  type: z.literal('minsheng-root'),
  specVersion: z.literal(ROOT_SPEC_VERSION),
  version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  /** Every key the roles name, by key ID (hex SHA-256 of its DER SubjectPublicKeyInfo). */
  keys: z.record(KeyIdSchema, RootKeySchema),
  root: RoleSchema,
  /** Publisher role per county code (6 digits). */
  publishers: z.record(z.string().regex(/^\d{6}$/), RoleSchema),
});
export type SignedRoot = z.infer<typeof SignedRootSchema>;

export const RootMetadataSchema = z.object({
  signed: SignedRootSchema,
  // Empty while a new root waits for its signers; a terminal needs a threshold of them.
  signatures: z.array(SignatureSchema).max(64),
});
export type RootMetadata = z.infer<typeof RootMetadataSchema>;
