// Building root versions: the first one from the province's keys, each next one from the
// newest by adding and removing keys, and adding signatures. Every check that a terminal would
// fail later (thresholds, duplicate keys, county codes) fails here first, with the value.
import type { PrivateKey, PublicKey } from '../core/crypto/key-types.js';
import { signingBytes } from '../core/snapshot/manifest.js';
import { rootKeyMap } from '../core/trust/root-keys.js';
import { ROOT_SPEC_VERSION } from '../core/trust/root-schema.js';
import type { Role, RootMetadata, SignedRoot } from '../core/trust/root-schema.js';
import { RootToolError } from './root-error.js';

export const MIN_EXPIRES_DAYS = 1;
export const MAX_EXPIRES_DAYS = 3650;
// RoleSchema allows at most 32 keys per role.
const MAX_ROLE_KEYS = 32;
const DAY_MS = 24 * 60 * 60 * 1000;
// Six digits: a province (11 to 82), a city, and a county part that is not 00 (00 is the city
// itself), so 000000 or 430600 is refused before a terminal could never match it.
const COUNTY_CODE_PATTERN = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{2}(?!00)\d{2}$/;

/** The role name used in messages: "root" or a county code. */
type RoleName = string;

export interface InitialRootOptions {
  rootKeys: PublicKey[];
  threshold: number;
  /** Publisher keys per county code. */
  publishers: Map<string, PublicKey[]>;
  /** Publisher threshold per county code. A county not listed gets 1. */
  publisherThresholds: Map<string, number>;
  expiresDays: number;
  now: Date;
}

export interface RootChanges {
  addRootKeys: PublicKey[];
  /** Key IDs to drop from the root role. */
  removeRootKeyIds: string[];
  /** The new root threshold, or the previous one when absent. */
  threshold?: number;
  /** Replaces a county's publisher keys, or adds the county. */
  publishers: Map<string, PublicKey[]>;
  publisherThresholds: Map<string, number>;
  removePublishers: string[];
  /** Key IDs to drop from every county that lists them. */
  removePublisherKeyIds: string[];
  expiresDays: number;
  now: Date;
}

export function checkCountyCode(code: string): void {
  if (!COUNTY_CODE_PATTERN.test(code)) throw new RootToolError('countyCodeInvalid', { code });
}

export function checkExpiresDays(days: number): void {
  if (!Number.isInteger(days) || days < MIN_EXPIRES_DAYS || days > MAX_EXPIRES_DAYS) {
    throw new RootToolError('expiresDaysRange', { value: days, min: MIN_EXPIRES_DAYS, max: MAX_EXPIRES_DAYS });
  }
}

function checkDistinct(keyIds: readonly string[], role: RoleName): void {
  const seen = new Set<string>();
  for (const keyId of keyIds) {
    if (seen.has(keyId)) throw new RootToolError('keyDuplicate', { keyId, role });
    seen.add(keyId);
  }
}

function makeRole(keyIds: string[], threshold: number, role: RoleName): Role {
  checkDistinct(keyIds, role);
  if (keyIds.length > MAX_ROLE_KEYS) {
    throw new RootToolError('tooManyKeys', { role, keyCount: keyIds.length, max: MAX_ROLE_KEYS });
  }
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RootToolError('thresholdTooLow', { role, threshold });
  }
  if (threshold > keyIds.length) {
    throw new RootToolError('thresholdTooHigh', { role, threshold, keyCount: keyIds.length });
  }
  return { keyIds, threshold };
}

// Root keys stay offline and publisher keys sign every publish, so one key in both roles would
// let a stolen publisher key rewrite the root.
function checkRolesSeparate(root: Role, publishers: SignedRoot['publishers']): void {
  for (const [code, role] of Object.entries(publishers)) {
    const shared = role.keyIds.find((keyId) => root.keyIds.includes(keyId));
    if (shared !== undefined) throw new RootToolError('keyInRootAndPublisher', { keyId: shared, code });
  }
}

function keyEntries(keys: Iterable<PublicKey>): SignedRoot['keys'] {
  const entries: SignedRoot['keys'] = {};
  for (const key of keys) entries[key.keyId] = { algorithm: key.algorithm, publicKeyPem: key.pem };
  return entries;
}

function expiry(now: Date, days: number): string {
  checkExpiresDays(days);
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** Builds version 1, unsigned. */
export function createInitialRoot(options: InitialRootOptions): RootMetadata {
  const allKeys: PublicKey[] = [...options.rootKeys];
  const root = makeRole(options.rootKeys.map((key) => key.keyId), options.threshold, 'root');

  for (const code of options.publisherThresholds.keys()) {
    if (!options.publishers.has(code)) throw new RootToolError('publisherThresholdWithoutCounty', { code });
  }

  const publishers: SignedRoot['publishers'] = {};
  for (const [code, keys] of options.publishers) {
    checkCountyCode(code);
    publishers[code] = makeRole(keys.map((key) => key.keyId), options.publisherThresholds.get(code) ?? 1, code);
    allKeys.push(...keys);
  }

  checkRolesSeparate(root, publishers);

  const signed: SignedRoot = {
    type: 'minsheng-root',
    specVersion: ROOT_SPEC_VERSION,
    version: 1,
    createdAt: options.now.toISOString(),
    expiresAt: expiry(options.now, options.expiresDays),
    keys: keyEntries(allKeys),
    root,
    publishers,
  };
  return { signed, signatures: [] };
}

function rotateRootRole(previous: SignedRoot, changes: RootChanges): Role {
  for (const keyId of changes.removeRootKeyIds) {
    if (!previous.root.keyIds.includes(keyId)) throw new RootToolError('keyNotInRole', { keyId, role: 'root' });
  }
  for (const key of changes.addRootKeys) {
    if (previous.root.keyIds.includes(key.keyId)) throw new RootToolError('keyDuplicate', { keyId: key.keyId, role: 'root' });
  }

  const removed = new Set(changes.removeRootKeyIds);
  const keyIds = [...previous.root.keyIds.filter((keyId) => !removed.has(keyId)), ...changes.addRootKeys.map((key) => key.keyId)];
  return makeRole(keyIds, changes.threshold ?? previous.root.threshold, 'root');
}

function rotatePublishers(previous: SignedRoot, changes: RootChanges): SignedRoot['publishers'] {
  const publishers: SignedRoot['publishers'] = structuredClone(previous.publishers);

  // 1. Whole counties removed.
  for (const code of changes.removePublishers) {
    checkCountyCode(code);
    if (!(code in publishers)) throw new RootToolError('countyUnknown', { code, version: previous.version });
    if (changes.publishers.has(code)) throw new RootToolError('countyConflict', { code });
    delete publishers[code];
  }

  // 2. Single keys revoked wherever they are listed.
  for (const keyId of changes.removePublisherKeyIds) {
    const holders = Object.keys(publishers).filter((code) => publishers[code]!.keyIds.includes(keyId));
    if (holders.length === 0) throw new RootToolError('keyNotInRole', { keyId, role: 'publishers' });
    for (const code of holders) {
      const keyIds = publishers[code]!.keyIds.filter((id) => id !== keyId);
      if (keyIds.length === 0) throw new RootToolError('countyWithoutKeys', { code, keyId });
      publishers[code] = { keyIds, threshold: publishers[code]!.threshold };
    }
  }

  // 3. Counties whose key list is replaced or that are new.
  for (const [code, keys] of changes.publishers) {
    checkCountyCode(code);
    const threshold = changes.publisherThresholds.get(code) ?? publishers[code]?.threshold ?? 1;
    publishers[code] = { keyIds: keys.map((key) => key.keyId), threshold };
  }

  // 4. Thresholds changed alone.
  for (const [code, threshold] of changes.publisherThresholds) {
    if (!(code in publishers)) throw new RootToolError('publisherThresholdWithoutCounty', { code });
    publishers[code] = { keyIds: publishers[code]!.keyIds, threshold };
  }

  // Every county is checked again, since a revoked key can leave a threshold out of reach.
  for (const [code, role] of Object.entries(publishers)) {
    publishers[code] = makeRole(role.keyIds, role.threshold, code);
  }
  return publishers;
}

/** Builds version N+1 from version N, unsigned, and drops the keys no role names any more. */
export function rotateRoot(previous: SignedRoot, changes: RootChanges): RootMetadata {
  const root = rotateRootRole(previous, changes);
  const publishers = rotatePublishers(previous, changes);
  checkRolesSeparate(root, publishers);

  const known: SignedRoot['keys'] = {
    ...previous.keys,
    ...keyEntries([...changes.addRootKeys, ...[...changes.publishers.values()].flat()]),
  };
  const keys: SignedRoot['keys'] = {};
  for (const keyId of [...root.keyIds, ...Object.values(publishers).flatMap((role) => role.keyIds)]) {
    keys[keyId] = known[keyId]!;
  }

  const signed: SignedRoot = {
    type: 'minsheng-root',
    specVersion: ROOT_SPEC_VERSION,
    version: previous.version + 1,
    createdAt: changes.now.toISOString(),
    expiresAt: expiry(changes.now, changes.expiresDays),
    keys,
    root,
    publishers,
  };
  return { signed, signatures: [] };
}

/**
 * Adds the key's signature over the signed part, replacing an earlier signature by the same
 * key. The key must be a root key of this version or of `previous`, the version before, whose
 * root keys co-sign a rotation.
 */
export function signRoot(metadata: RootMetadata, key: PrivateKey, previous: SignedRoot | null): RootMetadata {
  const keyId = key.publicKey.keyId;
  const inThis = metadata.signed.root.keyIds.includes(keyId);
  const inPrevious = previous?.root.keyIds.includes(keyId) ?? false;
  if (!inThis && !inPrevious) {
    const version = metadata.signed.version;
    if (previous === null) throw new RootToolError('keyNotRootKey', { keyId, version });
    throw new RootToolError('keyNotRootKeyOfEither', { keyId, version, previousVersion: previous.version });
  }

  // A key that this version lists but whose entry does not match would make a signature no
  // terminal counts, so the document is rejected before anyone signs it.
  const listed = rootKeyMap(metadata.signed);
  for (const id of metadata.signed.root.keyIds) {
    if (!listed.has(id)) throw new RootToolError('rootKeyEntryInvalid', { keyId: id, version: metadata.signed.version });
  }

  const signature = { keyId, algorithm: key.algorithm, signature: key.sign(signingBytes(metadata.signed)) };
  const others = metadata.signatures.filter((entry) => entry.keyId !== keyId);
  return { signed: metadata.signed, signatures: [...others, signature] };
}
