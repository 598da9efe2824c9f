// The binary layout of a sealed report, version 1. All integers are big-endian.
//
//   offset  size  field
//   0       4     magic "MSRP"
//   4       1     format version, 1
//   5       1     algorithm: 1 = X25519 + HKDF-SHA256 + AES-256-GCM, 2 = SM2 + SM4-GCM
//   6       32    recipient key ID (SHA-256 of the recipient's DER SubjectPublicKeyInfo)
//   38      2     idempotency key length k, then k bytes of UTF-8
//           2     key material length m, then m bytes: the ephemeral X25519 public key (32 bytes)
//                 or the SM2 ciphertext C1 || C3 || C2 of the SM4 key (112 bytes)
//           12    nonce
//           4     ciphertext length c, then c bytes of ciphertext, then the 16-byte tag
//
// Every byte before the ciphertext is the header, and the header is the authenticated data of
// the cipher, so changing any field, the idempotency key included, makes opening fail.
import { SealError } from './seal-error.js';
import type { SealAlgorithm } from './seal-keys.js';

const MAGIC = Buffer.from('MSRP', 'ascii');
export const ENVELOPE_VERSION = 1;
export const KEY_ID_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/** Upper bound of the idempotency key, which is an ID and not free text. */
export const MAX_IDEMPOTENCY_KEY_BYTES = 256;

/** Upper bound of a report, so that a damaged length field cannot request gigabytes. */
export const MAX_PLAINTEXT_BYTES = 1024 * 1024;

const ALGORITHM_CODES: Record<SealAlgorithm, number> = { x25519: 1, sm2: 2 };

export const KEY_MATERIAL_BYTES: Record<SealAlgorithm, number> = {
  x25519: 32,
  // C1 is the 64-byte point without the 04 prefix, as sm-crypto-v2 1.15 writes it; C3 is 32
  // bytes of SM3 and C2 is as long as the 16-byte SM4 key.
  sm2: 64 + 32 + 16,
};

export interface EnvelopeHeader {
  algorithm: SealAlgorithm;
  recipientKeyId: Buffer;
  idempotencyKey: string;
  keyMaterial: Buffer;
  nonce: Buffer;
}

export interface Envelope extends EnvelopeHeader {
  /** The header bytes exactly as stored, which are the cipher's authenticated data. */
  headerBytes: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Encodes the header; the caller encrypts with it as authenticated data before calling encodeEnvelope. */
export function encodeHeader(header: EnvelopeHeader): Buffer {
  const idempotencyKey = Buffer.from(header.idempotencyKey, 'utf8');
  const fixed = Buffer.alloc(MAGIC.length + 2);
  MAGIC.copy(fixed, 0);
  fixed[4] = ENVELOPE_VERSION;
  fixed[5] = ALGORITHM_CODES[header.algorithm];

  return Buffer.concat([
    fixed,
    header.recipientKeyId,
    lengthPrefix(2, idempotencyKey.length),
    idempotencyKey,
    lengthPrefix(2, header.keyMaterial.length),
    header.keyMaterial,
    header.nonce,
  ]);
}

export function encodeEnvelope(headerBytes: Buffer, ciphertext: Uint8Array, tag: Uint8Array): Buffer {
  return Buffer.concat([headerBytes, lengthPrefix(4, ciphertext.length), ciphertext, tag]);
}

function lengthPrefix(size: 2 | 4, value: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.writeUIntBE(value, 0, size);
  return bytes;
}

/** Reads fields one after another and raises 'truncated' when the envelope ends inside one. */
class Reader {
  offset = 0;

  constructor(private readonly bytes: Buffer) {}

  take(length: number, field: string): Buffer {
    if (this.offset + length > this.bytes.length) {
      const remaining = this.bytes.length - this.offset;
      throw new SealError('truncated', `sealed report is cut off in the ${field}: ${length} bytes needed, ${remaining} left`);
    }
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  uint(size: 1 | 2 | 4, field: string): number {
    return this.take(size, field).readUIntBE(0, size);
  }
}

/** Decodes and length-checks an envelope without decrypting it; throws a SealError. */
export function decodeEnvelope(input: Uint8Array): Envelope {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const reader = new Reader(bytes);

  if (!reader.take(MAGIC.length, 'magic').equals(MAGIC)) {
    throw new SealError('malformed', 'not a sealed report: the first 4 bytes are not "MSRP"');
  }

  const version = reader.uint(1, 'version');
  if (version !== ENVELOPE_VERSION) {
    const reason = `sealed report format version ${version} is not supported; this program reads version ${ENVELOPE_VERSION}`;
    throw new SealError('unsupported-version', reason);
  }

  const algorithmCode = reader.uint(1, 'algorithm');
  const algorithm = (Object.keys(ALGORITHM_CODES) as SealAlgorithm[]).find((name) => ALGORITHM_CODES[name] === algorithmCode);
  if (algorithm === undefined) {
    throw new SealError('unsupported-algorithm', `sealed report algorithm code ${algorithmCode} is unknown; expected 1 (X25519) or 2 (SM2)`);
  }

  const recipientKeyId = reader.take(KEY_ID_BYTES, 'recipient key ID');
  const idempotencyKey = decodeIdempotencyKey(reader.take(reader.uint(2, 'idempotency key length'), 'idempotency key'));

  const keyMaterialLength = reader.uint(2, 'key material length');
  if (keyMaterialLength !== KEY_MATERIAL_BYTES[algorithm]) {
    const reason = `sealed report key material is ${keyMaterialLength} bytes; ${algorithm} uses ${KEY_MATERIAL_BYTES[algorithm]}`;
    throw new SealError('malformed', reason);
  }
  const keyMaterial = reader.take(keyMaterialLength, 'key material');
  const nonce = reader.take(NONCE_BYTES, 'nonce');
  const headerBytes = bytes.subarray(0, reader.offset);

  const ciphertextLength = reader.uint(4, 'ciphertext length');
  if (ciphertextLength > MAX_PLAINTEXT_BYTES) {
    throw new SealError('malformed', `sealed report ciphertext length ${ciphertextLength} exceeds the maximum of ${MAX_PLAINTEXT_BYTES} bytes`);
  }
  const ciphertext = reader.take(ciphertextLength, 'ciphertext');
  const tag = reader.take(TAG_BYTES, 'authentication tag');

  if (reader.offset !== bytes.length) {
    throw new SealError('malformed', `sealed report has ${bytes.length - reader.offset} bytes after the authentication tag`);
  }

  return { algorithm, recipientKeyId, idempotencyKey, keyMaterial, nonce, headerBytes, ciphertext, tag };
}

function decodeIdempotencyKey(bytes: Buffer): string {
  if (bytes.length === 0 || bytes.length > MAX_IDEMPOTENCY_KEY_BYTES) {
    throw new SealError('malformed', `sealed report idempotency key is ${bytes.length} bytes; expected 1 to ${MAX_IDEMPOTENCY_KEY_BYTES}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SealError('malformed', 'sealed report idempotency key is not valid UTF-8');
  }
}
