// Keys of the report recipient (the discipline commission). X25519 keys go through node:crypto,
// which Electron's BoringSSL also provides. SM2 keys are read with the parsers in crypto/keys.ts,
// and the SM2 point or scalar is then taken from the DER, because those parsers expose neither.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  TAG,
  expectTag,
  readBitStringBytes,
  readChildren,
  readObjectIdentifier,
  readOnly,
} from '../crypto/der.js';
import { KeyError, generateKeyPair, parsePrivateKeyPem, parsePublicKeyPem } from '../crypto/keys.js';
import type { KeyPairPem } from '../crypto/key-types.js';
import { decodeSinglePem } from '../crypto/pem.js';

export const SEAL_ALGORITHMS = ['x25519', 'sm2'] as const;
export type SealAlgorithm = (typeof SEAL_ALGORITHMS)[number];

const X25519_OID = '1.3.101.110';

/** A public key that reports are sealed for. */
export type RecipientKey =
  | { algorithm: 'x25519'; keyId: Buffer; key: KeyObject }
  | { algorithm: 'sm2'; keyId: Buffer; pointHex: string };

/** The private key that opens sealed reports, kept only on the county side. */
export type RecipientPrivateKey =
  | { algorithm: 'x25519'; keyId: Buffer; key: KeyObject }
  | { algorithm: 'sm2'; keyId: Buffer; scalarHex: string };

/** SHA-256 of the DER SubjectPublicKeyInfo, the same key ID rule as crypto/keys.ts. */
function keyIdOfSpki(spkiDer: Buffer): Buffer {
  return createHash('sha256').update(spkiDer).digest();
}

/** Returns the algorithm OID of an SPKI or PKCS#8 DER, whose AlgorithmIdentifier sits at `index`. */
function algorithmOid(der: Buffer, index: number, subject: string): string {
  const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);
  const algorithm = readChildren(expectTag(fields[index], TAG.sequence, subject), subject);
  return readObjectIdentifier(algorithm[0], subject);
}

/**
 * Parses the SPKI "PUBLIC KEY" PEM of an X25519 or SM2 recipient. Throws a KeyError naming the
 * problem, including for an Ed25519 key, which can sign but cannot receive encrypted reports.
 */
export function parseRecipientKeyPem(pem: string): RecipientKey {
  const subject = 'report recipient public key';
  const { label, der } = decodeSinglePem(pem, subject);

  if (label === 'PUBLIC KEY' && algorithmOid(der, 0, subject) === X25519_OID) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    } catch (error) {
      throw new KeyError(`${subject}: invalid X25519 key (${(error as Error).message})`);
    }
    return { algorithm: 'x25519', keyId: keyIdOfSpki(der), key };
  }

  const parsed = parsePublicKeyPem(pem);
  if (parsed.algorithm !== 'sm2') {
    const reason = `${subject}: an ${parsed.algorithm} key can only sign; give an X25519 or SM2 public key`;
    throw new KeyError(reason, 'unsupported');
  }

  // parsePublicKeyPem has checked the SPKI and that the point is on the SM2 curve.
  const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);
  const point = readBitStringBytes(fields[1], subject);
  return { algorithm: 'sm2', keyId: keyIdOfSpki(der), pointHex: point.toString('hex') };
}

/** Parses an unencrypted X25519 PKCS#8 key or an SM2 key in any form crypto/keys.ts reads. */
export function parseRecipientPrivateKeyPem(pem: string): RecipientPrivateKey {
  const subject = 'report recipient private key';
  const { label, der } = decodeSinglePem(pem, subject);

  if (label === 'PRIVATE KEY' && algorithmOid(der, 1, subject) === X25519_OID) {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch (error) {
      throw new KeyError(`${subject}: invalid X25519 key (${(error as Error).message})`);
    }
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    return { algorithm: 'x25519', keyId: keyIdOfSpki(spki), key };
  }

  const parsed = parsePrivateKeyPem(pem);
  if (parsed.algorithm !== 'sm2') {
    const reason = `${subject}: an ${parsed.algorithm} key can only sign; give the X25519 or SM2 private key`;
    throw new KeyError(reason, 'unsupported');
  }

  const spki = decodeSinglePem(parsed.publicKey.pem, subject).der;
  return { algorithm: 'sm2', keyId: keyIdOfSpki(spki), scalarHex: readSm2Scalar(label, der, subject) };
}

/** Reads d from a SEC1 ECPrivateKey, alone or inside PKCS#8; parsePrivateKeyPem has checked both. */
function readSm2Scalar(label: string, der: Buffer, subject: string): string {
  let ecPrivateKey = der;
  if (label === 'PRIVATE KEY') {
    const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);
    ecPrivateKey = expectTag(fields[2], TAG.octetString, subject).content;
  }

  const fields = readChildren(readOnly(ecPrivateKey, TAG.sequence, subject), subject);
  return expectTag(fields[1], TAG.octetString, subject).content.toString('hex');
}

/** Generates a recipient key pair as PKCS#8 and SPKI PEM, for the county side and for tests. */
export function generateRecipientKeyPair(algorithm: SealAlgorithm): KeyPairPem {
  if (algorithm === 'sm2') return generateKeyPair('sm2');

  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
