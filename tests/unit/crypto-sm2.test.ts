// SM2 keys and signatures in sm2.ts: round trips, and the rejection of points off the curve,
// scalars outside [1, n-2], foreign curves, out-of-range or non-DER signatures.
import { describe, expect, it } from 'vitest';
import {
  TAG,
  encodeBitString,
  encodeElement,
  encodeObjectIdentifier,
  encodeOctetString,
  encodeSequence,
  encodeUnsignedInteger,
} from '../../src-main/core/crypto/der.js';
import { SM2_CURVE_OID, Sm2PrivateKey, Sm2PublicKey } from '../../src-main/core/crypto/sm2.js';

const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');

function to32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

function signatureDer(r: bigint, s: bigint): Buffer {
  return encodeSequence(encodeUnsignedInteger(r), encodeUnsignedInteger(s));
}

function ecPrivateKeyDer(scalar: Buffer, options: { curve?: string; point?: Buffer } = {}): Buffer {
  const fields = [encodeUnsignedInteger(1n), encodeOctetString(scalar)];
  if (options.curve !== undefined) {
    fields.push(encodeElement(TAG.contextConstructed0, encodeObjectIdentifier(options.curve)));
  }
  if (options.point !== undefined) fields.push(encodeElement(TAG.contextConstructed1, encodeBitString(options.point)));
  return encodeSequence(...fields);
}

const MESSAGE = Buffer.from('{"type":"minsheng-snapshot","version":3}');

describe('Sm2PrivateKey.sign', () => {
  it('verifies with its public key', () => {
    const key = Sm2PrivateKey.generate();
    const signature = key.sign(MESSAGE);

    expect(key.publicKey.verify(MESSAGE, signature)).toBe(true);
  });

  it('fails for another message or key', () => {
    const key = Sm2PrivateKey.generate();
    const signature = key.sign(MESSAGE);

    expect(key.publicKey.verify(Buffer.from('other'), signature)).toBe(false);
    expect(Sm2PrivateKey.generate().publicKey.verify(MESSAGE, signature)).toBe(false);
  });

  it('fails for another user ID', () => {
    const key = Sm2PrivateKey.generate();
    const signature = key.sign(MESSAGE, 'another-id');

    expect(key.publicKey.verify(MESSAGE, signature)).toBe(false);
    expect(key.publicKey.verify(MESSAGE, signature, 'another-id')).toBe(true);
  });

  it('writes minimal DER integers', () => {
    // verify() reads DER strictly, so a missing 0x00 before a high bit (half of all r and s) or
    // a redundant zero byte would fail here.
    const key = Sm2PrivateKey.generate();
    for (let round = 0; round < 300; round++) {
      const message = Buffer.from(`message ${round}`);
      const signature = key.sign(message);

      expect(signature[0]).toBe(TAG.sequence);
      expect(key.publicKey.verify(message, signature), `round ${round}`).toBe(true);
    }
  });
});

describe('Sm2PublicKey.verify', () => {
  const key = Sm2PrivateKey.generate();
  const good = key.sign(MESSAGE);

  it.each([
    ['r = 0', signatureDer(0n, 1n)],
    ['s = 0', signatureDer(1n, 0n)],
    ['r = n', signatureDer(N, 1n)],
    ['s = n', signatureDer(1n, N)],
    ['r + s = n', signatureDer(1n, N - 1n)],
  ])('returns false for %s', (_, signature) => {
    expect(key.publicKey.verify(MESSAGE, signature)).toBe(false);
  });

  it('returns false for trailing bytes', () => {
    expect(key.publicKey.verify(MESSAGE, Buffer.concat([good, Buffer.from([0])]))).toBe(false);
  });

  it('returns false for a long-form short length', () => {
    const content = good.subarray(2);
    const nonMinimal = Buffer.concat([Buffer.from([TAG.sequence, 0x81, content.length]), content]);

    expect(key.publicKey.verify(MESSAGE, nonMinimal)).toBe(false);
  });

  it('returns false for raw r || s', () => {
    expect(key.publicKey.verify(MESSAGE, Buffer.alloc(64, 1))).toBe(false);
  });

  it('returns false for empty input', () => {
    expect(key.publicKey.verify(MESSAGE, Buffer.alloc(0))).toBe(false);
  });
});

describe('Sm2PublicKey.fromPoint', () => {
  const point = Sm2PrivateKey.generate().publicKey.point;

  it('accepts a generated point', () => {
    expect(Sm2PublicKey.fromPoint(point).point.equals(point)).toBe(true);
  });

  it('rejects a point off the curve', () => {
    const offCurve = Buffer.from(point);
    offCurve[64]! ^= 0x01;

    expect(() => Sm2PublicKey.fromPoint(offCurve)).toThrow(/not on the SM2 curve/);
  });

  it('rejects a coordinate not below p', () => {
    const tooLarge = Buffer.concat([Buffer.from([4]), to32(P), point.subarray(33)]);

    expect(() => Sm2PublicKey.fromPoint(tooLarge)).toThrow(/not below the field prime/);
  });

  it('rejects a compressed point', () => {
    const compressed = Buffer.concat([Buffer.from([2]), point.subarray(1, 33)]);

    expect(() => Sm2PublicKey.fromPoint(compressed)).toThrow(/compressed points are not supported/);
  });

  it('rejects a wrong length', () => {
    expect(() => Sm2PublicKey.fromPoint(point.subarray(0, 64))).toThrow(/65-byte uncompressed point/);
  });
});

describe('Sm2PrivateKey.fromScalar', () => {
  it.each([
    ['0', 0n],
    ['n - 1', N - 1n],
    ['n', N],
  ])('rejects %s', (_, scalar) => {
    expect(() => Sm2PrivateKey.fromScalar(scalar)).toThrow(/outside \[1, n-2\]/);
  });

  it.each([
    ['1', 1n],
    ['n - 2', N - 2n],
  ])('accepts %s and signs', (_, scalar) => {
    const key = Sm2PrivateKey.fromScalar(scalar);

    expect(key.publicKey.verify(MESSAGE, key.sign(MESSAGE))).toBe(true);
  });
});

describe('Sm2PrivateKey.fromEcPrivateKeyDer', () => {
  const key = Sm2PrivateKey.fromScalar(123456789n);
  const scalar = to32(123456789n);

  it('reads the key with curve and public key', () => {
    const der = ecPrivateKeyDer(scalar, { curve: SM2_CURVE_OID, point: key.publicKey.point });

    expect(Sm2PrivateKey.fromEcPrivateKeyDer(der, 'key', true).publicKey.point).toEqual(key.publicKey.point);
  });

  it('rejects a missing curve in SEC1', () => {
    expect(() => Sm2PrivateKey.fromEcPrivateKeyDer(ecPrivateKeyDer(scalar), 'key', true)).toThrow(/curve parameter is missing/);
  });

  it('rejects another curve', () => {
    const der = ecPrivateKeyDer(scalar, { curve: '1.2.840.10045.3.1.7' });

    expect(() => Sm2PrivateKey.fromEcPrivateKeyDer(der, 'key', true)).toThrow(/curve 1\.2\.840\.10045\.3\.1\.7 is not SM2/);
  });

  it('rejects a public key of another scalar', () => {
    const der = ecPrivateKeyDer(scalar, { curve: SM2_CURVE_OID, point: Sm2PrivateKey.generate().publicKey.point });

    expect(() => Sm2PrivateKey.fromEcPrivateKeyDer(der, 'key', true)).toThrow(/does not belong to the private key/);
  });

  it('rejects trailing bytes', () => {
    const der = Buffer.concat([ecPrivateKeyDer(scalar, { curve: SM2_CURVE_OID }), Buffer.from([0, 0])]);

    expect(() => Sm2PrivateKey.fromEcPrivateKeyDer(der, 'key', true)).toThrow(/2 bytes of trailing data/);
  });

  it('rejects a scalar of n - 1', () => {
    const der = ecPrivateKeyDer(to32(N - 1n), { curve: SM2_CURVE_OID });

    expect(() => Sm2PrivateKey.fromEcPrivateKeyDer(der, 'key', true)).toThrow(/outside \[1, n-2\]/);
  });

  it('rejects a short scalar', () => {
    const der = ecPrivateKeyDer(scalar.subarray(1), { curve: SM2_CURVE_OID });

    expect(() => Sm2PrivateKey.fromEcPrivateKeyDer(der, 'key', true)).toThrow(/31 bytes, expected 32/);
  });
});
