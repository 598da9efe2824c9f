// keys.ts: algorithm detection from the DER, key IDs, signatures of both algorithms through one
// interface, and a clear reason for each kind of unusable PEM.
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  encodeBitString,
  encodeObjectIdentifier,
  encodeOctetString,
  encodeSequence,
  encodeUnsignedInteger,
} from '../../src-main/core/crypto/der.js';
import { keyIdOf } from '../../src-main/core/crypto/ed25519.js';
import { KeyError } from '../../src-main/core/crypto/key-error.js';
import type { KeyErrorCode } from '../../src-main/core/crypto/key-error.js';
import {
  generateKeyPair,
  keyIdOfPublicKey,
  parsePrivateKeyPem,
  parsePublicKeyPem,
  splitPemBlocks,
} from '../../src-main/core/crypto/keys.js';
import type { SignatureAlgorithm } from '../../src-main/core/crypto/key-types.js';
import { encodePem } from '../../src-main/core/crypto/pem.js';

const ALGORITHMS: SignatureAlgorithm[] = ['ed25519', 'sm2'];
const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
const SM2_CURVE_OID = '1.2.156.10197.1.301';
const MESSAGE = Buffer.from('{"type":"minsheng-snapshot","version":3}');

function derOfPem(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
}

function expectKeyError(action: () => unknown, pattern: RegExp, code: KeyErrorCode = 'invalid'): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(KeyError);
  expect((caught as KeyError).message).toMatch(pattern);
  expect((caught as KeyError).code).toBe(code);
}

describe.each(ALGORITHMS)('generateKeyPair %s', (algorithm) => {
  const pair = generateKeyPair(algorithm);

  it('parses back as the same algorithm', () => {
    expect(parsePublicKeyPem(pair.publicKeyPem).algorithm).toBe(algorithm);
    expect(parsePrivateKeyPem(pair.privateKeyPem).algorithm).toBe(algorithm);
  });

  it('signs and verifies', () => {
    const signature = parsePrivateKeyPem(pair.privateKeyPem).sign(MESSAGE);
    const publicKey = parsePublicKeyPem(pair.publicKeyPem);

    expect(publicKey.verify(MESSAGE, signature)).toBe(true);
    expect(publicKey.verify(Buffer.from('other'), signature)).toBe(false);
  });

  it('derives the key ID from the SPKI DER', () => {
    const expected = createHash('sha256').update(derOfPem(pair.publicKeyPem)).digest('hex');

    expect(keyIdOfPublicKey(pair.publicKeyPem)).toBe(expected);
    expect(parsePrivateKeyPem(pair.privateKeyPem).publicKey.keyId).toBe(expected);
  });

  it('keeps the PEM text unchanged', () => {
    expect(parsePublicKeyPem(pair.publicKeyPem).pem).toBe(pair.publicKeyPem);
    expect(parsePrivateKeyPem(pair.privateKeyPem).publicKey.pem).toBe(pair.publicKeyPem);
  });

  it.each([
    ['an empty string', ''],
    ['not base64', '!!!!'],
    ['base64 with a bad tail', 'AAAA='],
    ['64 zero bytes', Buffer.alloc(64).toString('base64')],
    ['a huge string', 'A'.repeat(100_000)],
    ['a number', 42 as unknown as string],
  ])('verify returns false for %s', (_, signature) => {
    expect(parsePublicKeyPem(pair.publicKeyPem).verify(MESSAGE, signature)).toBe(false);
  });
});

describe('keyIdOfPublicKey', () => {
  it('matches the Ed25519 key ID of earlier releases', () => {
    const pair = generateKeyPair('ed25519');

    expect(keyIdOfPublicKey(pair.publicKeyPem)).toBe(keyIdOf(createPublicKey(pair.publicKeyPem)));
  });

  it('accepts CRLF line endings and surrounding whitespace', () => {
    const pair = generateKeyPair('sm2');
    const windowsText = `\r\n${pair.publicKeyPem.replaceAll('\n', '\r\n')}\r\n`;

    expect(keyIdOfPublicKey(windowsText)).toBe(keyIdOfPublicKey(pair.publicKeyPem));
  });
});

describe('parsePublicKeyPem', () => {
  const sm2Pair = generateKeyPair('sm2');
  const sm2Der = derOfPem(sm2Pair.publicKeyPem);
  const point = sm2Der.subarray(-65);

  function spki(algorithm: Buffer, key: Buffer = point): string {
    return encodePem('PUBLIC KEY', encodeSequence(algorithm, encodeBitString(key)));
  }

  it('rejects a private key', () => {
    expectKeyError(() => parsePublicKeyPem(sm2Pair.privateKeyPem), /this is a private key \(PRIVATE KEY\)/);
  });

  it('rejects two keys', () => {
    const text = sm2Pair.publicKeyPem + generateKeyPair('ed25519').publicKeyPem;

    expectKeyError(() => parsePublicKeyPem(text), /expected one PEM block, found 2/);
  });

  it('rejects text outside the block', () => {
    expectKeyError(() => parsePublicKeyPem(`${sm2Pair.publicKeyPem}extra\n`), /text outside the PEM block/);
  });

  it('rejects trailing bytes after the DER', () => {
    const pem = encodePem('PUBLIC KEY', Buffer.concat([sm2Der, Buffer.from([0])]));

    expectKeyError(() => parsePublicKeyPem(pem), /1 bytes of trailing data/);
  });

  it('rejects a truncated DER', () => {
    const pem = encodePem('PUBLIC KEY', sm2Der.subarray(0, sm2Der.length - 1));

    expectKeyError(() => parsePublicKeyPem(pem), /cut off/);
  });

  it('rejects a body that is not base64', () => {
    const pem = sm2Pair.publicKeyPem.replace(/\n[A-Za-z0-9]/, '\n*');

    expectKeyError(() => parsePublicKeyPem(pem), /not base64/);
  });

  it('rejects a missing END line', () => {
    const pem = sm2Pair.publicKeyPem.replace('-----END PUBLIC KEY-----', '');

    expectKeyError(() => parsePublicKeyPem(pem), /has no END line/);
  });

  it('rejects an empty text', () => {
    expectKeyError(() => parsePublicKeyPem(''), /no PEM block/);
  });

  it('rejects the SM2 curve OID as the algorithm', () => {
    const pem = spki(encodeSequence(encodeObjectIdentifier(SM2_CURVE_OID)));

    expectKeyError(() => parsePublicKeyPem(pem), /1\.2\.156\.10197\.1\.301 \(SM2 curve\) is not supported/, 'unsupported');
  });

  it('rejects a secp256k1 curve', () => {
    const algorithm = encodeSequence(encodeObjectIdentifier(EC_PUBLIC_KEY_OID), encodeObjectIdentifier('1.3.132.0.10'));

    expectKeyError(() => parsePublicKeyPem(spki(algorithm)), /secp256k1\) is not supported; expected SM2/, 'unsupported');
  });

  it('rejects explicit curve parameters', () => {
    const algorithm = encodeSequence(encodeObjectIdentifier(EC_PUBLIC_KEY_OID), encodeSequence(encodeUnsignedInteger(1n)));

    expectKeyError(() => parsePublicKeyPem(spki(algorithm)), /explicit curve parameters/, 'unsupported');
  });

  it('rejects an SM2 point off the curve', () => {
    const offCurve = Buffer.from(point);
    offCurve[64]! ^= 0x01;
    const algorithm = encodeSequence(encodeObjectIdentifier(EC_PUBLIC_KEY_OID), encodeObjectIdentifier(SM2_CURVE_OID));

    expectKeyError(() => parsePublicKeyPem(spki(algorithm, offCurve)), /not on the SM2 curve/);
  });

  it('rejects Ed25519 with parameters', () => {
    const ed25519Key = derOfPem(generateKeyPair('ed25519').publicKeyPem).subarray(-32);
    const algorithm = encodeSequence(encodeObjectIdentifier('1.3.101.112'), Buffer.from([0x05, 0x00]));

    expectKeyError(() => parsePublicKeyPem(spki(algorithm, ed25519Key)), /unexpected parameters/);
  });

  it('rejects an Ed25519 key of 31 bytes', () => {
    const ed25519Key = derOfPem(generateKeyPair('ed25519').publicKeyPem).subarray(-31);

    expectKeyError(() => parsePublicKeyPem(spki(encodeSequence(encodeObjectIdentifier('1.3.101.112')), ed25519Key)), /invalid Ed25519 key/);
  });

  it('rejects an unknown label', () => {
    expectKeyError(() => parsePublicKeyPem(encodePem('CERTIFICATE', sm2Der)), /"CERTIFICATE" is not "PUBLIC KEY"/, 'unsupported');
  });
});

describe('parsePrivateKeyPem', () => {
  const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

  function sm2Pkcs8(scalar: bigint): string {
    const ecPrivateKey = encodeSequence(
      encodeUnsignedInteger(1n),
      encodeOctetString(Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex')),
    );
    const algorithm = encodeSequence(encodeObjectIdentifier(EC_PUBLIC_KEY_OID), encodeObjectIdentifier(SM2_CURVE_OID));
    return encodePem('PRIVATE KEY', encodeSequence(encodeUnsignedInteger(0n), algorithm, encodeOctetString(ecPrivateKey)));
  }

  it('reads an SM2 PKCS#8 key without a public key', () => {
    const key = parsePrivateKeyPem(sm2Pkcs8(7n));

    expect(key.algorithm).toBe('sm2');
    expect(key.publicKey.verify(MESSAGE, key.sign(MESSAGE))).toBe(true);
  });

  it.each([
    ['0', 0n],
    ['n - 1', N - 1n],
  ])('rejects the SM2 scalar %s', (_, scalar) => {
    expectKeyError(() => parsePrivateKeyPem(sm2Pkcs8(scalar)), /outside \[1, n-2\]/);
  });

  it('rejects an encrypted Ed25519 key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();

    expectKeyError(() => parsePrivateKeyPem(pem), /encrypted with a password/, 'encrypted');
  });

  it('rejects a legacy encrypted SEC1 key', () => {
    const pem = [
      '-----BEGIN EC PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF',
      '',
      'AAAA',
      '-----END EC PRIVATE KEY-----',
    ].join('\n');

    expectKeyError(() => parsePrivateKeyPem(pem), /encrypted with a password/, 'encrypted');
  });

  it('rejects a public key', () => {
    expectKeyError(() => parsePrivateKeyPem(generateKeyPair('sm2').publicKeyPem), /this is a public key/);
  });

  it('rejects an RSA key', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    expectKeyError(() => parsePrivateKeyPem(pem), /\(RSA\) is not supported/, 'unsupported');
  });

  it('rejects trailing bytes after the DER', () => {
    const der = Buffer.concat([derOfPem(generateKeyPair('sm2').privateKeyPem), Buffer.from([5, 0])]);

    expectKeyError(() => parsePrivateKeyPem(encodePem('PRIVATE KEY', der)), /2 bytes of trailing data/);
  });
});

describe('splitPemBlocks', () => {
  it('returns every block with its label', () => {
    const sm2Pair = generateKeyPair('sm2');
    const ed25519Pair = generateKeyPair('ed25519');
    const text = `# county keys\n${sm2Pair.publicKeyPem}\n# next\n${ed25519Pair.publicKeyPem}`;

    const blocks = splitPemBlocks(text);

    expect(blocks.map((block) => block.label)).toEqual(['PUBLIC KEY', 'PUBLIC KEY']);
    expect(blocks[0]!.pem).toBe(sm2Pair.publicKeyPem);
    expect(blocks[1]!.pem).toBe(ed25519Pair.publicKeyPem);
  });

  it('returns nothing for text without blocks', () => {
    expect(splitPemBlocks('no keys here\n')).toEqual([]);
  });

  it('rejects a BEGIN without its END', () => {
    expectKeyError(() => splitPemBlocks('-----BEGIN PUBLIC KEY-----\nAAAA\n'), /"PUBLIC KEY" \(line 1\) has no END line/);
  });

  it('rejects a mismatched END', () => {
    expectKeyError(
      () => splitPemBlocks('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'),
      /ends with "END PRIVATE KEY" on line 3/,
    );
  });
});
