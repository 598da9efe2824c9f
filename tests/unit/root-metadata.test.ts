// Building root versions: init, rotate and sign with real Ed25519 and SM2 keys, and the input
// checks that name the value. Every error code the root tools raise has a message in both
// languages.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, parsePrivateKeyPem, parsePublicKeyPem } from '../../src-main/core/crypto/keys.js';
import type { PrivateKey, SignatureAlgorithm } from '../../src-main/core/crypto/key-types.js';
import { RootMetadataSchema } from '../../src-main/core/trust/root-schema.js';
import { RootToolError } from '../../src-main/publisher/root-error.js';
import { createInitialRoot, rotateRoot, signRoot } from '../../src-main/publisher/root-metadata.js';
import type { InitialRootOptions, RootChanges } from '../../src-main/publisher/root-metadata.js';
import { catalogs } from '../../src-shared/messages/catalogs.js';

function makeKey(algorithm: SignatureAlgorithm): PrivateKey {
  return parsePrivateKeyPem(generateKeyPair(algorithm).privateKeyPem);
}

const rootA = makeKey('ed25519');
const rootB = makeKey('sm2');
const rootC = makeKey('ed25519');
const rootD = makeKey('sm2');
const publisherA = makeKey('sm2');
const publisherB = makeKey('ed25519');
const NOW = new Date('2026-03-01T00:00:00.000Z');

function initOptions(overrides: Partial<InitialRootOptions> = {}): InitialRootOptions {
  return {
    rootKeys: [rootA.publicKey, rootB.publicKey, rootC.publicKey],
    threshold: 2,
    publishers: new Map([['430621', [publisherA.publicKey, publisherB.publicKey]]]),
    publisherThresholds: new Map(),
    expiresDays: 365,
    now: NOW,
    ...overrides,
  };
}

function noChanges(overrides: Partial<RootChanges> = {}): RootChanges {
  return {
    addRootKeys: [],
    removeRootKeyIds: [],
    publishers: new Map(),
    publisherThresholds: new Map(),
    removePublishers: [],
    removePublisherKeyIds: [],
    expiresDays: 365,
    now: new Date('2026-06-01T00:00:00.000Z'),
    ...overrides,
  };
}

function errorOf(action: () => unknown): RootToolError {
  try {
    action();
  } catch (error) {
    if (error instanceof RootToolError) return error;
    throw error;
  }
  throw new Error('expected a RootToolError');
}

describe('createInitialRoot', () => {
  it('builds an unsigned version 1', () => {
    const metadata = createInitialRoot(initOptions());

    expect(RootMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata.signatures).toEqual([]);
    expect(metadata.signed.version).toBe(1);
    expect(metadata.signed.createdAt).toBe('2026-03-01T00:00:00.000Z');
    expect(metadata.signed.expiresAt).toBe('2027-03-01T00:00:00.000Z');
    expect(metadata.signed.root).toEqual({
      keyIds: [rootA.publicKey.keyId, rootB.publicKey.keyId, rootC.publicKey.keyId],
      threshold: 2,
    });
    expect(metadata.signed.publishers['430621']).toEqual({
      keyIds: [publisherA.publicKey.keyId, publisherB.publicKey.keyId],
      threshold: 1,
    });
  });

  it('lists every key with its algorithm and PEM', () => {
    const { keys } = createInitialRoot(initOptions()).signed;

    expect(Object.keys(keys)).toHaveLength(5);
    expect(keys[rootB.publicKey.keyId]).toEqual({ algorithm: 'sm2', publicKeyPem: rootB.publicKey.pem });
    expect(keys[publisherB.publicKey.keyId]).toEqual({ algorithm: 'ed25519', publicKeyPem: publisherB.publicKey.pem });
    for (const [keyId, entry] of Object.entries(keys)) {
      expect(parsePublicKeyPem(entry.publicKeyPem).keyId).toBe(keyId);
    }
  });

  it('rejects a threshold above the key count', () => {
    const error = errorOf(() => createInitialRoot(initOptions({ threshold: 4 })));
    expect(error.code).toBe('thresholdTooHigh');
    expect(error.params).toEqual({ role: 'root', threshold: 4, keyCount: 3 });
  });

  it('rejects a threshold below 1', () => {
    expect(errorOf(() => createInitialRoot(initOptions({ threshold: 0 }))).code).toBe('thresholdTooLow');
  });

  it('rejects a publisher threshold above its key count', () => {
    const error = errorOf(() => createInitialRoot(initOptions({ publisherThresholds: new Map([['430621', 3]]) })));
    expect(error.code).toBe('thresholdTooHigh');
    expect(error.params.role).toBe('430621');
  });

  it('rejects a duplicate root key', () => {
    const error = errorOf(() => createInitialRoot(initOptions({ rootKeys: [rootA.publicKey, rootA.publicKey], threshold: 1 })));
    expect(error.code).toBe('keyDuplicate');
    expect(error.params.keyId).toBe(rootA.publicKey.keyId);
  });

  it('rejects a code that is no county', () => {
    for (const code of ['43062', '4306211', '43062a', '000000', '430600', '990101']) {
      const error = errorOf(() => createInitialRoot(initOptions({ publishers: new Map([[code, [publisherA.publicKey]]]) })));
      expect(error.code).toBe('countyCodeInvalid');
      expect(error.params.code).toBe(code);
    }
  });

  it('rejects a root key used as publisher key', () => {
    const error = errorOf(() => createInitialRoot(initOptions({ publishers: new Map([['430621', [rootB.publicKey]]]) })));
    expect(error.code).toBe('keyInRootAndPublisher');
  });

  it('rejects a publisher threshold for an unlisted county', () => {
    const error = errorOf(() => createInitialRoot(initOptions({ publisherThresholds: new Map([['430702', 1]]) })));
    expect(error.code).toBe('publisherThresholdWithoutCounty');
  });

  it('rejects expiry days out of range', () => {
    expect(errorOf(() => createInitialRoot(initOptions({ expiresDays: 0 }))).code).toBe('expiresDaysRange');
    expect(errorOf(() => createInitialRoot(initOptions({ expiresDays: 3651 }))).code).toBe('expiresDaysRange');
  });
});

describe('rotateRoot', () => {
  const first = createInitialRoot(initOptions()).signed;

  it('replaces a root key and keeps the rest', () => {
    const next = rotateRoot(first, noChanges({ removeRootKeyIds: [rootC.publicKey.keyId], addRootKeys: [rootD.publicKey] }));

    expect(next.signed.version).toBe(2);
    expect(next.signed.createdAt).toBe('2026-06-01T00:00:00.000Z');
    expect(next.signed.root).toEqual({ keyIds: [rootA.publicKey.keyId, rootB.publicKey.keyId, rootD.publicKey.keyId], threshold: 2 });
    expect(next.signed.publishers).toEqual(first.publishers);
    expect(next.signatures).toEqual([]);
  });

  it('drops the entry of a revoked key', () => {
    const next = rotateRoot(first, noChanges({ removeRootKeyIds: [rootC.publicKey.keyId] }));
    expect(next.signed.keys[rootC.publicKey.keyId]).toBeUndefined();
    expect(Object.keys(next.signed.keys)).toHaveLength(4);
  });

  it('rejects a removal that leaves the threshold out of reach', () => {
    const error = errorOf(() =>
      rotateRoot(first, noChanges({ removeRootKeyIds: [rootB.publicKey.keyId, rootC.publicKey.keyId] })),
    );
    expect(error.code).toBe('thresholdTooHigh');
    expect(error.params).toEqual({ role: 'root', threshold: 2, keyCount: 1 });
  });

  it('accepts that removal with a lower threshold', () => {
    const next = rotateRoot(first, noChanges({ removeRootKeyIds: [rootB.publicKey.keyId, rootC.publicKey.keyId], threshold: 1 }));
    expect(next.signed.root).toEqual({ keyIds: [rootA.publicKey.keyId], threshold: 1 });
  });

  it('rejects removing a key the root role lacks', () => {
    const error = errorOf(() => rotateRoot(first, noChanges({ removeRootKeyIds: [publisherA.publicKey.keyId] })));
    expect(error.code).toBe('keyNotInRole');
  });

  it('rejects adding a root key twice', () => {
    expect(errorOf(() => rotateRoot(first, noChanges({ addRootKeys: [rootA.publicKey] }))).code).toBe('keyDuplicate');
  });

  it('revokes a publisher key in its county', () => {
    const next = rotateRoot(first, noChanges({ removePublisherKeyIds: [publisherA.publicKey.keyId] }));
    expect(next.signed.publishers['430621']!.keyIds).toEqual([publisherB.publicKey.keyId]);
    expect(next.signed.keys[publisherA.publicKey.keyId]).toBeUndefined();
  });

  it('rejects revoking the last key of a county', () => {
    const singleKey = rotateRoot(first, noChanges({ removePublisherKeyIds: [publisherA.publicKey.keyId] })).signed;
    const error = errorOf(() => rotateRoot(singleKey, noChanges({ removePublisherKeyIds: [publisherB.publicKey.keyId] })));
    expect(error.code).toBe('countyWithoutKeys');
    expect(error.params.code).toBe('430621');
  });

  it('adds a county and removes another', () => {
    const next = rotateRoot(
      first,
      noChanges({ publishers: new Map([['430702', [publisherB.publicKey]]]), removePublishers: ['430621'] }),
    );
    expect(Object.keys(next.signed.publishers)).toEqual(['430702']);
    expect(next.signed.publishers['430702']).toEqual({ keyIds: [publisherB.publicKey.keyId], threshold: 1 });
  });

  it('rejects removing an unknown county', () => {
    expect(errorOf(() => rotateRoot(first, noChanges({ removePublishers: ['430702'] }))).code).toBe('countyUnknown');
  });

  it('changes a publisher threshold alone', () => {
    const next = rotateRoot(first, noChanges({ publisherThresholds: new Map([['430621', 2]]) }));
    expect(next.signed.publishers['430621']!.threshold).toBe(2);
  });
});

describe('signRoot', () => {
  const first = createInitialRoot(initOptions());
  const second = rotateRoot(first.signed, noChanges({ removeRootKeyIds: [rootC.publicKey.keyId], addRootKeys: [rootD.publicKey] }));

  it('adds one signature per key and replaces a repeat', () => {
    let metadata = signRoot(first, rootA, null);
    metadata = signRoot(metadata, rootB, null);
    metadata = signRoot(metadata, rootA, null);

    expect(metadata.signatures.map((entry) => entry.keyId)).toEqual([rootB.publicKey.keyId, rootA.publicKey.keyId]);
    expect(metadata.signatures.map((entry) => entry.algorithm)).toEqual(['sm2', 'ed25519']);
  });

  it('accepts a key of the previous version only', () => {
    const metadata = signRoot(second, rootC, first.signed);
    expect(metadata.signatures[0]!.keyId).toBe(rootC.publicKey.keyId);
  });

  it('rejects a key of neither version', () => {
    const error = errorOf(() => signRoot(second, publisherA, first.signed));
    expect(error.code).toBe('keyNotRootKeyOfEither');
    expect(error.params).toEqual({ keyId: publisherA.publicKey.keyId, version: 2, previousVersion: 1 });
  });

  it('rejects a non-root key on version 1', () => {
    expect(errorOf(() => signRoot(first, rootD, null)).code).toBe('keyNotRootKey');
  });

  it('rejects signing a version with a broken key entry', () => {
    const broken = structuredClone(first);
    broken.signed.keys[rootB.publicKey.keyId]!.algorithm = 'ed25519';
    expect(errorOf(() => signRoot(broken, rootA, null)).code).toBe('rootKeyEntryInvalid');
  });
});

describe('root tool messages', () => {
  it('exist for every error code raised', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = [
      ...readdirSync(path.join(root, 'src-main/publisher'))
        .filter((name) => name.startsWith('root-'))
        .map((name) => path.join(root, 'src-main/publisher', name)),
      path.join(root, 'src-main/cli/commands/root.ts'),
    ];
    const codes = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/new RootToolError\('(\w+)'/g)) codes.add(match[1]!);
    }

    expect(codes.size).toBeGreaterThan(20);
    for (const code of codes) {
      expect(catalogs.en.root.errors, `en root:errors.${code}`).toHaveProperty(code);
      expect(catalogs['zh-CN'].root.errors, `zh-CN root:errors.${code}`).toHaveProperty(code);
    }
  });
});
