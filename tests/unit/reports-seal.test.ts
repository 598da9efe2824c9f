// seal.ts: reports sealed for the commission's X25519 or SM2 key open only with its private key,
// and every kind of damage to an envelope raises a SealError with its own code.
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import {
  SealError,
  generateRecipientKeyPair,
  openReport,
  parseRecipientKeyPem,
  parseRecipientPrivateKeyPem,
  readIdempotencyKey,
  sealReport,
} from '../../src-main/core/reports/seal.js';
import type { SealAlgorithm, SealErrorCode } from '../../src-main/core/reports/seal.js';

const ALGORITHMS: SealAlgorithm[] = ['x25519', 'sm2'];
const REPORT = Buffer.from(
  JSON.stringify({ category: '补贴发放', record: 'PAY-2024-000123', text: '我家的耕地地力保护补贴少发了一百二十元。' }),
  'utf8',
);
const IDEMPOTENCY_KEY = '7d3f1c2e-5b8a-4c1d-9e6f-0a2b3c4d5e6f';

function keysFor(algorithm: SealAlgorithm) {
  const pair = generateRecipientKeyPair(algorithm);
  return {
    recipient: parseRecipientKeyPem(pair.publicKeyPem),
    privateKey: parseRecipientPrivateKeyPem(pair.privateKeyPem),
  };
}

function sealErrorCode(action: () => unknown): SealErrorCode | 'no error' | 'other error' {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof SealError ? error.code : 'other error';
  }
}

describe.each(ALGORITHMS)('sealReport with %s', (algorithm) => {
  const { recipient, privateKey } = keysFor(algorithm);

  it('round trips the report', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    const opened = openReport(envelope, privateKey);

    expect(Buffer.from(opened.plaintext).equals(REPORT)).toBe(true);
    expect(opened.idempotencyKey).toBe(IDEMPOTENCY_KEY);
    expect(opened.algorithm).toBe(algorithm);
  });

  it('round trips an empty report', () => {
    const opened = openReport(sealReport(new Uint8Array(0), recipient, 'k'), privateKey);
    expect(opened.plaintext.length).toBe(0);
  });

  it('reads the idempotency key without the private key', () => {
    expect(readIdempotencyKey(sealReport(REPORT, recipient, IDEMPOTENCY_KEY))).toBe(IDEMPOTENCY_KEY);
  });

  it('hides the plaintext in the envelope', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);

    expect(envelope.includes(REPORT)).toBe(false);
    // A 16-byte run of the report would show a cipher that copies plaintext through.
    expect(envelope.includes(REPORT.subarray(0, 16))).toBe(false);
    expect(envelope.includes(Buffer.from('耕地地力保护补贴', 'utf8'))).toBe(false);
  });

  it('differs between two seals of one report', () => {
    const first = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    const second = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);

    expect(first.length).toBe(second.length);
    expect(first.equals(second)).toBe(false);
    expect(Buffer.from(openReport(second, privateKey).plaintext).equals(REPORT)).toBe(true);
  });

  it('rejects another private key of the same algorithm', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    const other = keysFor(algorithm).privateKey;

    expect(sealErrorCode(() => openReport(envelope, other))).toBe('wrong-key');
  });

  it('rejects a private key of the other algorithm', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    const other = keysFor(algorithm === 'sm2' ? 'x25519' : 'sm2').privateKey;

    expect(sealErrorCode(() => openReport(envelope, other))).toBe('wrong-key');
  });

  it('rejects every single flipped byte', () => {
    const envelope = sealReport(Buffer.from('short report', 'utf8'), recipient, 'key-1');
    const accepted: number[] = [];

    for (let offset = 0; offset < envelope.length; offset++) {
      const damaged = Buffer.from(envelope);
      damaged[offset]! ^= 0x01;
      if (sealErrorCode(() => openReport(damaged, privateKey)) === 'no error') accepted.push(offset);
    }

    expect(accepted).toEqual([]);
  });

  it('reports a flipped ciphertext byte as tampered', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    const damaged = Buffer.from(envelope);
    damaged[damaged.length - 20]! ^= 0x80;

    expect(sealErrorCode(() => openReport(damaged, privateKey))).toBe('tampered');
  });

  it('reports a flipped key material byte as tampered', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    // Magic, version, algorithm, key ID, idempotency key with its length, key material length.
    const keyMaterialOffset = 4 + 1 + 1 + 32 + 2 + IDEMPOTENCY_KEY.length + 2;
    const damaged = Buffer.from(envelope);
    damaged[keyMaterialOffset + 5]! ^= 0x04;

    expect(sealErrorCode(() => openReport(damaged, privateKey))).toBe('tampered');
  });

  it('binds the idempotency key as authenticated data', () => {
    const envelope = sealReport(REPORT, recipient, 'report-0001');
    // Same length, so only the authentication can notice the change.
    const swapped = Buffer.from(envelope.toString('latin1').replace('report-0001', 'report-0002'), 'latin1');

    expect(swapped.equals(envelope)).toBe(false);
    expect(readIdempotencyKey(swapped)).toBe('report-0002');
    expect(sealErrorCode(() => openReport(swapped, privateKey))).toBe('tampered');
  });

  it('rejects every truncation as truncated', () => {
    const envelope = sealReport(Buffer.from('short report', 'utf8'), recipient, 'key-1');
    const codes = new Set<string>();

    // Length 4 onward: shorter inputs fail at the magic, which is checked separately below.
    for (let length = 4; length < envelope.length; length++) {
      codes.add(sealErrorCode(() => openReport(envelope.subarray(0, length), privateKey)));
    }

    expect([...codes]).toEqual(['truncated']);
    expect(sealErrorCode(() => openReport(new Uint8Array(0), privateKey))).toBe('truncated');
  });

  it('rejects trailing bytes', () => {
    const envelope = sealReport(REPORT, recipient, IDEMPOTENCY_KEY);
    const longer = Buffer.concat([envelope, Buffer.from([0])]);

    expect(sealErrorCode(() => openReport(longer, privateKey))).toBe('malformed');
  });

  it('rejects another format version', () => {
    const envelope = Buffer.from(sealReport(REPORT, recipient, IDEMPOTENCY_KEY));
    envelope[4] = 2;

    expect(sealErrorCode(() => openReport(envelope, privateKey))).toBe('unsupported-version');
    expect(() => openReport(envelope, privateKey)).toThrow(/version 2 is not supported/);
  });

  it('rejects an unknown algorithm code', () => {
    const envelope = Buffer.from(sealReport(REPORT, recipient, IDEMPOTENCY_KEY));
    envelope[5] = 9;

    expect(sealErrorCode(() => openReport(envelope, privateKey))).toBe('unsupported-algorithm');
  });

  it('rejects bytes that are not an envelope', () => {
    const text = Buffer.from('{"category":"补贴发放"}', 'utf8');
    expect(sealErrorCode(() => openReport(text, privateKey))).toBe('malformed');
  });
});

describe('sealReport input checks', () => {
  const { recipient } = keysFor('x25519');

  it('rejects an empty idempotency key', () => {
    expect(sealErrorCode(() => sealReport(REPORT, recipient, ''))).toBe('invalid-input');
  });

  it('rejects a long idempotency key', () => {
    expect(sealErrorCode(() => sealReport(REPORT, recipient, 'k'.repeat(257)))).toBe('invalid-input');
    expect(sealErrorCode(() => sealReport(REPORT, recipient, 'k'.repeat(256)))).toBe('no error');
  });

  it('rejects a lone surrogate in the key', () => {
    expect(sealErrorCode(() => sealReport(REPORT, recipient, 'key-\ud800'))).toBe('invalid-input');
  });

  it('rejects a report over one mebibyte', () => {
    const large = new Uint8Array(1024 * 1024 + 1);
    expect(sealErrorCode(() => sealReport(large, recipient, IDEMPOTENCY_KEY))).toBe('invalid-input');
  });
});

describe('recipient keys', () => {
  it('rejects an Ed25519 public key', () => {
    const { publicKeyPem } = generateKeyPair('ed25519');
    expect(() => parseRecipientKeyPem(publicKeyPem)).toThrow(/ed25519 key can only sign/);
  });

  it('rejects an Ed25519 private key', () => {
    const { privateKeyPem } = generateKeyPair('ed25519');
    expect(() => parseRecipientPrivateKeyPem(privateKeyPem)).toThrow(/ed25519 key can only sign/);
  });

  it('rejects a private key given as public', () => {
    const { privateKeyPem } = generateRecipientKeyPair('x25519');
    expect(() => parseRecipientKeyPem(privateKeyPem)).toThrow(/private key/);
  });

  it('gives the same key ID to both halves', () => {
    for (const algorithm of ALGORITHMS) {
      const { recipient, privateKey } = keysFor(algorithm);
      expect(privateKey.keyId.equals(recipient.keyId)).toBe(true);
    }
  });
});
