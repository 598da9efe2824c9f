// Hybrid encryption of villager reports for the discipline commission's public key, so that the
// terminal can write a report to disk and upload it but cannot read it back. Each report gets a
// fresh content key: through ephemeral X25519 ECDH and HKDF-SHA256 for AES-256-GCM, or as a
// random SM4 key encrypted with SM2 for SM4-GCM. The envelope layout is in seal-envelope.ts.
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { sm2, sm4 } from 'sm-crypto-v2';
import {
  KEY_MATERIAL_BYTES,
  MAX_IDEMPOTENCY_KEY_BYTES,
  MAX_PLAINTEXT_BYTES,
  NONCE_BYTES,
  TAG_BYTES,
  decodeEnvelope,
  encodeEnvelope,
  encodeHeader,
} from './seal-envelope.js';
import type { EnvelopeHeader } from './seal-envelope.js';
import { SealError } from './seal-error.js';
import type { RecipientKey, RecipientPrivateKey, SealAlgorithm } from './seal-keys.js';

export { SealError } from './seal-error.js';
export type { SealErrorCode } from './seal-error.js';
export { generateRecipientKeyPair, parseRecipientKeyPem, parseRecipientPrivateKeyPem } from './seal-keys.js';
export type { RecipientKey, RecipientPrivateKey, SealAlgorithm } from './seal-keys.js';

// Fixed HKDF info, so that a key derived here is never valid for another protocol of this project.
const HKDF_INFO = Buffer.from('minsheng-kiosk report seal v1 x25519 aes-256-gcm', 'utf8');
const SM4_KEY_BYTES = 16;
// sm-crypto-v2 cipher mode 1 is C1 || C3 || C2, the order of GB/T 32918.4.
const SM2_CIPHER_MODE_C1C3C2 = 1;

export interface OpenedReport {
  plaintext: Uint8Array;
  idempotencyKey: string;
  algorithm: SealAlgorithm;
}

/**
 * Encrypts a report for `recipient` and returns the envelope bytes. The idempotency key travels
 * unencrypted but is authenticated, so the receiver can deduplicate without the private key.
 */
export function sealReport(plaintext: Uint8Array, recipient: RecipientKey, idempotencyKey: string): Buffer {
  checkSealInput(plaintext, idempotencyKey);

  const nonce = randomBytes(NONCE_BYTES);

  if (recipient.algorithm === 'x25519') {
    const ephemeral = generateKeyPairSync('x25519');
    const ephemeralPublic = rawX25519PublicKey(ephemeral.publicKey);
    const contentKey = deriveX25519ContentKey(ephemeral.privateKey, recipient.key, ephemeralPublic);

    const headerBytes = encodeHeader(header('x25519', recipient.keyId, idempotencyKey, ephemeralPublic, nonce));
    const cipher = createCipheriv('aes-256-gcm', contentKey, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(headerBytes);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return encodeEnvelope(headerBytes, ciphertext, cipher.getAuthTag());
  }

  const contentKey = randomBytes(SM4_KEY_BYTES);
  const wrappedKey = Buffer.from(sm2.doEncrypt(contentKey, recipient.pointHex, SM2_CIPHER_MODE_C1C3C2), 'hex');

  // A length other than 112 would mean sm-crypto-v2 changed its output format.
  if (wrappedKey.length !== KEY_MATERIAL_BYTES.sm2) {
    throw new Error(`SM2 encryption returned ${wrappedKey.length} bytes, expected ${KEY_MATERIAL_BYTES.sm2}`);
  }

  const headerBytes = encodeHeader(header('sm2', recipient.keyId, idempotencyKey, wrappedKey, nonce));
  const { output, tag } = sm4.encrypt(plaintext, contentKey, {
    mode: 'gcm',
    iv: nonce,
    associatedData: headerBytes,
    output: 'array',
    outputTag: true,
  });
  if (tag === undefined) throw new Error('SM4-GCM returned no authentication tag');
  return encodeEnvelope(headerBytes, output, tag);
}

/** Decrypts an envelope with the recipient's private key; throws a SealError whose code names the failure. */
export function openReport(envelope: Uint8Array, privateKey: RecipientPrivateKey): OpenedReport {
  const decoded = decodeEnvelope(envelope);

  if (decoded.algorithm !== privateKey.algorithm || !decoded.recipientKeyId.equals(privateKey.keyId)) {
    const reason =
      `sealed report is for ${decoded.algorithm} key ${decoded.recipientKeyId.toString('hex')}, ` +
      `but the private key is ${privateKey.algorithm} key ${privateKey.keyId.toString('hex')}; use the matching private key`;
    throw new SealError('wrong-key', reason);
  }

  const plaintext =
    privateKey.algorithm === 'x25519'
      ? openX25519(decoded.keyMaterial, decoded.nonce, decoded.headerBytes, decoded.ciphertext, decoded.tag, privateKey.key)
      : openSm2(decoded.keyMaterial, decoded.nonce, decoded.headerBytes, decoded.ciphertext, decoded.tag, privateKey.scalarHex);

  return { plaintext, idempotencyKey: decoded.idempotencyKey, algorithm: decoded.algorithm };
}

/** Returns the idempotency key of an envelope without decrypting it, for deduplication. */
export function readIdempotencyKey(envelope: Uint8Array): string {
  return decodeEnvelope(envelope).idempotencyKey;
}

function checkSealInput(plaintext: Uint8Array, idempotencyKey: string): void {
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw new SealError('invalid-input', `report is ${plaintext.length} bytes, more than the maximum of ${MAX_PLAINTEXT_BYTES}; shorten the text`);
  }

  const keyBytes = Buffer.byteLength(idempotencyKey, 'utf8');
  if (keyBytes === 0 || keyBytes > MAX_IDEMPOTENCY_KEY_BYTES) {
    const reason = `idempotency key ${JSON.stringify(idempotencyKey.slice(0, 40))} is ${keyBytes} bytes; expected 1 to ${MAX_IDEMPOTENCY_KEY_BYTES}`;
    throw new SealError('invalid-input', reason);
  }
  // A lone surrogate would be replaced by U+FFFD in UTF-8, so the receiver would see another key.
  if (Buffer.from(idempotencyKey, 'utf8').toString('utf8') !== idempotencyKey) {
    throw new SealError('invalid-input', 'idempotency key contains a lone UTF-16 surrogate; use a UUID or another ASCII ID');
  }
}

function header(algorithm: SealAlgorithm, keyId: Buffer, idempotencyKey: string, keyMaterial: Buffer, nonce: Buffer): EnvelopeHeader {
  return { algorithm, recipientKeyId: keyId, idempotencyKey, keyMaterial, nonce };
}

function rawX25519PublicKey(key: KeyObject): Buffer {
  const { x } = key.export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url');
}

function deriveX25519ContentKey(privateKey: KeyObject, publicKey: KeyObject, ephemeralPublic: Buffer): Buffer {
  const sharedSecret = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', sharedSecret, ephemeralPublic, HKDF_INFO, 32));
}

function openX25519(
  ephemeralPublic: Buffer,
  nonce: Buffer,
  headerBytes: Buffer,
  ciphertext: Buffer,
  tag: Buffer,
  privateKey: KeyObject,
): Uint8Array {
  let contentKey: Buffer;
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeralPublic.toString('base64url') }, format: 'jwk' });
    contentKey = deriveX25519ContentKey(privateKey, publicKey, ephemeralPublic);
  } catch (error) {
    // OpenSSL rejects an ephemeral key of small order, whose shared secret would be all zeros.
    throw new SealError('tampered', `sealed report has an unusable ephemeral X25519 key (${(error as Error).message})`);
  }

  try {
    const decipher = createDecipheriv('aes-256-gcm', contentKey, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(headerBytes);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SealError('tampered', 'sealed report failed authentication: its bytes were changed after sealing');
  }
}

function openSm2(
  wrappedKey: Buffer,
  nonce: Buffer,
  headerBytes: Buffer,
  ciphertext: Buffer,
  tag: Buffer,
  scalarHex: string,
): Uint8Array {
  let contentKey: Uint8Array;
  try {
    // sm-crypto-v2 1.15 returns an empty array when the C3 hash does not match.
    contentKey = sm2.doDecrypt(wrappedKey.toString('hex'), scalarHex, SM2_CIPHER_MODE_C1C3C2, { output: 'array' });
  } catch {
    contentKey = new Uint8Array(0);
  }
  if (contentKey.length !== SM4_KEY_BYTES) {
    throw new SealError('tampered', 'sealed report failed authentication: its SM2-encrypted content key was changed');
  }

  try {
    return sm4.decrypt(ciphertext, contentKey, { mode: 'gcm', iv: nonce, associatedData: headerBytes, tag, output: 'array' });
  } catch {
    throw new SealError('tampered', 'sealed report failed authentication: its bytes were changed after sealing');
  }
}
