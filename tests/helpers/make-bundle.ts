// Builds small but real snapshots and signed bundles for tests, without the publisher: a SQLite
// file in the snapshot schema, gzip payload, manifest v2 and Ed25519 or SM2 signatures. Options
// produce the bad variants sync must reject (other region, expired, wrong key, mismatched meta).
// All people are generated; ID numbers are valid in form but made up.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import { maskName } from '../../src-shared/mask.js';
import Database from 'better-sqlite3';
import { hashBytes } from '../../src-main/core/crypto/hash.js';
import type { HashAlgorithm } from '../../src-main/core/crypto/hash-types.js';
import { generateKeyPair, parsePrivateKeyPem } from '../../src-main/core/crypto/keys.js';
import type { PrivateKey, PublicKey, SignatureAlgorithm } from '../../src-main/core/crypto/key-types.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { derivePersonKey, newLookupKeyParams } from '../../src-main/core/lookup-key.js';
import type { LookupKeyParams } from '../../src-main/core/lookup-key.js';
import { MANIFEST_FILE, signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest, SignedManifest } from '../../src-main/core/snapshot/manifest.js';
import { META_KEYS, SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';
import { createSnapshotWriter } from './snapshot-writer.js';

export interface TestKeys {
  algorithm: SignatureAlgorithm;
  privateKey: PrivateKey;
  publicKey: PublicKey;
  privateKeyPem: string;
  publicKeyPem: string;
  keyId: string;
}

export function makeTestKeys(algorithm: SignatureAlgorithm = 'ed25519'): TestKeys {
  const pair = generateKeyPair(algorithm);
  const privateKey = parsePrivateKeyPem(pair.privateKeyPem);
  return {
    algorithm,
    privateKey,
    publicKey: privateKey.publicKey,
    privateKeyPem: pair.privateKeyPem,
    publicKeyPem: pair.publicKeyPem,
    keyId: privateKey.publicKey.keyId,
  };
}

/** Signs the canonical bytes of a signed part with each key, as publisher and root tooling do. */
export function signAll<T>(signed: T, keys: TestKeys[]): { signed: T; signatures: Manifest['signatures'] } {
  const bytes = signingBytes(signed);
  return {
    signed,
    signatures: keys.map((key) => ({ keyId: key.keyId, algorithm: key.algorithm, signature: key.privateKey.sign(bytes) })),
  };
}

/** Computes the content digest of a snapshot file, as the publisher signs it. */
export function contentDigestOfFile(file: string, algorithm: HashAlgorithm = 'sha256'): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return contentDigest(db, algorithm);
  } finally {
    db.close();
  }
}

export interface SnapshotSpec {
  version?: number;
  /** Six-digit county code; townships and villages get codes below it. */
  regionCode?: string;
  regionName?: string;
  /** Households whose members have real person keys from generated ID numbers. */
  households?: number;
  /** Extra households with random person keys: cheap bulk (no scrypt) for size tests. */
  fillerHouseholds?: number;
  /** Overrides written into the meta table after the normal values (e.g. a wrong version). */
  metaOverrides?: Record<string, string>;
  lookupKey?: LookupKeyParams;
  seed?: number;
}

export interface TestPerson {
  idNumber: string;
  householdId: string;
  maskedName: string;
  villageCode: string;
  /** Sum of every payment of the person's household, in fen. */
  householdTotalFen: number;
  householdPaymentCount: number;
  householdMemberCount: number;
}

export interface BuiltSnapshot {
  file: string;
  version: number;
  regionCode: string;
  people: TestPerson[];
}

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '欧阳', '周', '吴', '黄'];
const GIVEN_NAMES = ['伟', '芳', '秀英', '建国', '桂兰', '志强', '丽', '德华', '小红', '国庆'];
const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲'];
const ITEMS = [
  { code: 'GDMJ', name: '耕地地力保护补贴', department: '县农业农村局', basis: '湘财农〔2023〕5号' },
  { code: 'DB', name: '农村最低生活保障金', department: '县民政局', basis: '湘民发〔2022〕12号' },
  { code: 'YL', name: '城乡居民基础养老金', department: '县人社局', basis: '湘人社发〔2021〕8号' },
];

/** Mulberry32: a small seeded generator, so a spec always yields the same people. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** Makes up an ID number with a valid birth date and check character. */
export function makeIdNumber(regionPrefix: string, birth: string, sequence: number): string {
  const first17 = `${regionPrefix}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

/** Writes a snapshot file in the real schema and returns the people a test can look up. */
export function buildSnapshotFile(file: string, spec: SnapshotSpec = {}): BuiltSnapshot {
  const version = spec.version ?? 1;
  const regionCode = spec.regionCode ?? '430121';
  const random = seededRandom(spec.seed ?? version * 7919);
  const params = spec.lookupKey ?? newLookupKeyParams();
  const townshipCode = `${regionCode}001`;
  const villageCodes = [`${townshipCode}001`, `${townshipCode}002`];

  rmSync(file, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  const writer = createSnapshotWriter(file);
  const { db } = writer;
  const insertRegion = writer.region;
  const insertItem = writer.item;
  const insertHousehold = writer.household;
  const insertPerson = writer.person;
  const insertPayment = writer.payment;
  const insertMeta = writer.meta;

  const people: TestPerson[] = [];
  const householdCount = (spec.households ?? 3) + (spec.fillerHouseholds ?? 0);
  let paymentNumber = 0;

  db.transaction(() => {
    insertRegion.run(regionCode, spec.regionName ?? '长沙县', null, 'county');
    insertRegion.run(townshipCode, '黄兴镇', regionCode, 'township');
    insertRegion.run(villageCodes[0], '蓝田村', townshipCode, 'village');
    insertRegion.run(villageCodes[1], '仙人市村', townshipCode, 'village');
    for (const item of ITEMS) insertItem.run(item.code, item.name, item.department, item.basis);

    for (let index = 0; index < householdCount; index += 1) {
      const isFiller = index >= (spec.households ?? 3);
      const householdId = `H${String(version).padStart(3, '0')}${String(index).padStart(7, '0')}`;
      const villageCode = villageCodes[index % villageCodes.length]!;
      insertHousehold.run(householdId, villageCode);

      const memberCount = 1 + Math.floor(random() * 4);
      const members: { key: string; idNumber: string; maskedName: string; order: number }[] = [];
      for (let order = 0; order < memberCount; order += 1) {
        const birthYear = 1940 + Math.floor(random() * 60);
        const birth = `${birthYear}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        const idNumber = makeIdNumber(regionCode, birth, (index * 5 + order) % 1000);
        const key = isFiller
          ? createHash('sha256').update(`${householdId}:${order}`).digest('hex')
          : derivePersonKey(idNumber, params);
        const maskedName = maskName(pick(random, SURNAMES) + pick(random, GIVEN_NAMES));
        insertPerson.run(key, householdId, maskedName, order === 0 ? '户主' : pick(random, RELATIONS.slice(1)), order + 1);
        members.push({ key, idNumber, maskedName, order: order + 1 });
      }

      let totalFen = 0;
      const paymentCount = 1 + Math.floor(random() * 6);
      for (let count = 0; count < paymentCount; count += 1) {
        const item = pick(random, ITEMS);
        const amountFen = 1000 + Math.floor(random() * 200_000);
        const month = 1 + Math.floor(random() * 12);
        const paidOn = `2024-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        paymentNumber += 1;
        insertPayment.run(
          `P${String(paymentNumber).padStart(9, '0')}`,
          householdId,
          pick(random, members).order,
          item.code,
          amountFen,
          paidOn,
          `2024-${String(month).padStart(2, '0')}`,
          item.department,
        );
        totalFen += amountFen;
      }

      if (!isFiller) {
        for (const member of members) {
          people.push({
            idNumber: member.idNumber,
            householdId,
            maskedName: member.maskedName,
            villageCode,
            householdTotalFen: totalFen,
            householdPaymentCount: paymentCount,
            householdMemberCount: memberCount,
          });
        }
      }
    }

    const meta: Record<string, string> = {
      [META_KEYS.format]: String(SNAPSHOT_FORMAT),
      [META_KEYS.version]: String(version),
      [META_KEYS.regionCode]: regionCode,
      [META_KEYS.regionName]: spec.regionName ?? '长沙县',
      [META_KEYS.createdAt]: '2025-01-15T08:00:00.000Z',
      [META_KEYS.dataAsOf]: '2024-12-31',
      [META_KEYS.householdCount]: String(householdCount),
      [META_KEYS.lookupKey]: JSON.stringify(params),
      ...spec.metaOverrides,
    };
    for (const [key, value] of Object.entries(meta)) insertMeta.run(key, value);
  })();

  db.close();
  return { file, version, regionCode, people };
}

export interface BundleOptions {
  /** Key that signs; pass another key for a wrong-key bundle. */
  signWith: TestKeys;
  /** More signers, for threshold tests. */
  alsoSignWith?: TestKeys[];
  hashAlgorithm?: HashAlgorithm;
  createdAt?: Date;
  expired?: boolean;
  /** Changes to the signed manifest before signing (e.g. another version than the snapshot). */
  signedOverrides?: Partial<SignedManifest>;
  payloadName?: string;
}

/** Compresses a snapshot file into folder and writes a signed manifest.json next to it. */
export function writeBundle(folder: string, snapshot: BuiltSnapshot, options: BundleOptions): Manifest {
  const sqlite = readFileSync(snapshot.file);
  const payload = gzipSync(sqlite, { level: 6 });
  const payloadName = options.payloadName ?? `snapshot-${snapshot.regionCode}-v${snapshot.version}.sqlite.gz`;

  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, payloadName), payload);

  const now = options.createdAt?.getTime() ?? Date.now() - 60_000;
  const algorithm = options.hashAlgorithm ?? 'sha256';
  const signed: SignedManifest = {
    type: 'minsheng-snapshot',
    specVersion: 2,
    version: snapshot.version,
    regionCode: snapshot.regionCode,
    regionName: '长沙县',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(options.expired ? Date.now() - 1000 : now + 30 * 86_400_000).toISOString(),
    snapshotFormat: SNAPSHOT_FORMAT,
    hashAlgorithm: algorithm,
    contentDigest: contentDigestOfFile(snapshot.file, algorithm),
    payload: {
      path: payloadName,
      compression: 'gzip',
      length: payload.length,
      digest: hashBytes(algorithm, payload),
      sqliteLength: sqlite.length,
      sqliteDigest: hashBytes(algorithm, sqlite),
    },
    ...options.signedOverrides,
  };

  const manifest: Manifest = signAll(signed, [options.signWith, ...(options.alsoSignWith ?? [])]);
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Builds a snapshot (in folder/../build) and its bundle in folder, in one call. */
export function makeBundle(
  folder: string,
  spec: SnapshotSpec & Omit<BundleOptions, 'signWith'> & { signWith: TestKeys },
): { snapshot: BuiltSnapshot; manifest: Manifest } {
  const snapshot = buildSnapshotFile(path.join(`${folder}.build`, 'snapshot.sqlite'), spec);
  const manifest = writeBundle(folder, snapshot, spec);
  return { snapshot, manifest };
}

/** Hex SHA-256 of a file, or null when it does not exist. */
export function sha256OfFile(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}
