// The root chain rules as `minsheng root check` applies them (through the core rules a terminal
// uses): sequence, thresholds of the previous and of the new root keys, duplicate signatures,
// algorithm labels and expiry. Keys are real Ed25519 and SM2 keys.
import { describe, expect, it } from 'vitest';
import { generateKeyPair, parsePrivateKeyPem } from '../../src-main/core/crypto/keys.js';
import type { PrivateKey, SignatureAlgorithm } from '../../src-main/core/crypto/key-types.js';
import { signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { RootMetadata } from '../../src-main/core/trust/root-schema.js';
import { createInitialRoot, rotateRoot, signRoot } from '../../src-main/publisher/root-metadata.js';
import type { RootChanges } from '../../src-main/publisher/root-metadata.js';
import { checkRootChain, describeRootVersion } from '../../src-main/publisher/root-status.js';

function makeKey(algorithm: SignatureAlgorithm): PrivateKey {
  return parsePrivateKeyPem(generateKeyPair(algorithm).privateKeyPem);
}

const rootA = makeKey('ed25519');
const rootB = makeKey('sm2');
const rootC = makeKey('ed25519');
const rootD = makeKey('sm2');
const rootE = makeKey('ed25519');
const rootF = makeKey('sm2');
const publisher = makeKey('sm2');

const CREATED = new Date('2026-03-01T00:00:00.000Z');
const NOW = new Date('2026-04-01T00:00:00.000Z');

const unsignedFirst = createInitialRoot({
  rootKeys: [rootA.publicKey, rootB.publicKey, rootC.publicKey],
  threshold: 2,
  publishers: new Map([['430621', [publisher.publicKey]]]),
  publisherThresholds: new Map(),
  expiresDays: 365,
  now: CREATED,
});

function rotation(overrides: Partial<RootChanges>): RootChanges {
  return {
    addRootKeys: [],
    removeRootKeyIds: [],
    publishers: new Map(),
    publisherThresholds: new Map(),
    removePublishers: [],
    removePublisherKeyIds: [],
    expiresDays: 365,
    now: CREATED,
    ...overrides,
  };
}

function signAll(metadata: RootMetadata, keys: PrivateKey[], previous: RootMetadata | null): RootMetadata {
  return keys.reduce((signed, key) => signRoot(signed, key, previous?.signed ?? null), metadata);
}

/** Signs without the tool's checks, for documents the tool would refuse to sign. */
function signUnchecked(metadata: RootMetadata, keys: PrivateKey[]): RootMetadata {
  const signatures = keys.map((key) => ({
    keyId: key.publicKey.keyId,
    algorithm: key.algorithm,
    signature: key.sign(signingBytes(metadata.signed)),
  }));
  return { signed: metadata.signed, signatures };
}

const first = signAll(unsignedFirst, [rootA, rootB], null);
// Version 2 replaces root key C by D: A and B are root keys of both versions.
const unsignedSecond = rotateRoot(first.signed, rotation({ removeRootKeyIds: [rootC.publicKey.keyId], addRootKeys: [rootD.publicKey] }));

describe('root chain rules', () => {
  it('accept version 1 signed by 2 of 3', () => {
    const status = describeRootVersion(first, null);

    expect(status.ok).toBe(true);
    expect(status.previous).toBeNull();
    expect(status.own).toMatchObject({ version: 1, signed: 2, keyCount: 3, threshold: 2, met: true });
  });

  it('reject version 1 signed by 1 of 3', () => {
    const status = describeRootVersion(signAll(unsignedFirst, [rootC], null), null);

    expect(status.ok).toBe(false);
    expect(status.own).toMatchObject({ signed: 1, met: false });
    expect(status.check).toMatchObject({ ok: false, reason: 'root-threshold' });
  });

  it('count a duplicate signature once', () => {
    const once = signAll(unsignedFirst, [rootA], null);
    const twice: RootMetadata = { signed: once.signed, signatures: [once.signatures[0]!, once.signatures[0]!] };
    const status = describeRootVersion(twice, null);

    expect(status.own.signed).toBe(1);
    expect(status.ok).toBe(false);
  });

  it('ignore a signature with the wrong algorithm label', () => {
    const signed = signAll(unsignedFirst, [rootA, rootB], null);
    const relabelled: RootMetadata = {
      signed: signed.signed,
      signatures: signed.signatures.map((entry) => (entry.keyId === rootB.publicKey.keyId ? { ...entry, algorithm: 'ed25519' } : entry)),
    };
    const status = describeRootVersion(relabelled, null);

    expect(status.own.signed).toBe(1);
    expect(status.ok).toBe(false);
  });

  it('reject a key entry with the wrong algorithm label', () => {
    const relabelled = structuredClone(unsignedFirst);
    relabelled.signed.keys[rootB.publicKey.keyId]!.algorithm = 'ed25519';
    const status = describeRootVersion(signUnchecked(relabelled, [rootA, rootC]), null);

    expect(status.keyProblems).toEqual([
      { kind: 'algorithm-mismatch', keyId: rootB.publicKey.keyId, declared: 'ed25519', actual: 'sm2' },
    ]);
    expect(status.ok).toBe(false);
  });

  it('reject a key entry under another key ID', () => {
    const moved = structuredClone(unsignedFirst);
    moved.signed.keys[rootB.publicKey.keyId] = { ...moved.signed.keys[rootC.publicKey.keyId]! };
    const status = describeRootVersion(signUnchecked(moved, [rootA, rootC]), null);

    expect(status.keyProblems.map((problem) => problem.kind)).toEqual(['key-id-mismatch']);
    expect(status.ok).toBe(false);
  });

  it('report signatures made before an edit', () => {
    const edited = structuredClone(first);
    edited.signed.expiresAt = '2030-01-01T00:00:00.000Z';
    const status = describeRootVersion(edited, null);

    expect(status.own).toMatchObject({ signed: 0, invalid: 2, met: false });
    expect(status.ok).toBe(false);
  });

  it('accept a rotation signed by old and new', () => {
    // C counts for version 1 only, D for version 2 only, A for both.
    const second = signAll(unsignedSecond, [rootC, rootD, rootA], first);
    const status = describeRootVersion(second, first.signed);

    expect(status.previous).toMatchObject({ version: 1, signed: 2, keyCount: 3, met: true });
    expect(status.own).toMatchObject({ version: 2, signed: 2, keyCount: 3, met: true });
    expect(status.ok).toBe(true);
  });

  it('reject a rotation signed only by new keys', () => {
    const second = signAll(unsignedSecond, [rootA, rootB], first);
    // Version 3 keeps D and replaces A and B by E and F, which version 2 does not know.
    const third = rotateRoot(
      second.signed,
      rotation({ removeRootKeyIds: [rootA.publicKey.keyId, rootB.publicKey.keyId], addRootKeys: [rootE.publicKey, rootF.publicKey] }),
    );
    const status = describeRootVersion(signAll(third, [rootE, rootF], second), second.signed);

    expect(status.own).toMatchObject({ version: 3, signed: 2, met: true });
    expect(status.previous).toMatchObject({ version: 2, signed: 0, threshold: 2, met: false });
    expect(status.check).toMatchObject({ ok: false, reason: 'root-threshold', signer: 'previous' });
  });

  it('reject a rotation signed only by old keys', () => {
    const second = signAll(unsignedSecond, [rootC, rootB], first);
    const status = describeRootVersion(second, first.signed);

    expect(status.previous).toMatchObject({ signed: 2, met: true });
    expect(status.own).toMatchObject({ signed: 1, met: false });
    expect(status.check).toMatchObject({ ok: false, reason: 'root-threshold' });
  });

  it('pass a whole chain', () => {
    const second = signAll(unsignedSecond, [rootA, rootB], first);
    const chain = checkRootChain([first, second], NOW);

    expect(chain.ok).toBe(true);
    expect(chain.versions.map((status) => status.ok)).toEqual([true, true]);
    expect(chain.newestVersion).toBe(2);
  });

  it('reject a chain with a skipped version', () => {
    const second = signAll(unsignedSecond, [rootA, rootB], first);
    const third = signAll(rotateRoot(second.signed, rotation({})), [rootA, rootB], second);
    const chain = checkRootChain([first, third], NOW);

    expect(chain.ok).toBe(false);
    expect(chain.versions[1]!.check).toMatchObject({ ok: false, reason: 'root-sequence', expected: 2, actual: 3 });
  });

  it('reject a chain not starting at 1', () => {
    const second = signAll(unsignedSecond, [rootA, rootB], first);
    const chain = checkRootChain([second], NOW);

    expect(chain.ok).toBe(false);
    expect(chain.versions[0]!.check).toMatchObject({ ok: false, reason: 'root-sequence', expected: 1, actual: 2 });
  });

  it('stop at the first failed version', () => {
    const unsigned = unsignedSecond;
    const third = signAll(rotateRoot(unsigned.signed, rotation({})), [rootA, rootB], unsigned);
    const chain = checkRootChain([first, unsigned, third], NOW);

    expect(chain.ok).toBe(false);
    expect(chain.versions).toHaveLength(2);
  });

  it('reject an expired newest version', () => {
    const chain = checkRootChain([first], new Date('2027-03-01T00:00:00.000Z'));

    expect(chain.versions[0]!.ok).toBe(true);
    expect(chain.expired).toBe(true);
    expect(chain.ok).toBe(false);
  });

  it('accept an expired version before a current one', () => {
    const later = new Date('2027-06-01T00:00:00.000Z');
    const second = signAll(
      rotateRoot(first.signed, rotation({ now: new Date('2027-02-01T00:00:00.000Z') })),
      [rootA, rootB],
      first,
    );
    const chain = checkRootChain([first, second], later);

    expect(chain.expired).toBe(false);
    expect(chain.ok).toBe(true);
  });
});
