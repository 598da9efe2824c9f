// A small world for the sync conformance tests: a temporary folder with keys, root metadata,
// bundle folders and one terminal data folder. Readers return what a test asserts afterwards:
// the trusted state on disk, a fingerprint of the data folder, and which data the kiosk serves. Bundles come from the real publisher or from make-bundle.ts;
// the helpers here sign roots and odd manifests with signAll.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { KioskSettings, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { hashBytes } from '../../src-main/core/crypto/hash.js';
import { DOWNLOADS_FOLDER, STATUS_FILE } from '../../src-main/core/data-folder/layout.js';
import { readTerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import { MANIFEST_FILE, ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest, SignedManifest } from '../../src-main/core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { publish } from '../../src-main/publisher/publish.js';
import type { PublishOptions, PublishSuccess } from '../../src-main/publisher/publish.js';
import type { SyncOptions, SyncOutcome } from '../../src-main/core/sync/sync.js';
import type { TrustAnchor } from '../../src-main/core/trust/anchor.js';
import { ROOT_SPEC_VERSION, rootFileName } from '../../src-main/core/trust/root-schema.js';
import type { RootMetadata, SignedRoot } from '../../src-main/core/trust/root-schema.js';
import { contentDigestOfFile, signAll } from './make-bundle.js';
import type { BuiltSnapshot, TestKeys } from './make-bundle.js';
import { SAMPLE_PERSONS, writeSampleDataset } from './publisher-data.js';
import { makeTempDir } from './temp.js';
import { TEST_SETTINGS } from './kiosk-settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface World {
  dir: string;
  /** The terminal's data folder, absent until the first sync creates it. */
  dataDir: string;
  /** Creates (if needed) and returns a folder under the world for bundles, roots or keys. */
  folder(...parts: string[]): string;
  /** Runs one sync pass into the world's data folder, unless options name another. */
  sync(source: string, trust: TrustAnchor, options?: Partial<SyncOptions>): Promise<SyncOutcome>;
  remove(): void;
}

export function createWorld(prefix = 'minsheng-conformance-'): World {
  const temp = makeTempDir(prefix);
  const dataDir = path.join(temp.dir, 'terminal', 'data');
  return {
    dir: temp.dir,
    dataDir,
    folder(...parts) {
      const folder = path.join(temp.dir, ...parts);
      mkdirSync(folder, { recursive: true });
      return folder;
    },
    sync(source, trust, options = {}) {
      return syncOnce({ source, trust, dataDir, ...options });
    },
    remove: temp.remove,
  };
}

/** Writes the public keys into one PEM file, as a technician provisions a terminal. */
export function writePublicKeys(file: string, keys: TestKeys[]): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, keys.map((key) => key.publicKeyPem).join(''));
  return file;
}

export function writePrivateKey(file: string, key: TestKeys): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, key.privateKeyPem, { mode: 0o600 });
  return file;
}

export interface RootSpec {
  version: number;
  rootKeys: TestKeys[];
  rootThreshold?: number;
  /** Publisher keys and threshold (default 1) per county code. */
  publishers: Record<string, { keys: TestKeys[]; threshold?: number }>;
  createdAt?: Date;
  expiresAt?: Date;
  /** Signing keys. A rotation lists the old and the new root keys. */
  signers: TestKeys[];
}

/** Builds and signs one root version without the publisher's checks, so tests can make bad ones. */
export function buildRoot(spec: RootSpec): RootMetadata {
  const createdAt = spec.createdAt ?? new Date(Date.now() - 60_000);
  const keys: SignedRoot['keys'] = {};
  const allKeys = [...spec.rootKeys, ...Object.values(spec.publishers).flatMap((role) => role.keys)];
  for (const key of allKeys) keys[key.keyId] = { algorithm: key.algorithm, publicKeyPem: key.publicKeyPem };

  const publishers: SignedRoot['publishers'] = {};
  for (const [code, role] of Object.entries(spec.publishers)) {
    publishers[code] = { keyIds: role.keys.map((key) => key.keyId), threshold: role.threshold ?? 1 };
  }

  const signed: SignedRoot = {
    type: 'minsheng-root',
    specVersion: ROOT_SPEC_VERSION,
    version: spec.version,
    createdAt: createdAt.toISOString(),
    expiresAt: (spec.expiresAt ?? new Date(createdAt.getTime() + 365 * DAY_MS)).toISOString(),
    keys,
    root: { keyIds: spec.rootKeys.map((key) => key.keyId), threshold: spec.rootThreshold ?? 1 },
    publishers,
  };
  return signAll(signed, spec.signers);
}

/** Writes root metadata as `N.root.json`, where `fileVersion` may name another N than the document's. */
export function writeRoot(folder: string, root: RootMetadata, fileVersion = root.signed.version): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, rootFileName(fileVersion));
  writeFileSync(file, `${JSON.stringify(root, null, 2)}\n`);
  return file;
}

export function readManifest(folder: string): Manifest {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')));
}

/** Signs `signed` with `keys` and writes it as the folder's manifest.json. */
export function writeManifest(folder: string, signed: SignedManifest, keys: TestKeys[]): Manifest {
  const manifest = signAll(signed, keys);
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Writes a bundle whose payload is gzip without compression (level 0), so two snapshots with the
 * same number of pages give payloads of the same length. A payload swapped between them then
 * passes the length check and must fail on the digest.
 */
export function writeStoredBundle(
  folder: string,
  snapshot: BuiltSnapshot,
  keys: TestKeys[],
  dates: { createdAt: Date; expiresAt: Date } = { createdAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 30 * DAY_MS) },
): Manifest {
  const sqlite = readFileSync(snapshot.file);
  const payload = gzipSync(sqlite, { level: 0 });
  const payloadName = `snapshot-v${snapshot.version}.sqlite.gz`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, payloadName), payload);

  return writeManifest(
    folder,
    {
      type: 'minsheng-snapshot',
      specVersion: 2,
      version: snapshot.version,
      regionCode: snapshot.regionCode,
      regionName: '长沙县',
      createdAt: dates.createdAt.toISOString(),
      expiresAt: dates.expiresAt.toISOString(),
      snapshotFormat: SNAPSHOT_FORMAT,
      hashAlgorithm: 'sha256',
      contentDigest: contentDigestOfFile(snapshot.file),
      payload: {
        path: payloadName,
        compression: 'gzip',
        length: payload.length,
        digest: hashBytes('sha256', payload),
        sqliteLength: sqlite.length,
        sqliteDigest: hashBytes('sha256', sqlite),
      },
    },
    keys,
  );
}

/** What the terminal trusts and has installed, as read back from its data folder. */
export interface TrustedState {
  currentVersion: number | null;
  previousVersion: number | null;
  /** The content digest current.json names. */
  currentDigest: string | null;
  trustedVersions: Record<string, number>;
  newestSignedTime: string | null;
  trustedRootVersion: number | null;
}

export function readTrustedState(dataDir: string): TrustedState {
  const report = readTerminalReport(dataDir);
  let currentDigest: string | null = null;
  try {
    currentDigest = (JSON.parse(readFileSync(path.join(dataDir, 'current.json'), 'utf8')) as { contentDigest: string }).contentDigest;
  } catch {
    // No current pointer yet.
  }
  return {
    currentVersion: report.current?.version ?? null,
    previousVersion: report.previousVersion,
    currentDigest,
    trustedVersions: report.trustedVersions,
    newestSignedTime: report.newestSignedTime,
    trustedRootVersion: report.trustedRootVersion,
  };
}

/**
 * SHA-256 of every file in the data folder by relative path, except status.json (each pass
 * records its outcome there) and downloads/ (partial downloads are kept for resuming). A
 * rejected pass must leave this map equal; a leftover staging file shows up as a new entry.
 */
export function fingerprintDataFolder(dataDir: string): Record<string, string> {
  const fingerprint: Record<string, string> = {};
  const visit = (folder: string, prefix: string) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      if (relative === STATUS_FILE || relative === DOWNLOADS_FOLDER) continue;
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) visit(file, relative);
      else fingerprint[relative] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  };
  visit(dataDir, '');
  return fingerprint;
}

const SETTINGS: KioskSettings = { ...TEST_SETTINGS, terminalName: 'conformance', homeRegionCode: '431226' };

/** Returns the household total (fen) the kiosk serves for an ID number, or why it serves none. */
export async function servedTotal(dataDir: string, idNumber: string): Promise<number | 'no-data' | 'not-found' | 'invalid'> {
  const service = createKioskService({ dataDir, settings: SETTINGS });
  try {
    const result = await service.lookupHousehold(idNumber);
    return result.status === 'found' ? result.household.totalFen : result.status;
  } finally {
    service.close();
  }
}

/** Returns the snapshot info behind the data-age banner, judged at the terminal clock `clock`. */
export async function servedSnapshotInfo(dataDir: string, clock: Date): Promise<SnapshotInfo | null> {
  const service = createKioskService({ dataDir, settings: SETTINGS, clock: () => clock });
  try {
    return await service.getSnapshotInfo();
  } finally {
    service.close();
  }
}

export function daysAfter(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

/** County of the sample delivery in publisher-data.ts, and the household totals it yields in fen. */
export const SAMPLE_COUNTY = '431226';
export const SAMPLE_TOTALS = { H001: 46_550, H002: 123_463 } as const;
export const SAMPLE_ID_NUMBERS = { H001: SAMPLE_PERSONS[0]!.idNumber, H002: SAMPLE_PERSONS[3]!.idNumber } as const;

/**
 * Runs the real publisher on the sample delivery (or on `dataDir` when given) into `outDir`,
 * the next version after what the folder holds. Throws when publishing fails.
 */
export async function publishSample(
  world: World,
  outDir: string,
  keyFiles: string[],
  options: Partial<PublishOptions> = {},
): Promise<PublishSuccess> {
  const dataDir = options.dataDir ?? path.join(world.dir, 'sample-delivery');
  if (options.dataDir === undefined) writeSampleDataset(dataDir);
  const result = await publish({ dataDir, keyFiles, outDir, ...options });
  if (!result.ok) throw new Error(`publish failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result;
}
