// The publisher's Ed25519 key and the signature over the canonical JSON of the manifest.
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { keyIdOf, parseEd25519PrivateKey, signEd25519 } from '../core/crypto/ed25519.js';
import { signingBytes } from '../core/snapshot/manifest.js';
import type { Manifest, SignedManifest } from '../core/snapshot/manifest.js';
import { PublishError } from './publish-error.js';

export interface SigningKey {
  privateKey: KeyObject;
  keyId: string;
}

/** Loads a PKCS#8 PEM Ed25519 private key; throws PublishError naming the file and the problem. */
export async function loadSigningKey(file: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new PublishError('keyUnreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }

  // Node requires a passphrase for these, but minsheng keys never have one.
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem)) {
    throw new PublishError('keyEncrypted', { file });
  }

  let privateKey: KeyObject;
  try {
    privateKey = parseEd25519PrivateKey(pem);
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('expected an Ed25519')) throw new PublishError('keyWrongType', { file, reason: message });
    if ((error as NodeJS.ErrnoException).code === 'ERR_MISSING_PASSPHRASE') throw new PublishError('keyEncrypted', { file });
    throw new PublishError('keyInvalid', { file });
  }

  return { privateKey, keyId: keyIdOf(createPublicKey(privateKey)) };
}

/** Signs the manifest's signed part over exactly the bytes a kiosk verifies. */
export function signManifest(signed: SignedManifest, key: SigningKey): Manifest {
  return {
    signed,
    signatures: [{ keyId: key.keyId, algorithm: 'ed25519', signature: signEd25519(key.privateKey, signingBytes(signed)) }],
  };
}
