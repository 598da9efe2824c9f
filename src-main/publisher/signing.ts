// The publisher's signing keys (Ed25519 or SM2, one or several for threshold signing) and the
// signatures over the canonical JSON of the manifest.
import { readFile } from 'node:fs/promises';
import type { HashAlgorithm } from '../core/crypto/hash-types.js';
import { KeyError, parsePrivateKeyPem } from '../core/crypto/keys.js';
import type { PrivateKey, SignatureAlgorithm } from '../core/crypto/key-types.js';
import { signingBytes } from '../core/snapshot/manifest.js';
import type { Manifest, Signature, SignedManifest } from '../core/snapshot/manifest.js';
import { PublishError } from './publish-error.js';

// A manifest carries at most this many signatures (ManifestSchema).
export const MAX_SIGNING_KEYS = 16;

export interface SigningKey {
  file: string;
  keyId: string;
  algorithm: SignatureAlgorithm;
  privateKey: PrivateKey;
}

/** Loads one unencrypted PEM private key; throws PublishError naming the file and the problem. */
export async function loadSigningKey(file: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new PublishError('keyUnreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }

  let privateKey: PrivateKey;
  try {
    privateKey = parsePrivateKeyPem(pem);
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    if (error.code === 'encrypted') throw new PublishError('keyEncrypted', { file });
    if (error.code === 'unsupported') throw new PublishError('keyWrongType', { file, reason: error.message });
    throw new PublishError('keyInvalid', { file, reason: error.message });
  }

  return { file, keyId: privateKey.publicKey.keyId, algorithm: privateKey.algorithm, privateKey };
}

/**
 * Loads every key of a threshold signature. Throws PublishError when none is given, when there
 * are more than a manifest can carry, or when two files hold the same key, because a duplicate
 * signature would count once and leave the threshold short.
 */
export async function loadSigningKeys(files: readonly string[]): Promise<SigningKey[]> {
  if (files.length === 0) throw new PublishError('keyMissing');
  if (files.length > MAX_SIGNING_KEYS) throw new PublishError('tooManyKeys', { count: files.length, max: MAX_SIGNING_KEYS });

  const keys: SigningKey[] = [];
  for (const file of files) {
    const key = await loadSigningKey(file);
    const earlier = keys.find((other) => other.keyId === key.keyId);
    if (earlier !== undefined) throw new PublishError('keyDuplicate', { file, other: earlier.file, keyId: key.keyId });
    keys.push(key);
  }
  return keys;
}

/** Picks the digest of the manifest: SM3 when any key is SM2, so SM2 deployments use only SM algorithms. */
export function hashAlgorithmFor(keys: readonly SigningKey[]): HashAlgorithm {
  return keys.some((key) => key.algorithm === 'sm2') ? 'sm3' : 'sha256';
}

/** Signs a signed part (of the manifest or its older deltas) with every key, over exactly the bytes a kiosk verifies. */
export function signWithKeys(signed: unknown, keys: readonly SigningKey[]): Signature[] {
  const bytes = signingBytes(signed);
  return keys.map((key) => ({ keyId: key.keyId, algorithm: key.algorithm, signature: key.privateKey.sign(bytes) }));
}

/** Signs the manifest's signed part with every key. */
export function signManifest(signed: SignedManifest, keys: readonly SigningKey[]): Manifest {
  return { signed, signatures: signWithKeys(signed, keys) };
}
