// SM2 signatures with SM3 (GB/T 32918.2, also GM/T 0003.2), in hash mode with the default user ID,
// and SM2 keys in the encodings OpenSSL 3 reads and writes. The curve arithmetic comes from
// sm-crypto-v2; the SM3 digests Z and e come from sm3.ts. Nothing here uses node:crypto, because
// Electron's BoringSSL has no SM2 or SM3.
import { sm2 } from 'sm-crypto-v2';
import {
  TAG,
  encodeBitString,
  encodeElement,
  encodeObjectIdentifier,
  encodeOctetString,
  encodeSequence,
  encodeUnsignedInteger,
  expectTag,
  readBitStringBytes,
  readChildren,
  readObjectIdentifier,
  readOnly,
  readUnsignedInteger,
} from './der.js';
import { KeyError } from './key-error.js';
import { Sm3 } from './sm3.js';

/** The standard default user ID (distinguishing identifier, OpenSSL's `distid`) of SM2 signatures. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
export const SM2_CURVE_OID = '1.2.156.10197.1.301';

// The recommended SM2 curve (OpenSSL's name: SM2, OID 1.2.156.10197.1.301), y^2 = x^3 + ax + b mod p.
const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = P - 3n;
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');

const COORDINATE_BYTES = 32;

function toBytes(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(COORDINATE_BYTES * 2, '0'), 'hex');
}

function isOnCurve(x: bigint, y: bigint): boolean {
  const left = (y * y) % P;
  const right = (((x * x) % P) * x + A * x + B) % P;
  return left === right;
}

/** An SM2 public key: a point on the curve, checked when it is created. */
export class Sm2PublicKey {
  /** The uncompressed point 04 || x || y, 65 bytes. */
  readonly point: Buffer;
  private readonly z: Buffer;
  private precomputed: ReturnType<typeof sm2.precomputePublicKey> | undefined;

  private constructor(point: Buffer) {
    this.point = point;
    this.z = computeZ(point, SM2_DEFAULT_USER_ID);
  }

  /** Checks an encoded point: uncompressed form, coordinates below p, on the curve. */
  static fromPoint(point: Uint8Array): Sm2PublicKey {
    const bytes = Buffer.from(point);
    if (bytes.length === 33 && (bytes[0] === 0x02 || bytes[0] === 0x03)) {
      const reason = 'SM2 public key: compressed points are not supported; convert with openssl ec -conv_form uncompressed';
      throw new KeyError(reason, 'unsupported');
    }
    if (bytes.length !== 1 + 2 * COORDINATE_BYTES || bytes[0] !== 0x04) {
      const reason = `SM2 public key: expected a 65-byte uncompressed point (04 || x || y), got ${bytes.length} bytes`;
      throw new KeyError(reason);
    }

    const x = BigInt(`0x${bytes.subarray(1, 33).toString('hex')}`);
    const y = BigInt(`0x${bytes.subarray(33).toString('hex')}`);
    if (x >= P || y >= P) throw new KeyError('SM2 public key: a coordinate is not below the field prime p');
    // The cofactor is 1, so every point on the curve is in the signing group.
    if (!isOnCurve(x, y)) throw new KeyError('SM2 public key: the point is not on the SM2 curve');

    return new Sm2PublicKey(bytes);
  }

  /** Reads the content of a SubjectPublicKeyInfo whose algorithm was already checked. */
  static fromSubjectPublicKey(bitString: Buffer): Sm2PublicKey {
    return Sm2PublicKey.fromPoint(bitString);
  }

  /** Encodes SubjectPublicKeyInfo as `openssl pkey -pubout` writes it. */
  toSpkiDer(): Buffer {
    return encodeSequence(algorithmIdentifier(), encodeBitString(this.point));
  }

  /**
   * Verifies a DER signature of `message` made with `userId` (by default the standard ID). Returns
   * false, and never throws, for a malformed, out-of-range or wrong signature.
   */
  verify(message: Uint8Array, signature: Uint8Array, userId = SM2_DEFAULT_USER_ID): boolean {
    try {
      const { r, s } = decodeSignature(Buffer.from(signature));

      // sm-crypto-v2 1.15 does not check the ranges that GB/T 32918.2 requires of r and s.
      if (r < 1n || r >= N || s < 1n || s >= N) return false;

      const z = userId === SM2_DEFAULT_USER_ID ? this.z : computeZ(this.point, userId);
      const e = new Sm3().update(z).update(message).digest();

      // Precomputed multiples of the point make verification several times faster. They are built
      // on first use because a trust file may list keys that never sign. Window 4 comes from one
      // run on Node 20 with sm-crypto-v2 1.15 (2-vCPU VM): 4 ms to build, faster to verify than 8.
      this.precomputed ??= sm2.precomputePublicKey(this.point.toString('hex'), 4);

      const rs = toBytes(r).toString('hex') + toBytes(s).toString('hex');
      return sm2.doVerifySignature(e, rs, this.precomputed, { hash: false, der: false });
    } catch {
      return false;
    }
  }
}

/** An SM2 private key with its public key. */
export class Sm2PrivateKey {
  readonly publicKey: Sm2PublicKey;
  private readonly scalarHex: string;

  private constructor(scalar: bigint, publicKey: Sm2PublicKey) {
    this.scalarHex = toBytes(scalar).toString('hex');
    this.publicKey = publicKey;
  }

  /** Creates a key from a scalar d, which SM2 requires to be in [1, n-2]. */
  static fromScalar(scalar: bigint): Sm2PrivateKey {
    if (scalar < 1n || scalar > N - 2n) throw new KeyError('SM2 private key: the scalar is outside [1, n-2]');
    const point = Buffer.from(sm2.getPublicKeyFromPrivateKey(toBytes(scalar).toString('hex')), 'hex');
    return new Sm2PrivateKey(scalar, Sm2PublicKey.fromPoint(point));
  }

  static generate(): Sm2PrivateKey {
    // SM2 signing inverts d + 1, so d = n-1 is unusable. sm-crypto-v2 may return it, and then d is redrawn.
    for (;;) {
      const scalar = BigInt(`0x${sm2.generateKeyPairHex().privateKey}`);
      if (scalar <= N - 2n) return Sm2PrivateKey.fromScalar(scalar);
    }
  }

  /**
   * Reads a SEC1 ECPrivateKey (RFC 5915), inside PKCS#8 or alone. A curve parameter, when present,
   * must be SM2, and a public key, when present, must match the scalar.
   */
  static fromEcPrivateKeyDer(der: Buffer, subject: string, requireCurve: boolean): Sm2PrivateKey {
    const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);

    if (readUnsignedInteger(fields[0], `${subject} version`) !== 1n) {
      throw new KeyError(`${subject}: ECPrivateKey version is not 1`);
    }

    const scalarBytes = expectTag(fields[1], TAG.octetString, `${subject} private key`).content;
    if (scalarBytes.length !== COORDINATE_BYTES) {
      throw new KeyError(`${subject}: the private key is ${scalarBytes.length} bytes, expected ${COORDINATE_BYTES}`);
    }

    let index = 2;
    let curveSeen = false;
    if (fields[index]?.tag === TAG.contextConstructed0) {
      const curveElement = readOnly(fields[index]!.content, TAG.objectIdentifier, `${subject} curve`);
      const curve = readObjectIdentifier(curveElement, `${subject} curve`);
      if (curve !== SM2_CURVE_OID) {
        throw new KeyError(`${subject}: curve ${curve} is not SM2 (${SM2_CURVE_OID})`, 'unsupported');
      }
      curveSeen = true;
      index++;
    }
    if (requireCurve && !curveSeen) throw new KeyError(`${subject}: the curve parameter is missing`);

    let embeddedPoint: Buffer | undefined;
    if (fields[index]?.tag === TAG.contextConstructed1) {
      const bitString = readOnly(fields[index]!.content, TAG.bitString, `${subject} public key`);
      embeddedPoint = readBitStringBytes(bitString, `${subject} public key`);
      index++;
    }
    if (index !== fields.length) throw new KeyError(`${subject}: unexpected fields after the ECPrivateKey`);

    const key = Sm2PrivateKey.fromScalar(BigInt(`0x${scalarBytes.toString('hex')}`));
    if (embeddedPoint !== undefined && !key.publicKey.point.equals(embeddedPoint)) {
      throw new KeyError(`${subject}: the embedded public key does not belong to the private key`);
    }
    return key;
  }

  /** Encodes PKCS#8 as `openssl genpkey -algorithm SM2` writes it (no curve inside ECPrivateKey). */
  toPkcs8Der(): Buffer {
    const ecPrivateKey = encodeSequence(
      encodeUnsignedInteger(1n),
      encodeOctetString(Buffer.from(this.scalarHex, 'hex')),
      encodeElement(TAG.contextConstructed1, encodeBitString(this.publicKey.point)),
    );
    return encodeSequence(encodeUnsignedInteger(0n), algorithmIdentifier(), encodeOctetString(ecPrivateKey));
  }

  /** Signs `message` (hashed as e = SM3(Z || message)) and returns the DER SEQUENCE { r, s }. */
  sign(message: Uint8Array, userId = SM2_DEFAULT_USER_ID): Buffer {
    const z = computeZ(this.publicKey.point, userId);
    const e = new Sm3().update(z).update(message).digest();
    const raw = sm2.doSignature(e, this.scalarHex, { hash: false, der: false });
    const r = BigInt(`0x${raw.slice(0, 64)}`);
    const s = BigInt(`0x${raw.slice(64)}`);
    return encodeSequence(encodeUnsignedInteger(r), encodeUnsignedInteger(s));
  }
}

/** Encodes the AlgorithmIdentifier of SM2 keys: id-ecPublicKey with the SM2 curve as its parameter. */
function algorithmIdentifier(): Buffer {
  return encodeSequence(encodeObjectIdentifier(EC_PUBLIC_KEY_OID), encodeObjectIdentifier(SM2_CURVE_OID));
}

/** Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), the signer's identity digest. */
function computeZ(point: Buffer, userId: string): Buffer {
  const id = Buffer.from(userId, 'utf8');
  const bitLength = id.length * 8;
  if (bitLength > 0xffff) throw new KeyError('SM2 user ID is longer than 8191 bytes');

  const entl = Buffer.from([bitLength >> 8, bitLength & 0xff]);
  return new Sm3()
    .update(entl)
    .update(id)
    .update(toBytes(A))
    .update(toBytes(B))
    .update(toBytes(GX))
    .update(toBytes(GY))
    .update(point.subarray(1))
    .digest();
}

function decodeSignature(der: Buffer): { r: bigint; s: bigint } {
  const subject = 'SM2 signature';
  const fields = readChildren(readOnly(der, TAG.sequence, subject), subject);
  if (fields.length !== 2) throw new KeyError(`${subject}: expected SEQUENCE { r, s }`);
  return { r: readUnsignedInteger(fields[0], subject), s: readUnsignedInteger(fields[1], subject) };
}
