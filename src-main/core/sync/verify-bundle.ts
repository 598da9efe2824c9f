// Offline verification of a bundle folder, for county staff before they publish it and for a
// technician holding a USB stick. It runs the checks a terminal makes, except the region and
// rollback checks, which need a terminal's data folder. Each result is reported, and a failure
// stops only the later checks that depend on it. Nothing is installed, because files are
// expanded into a temporary folder that is removed afterwards.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { contentDigest } from '../snapshot/content-digest.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../snapshot/manifest.js';
import type { GzipFileEntry, Manifest } from '../snapshot/manifest.js';
import { openSnapshot } from '../store.js';
import type { TrustAnchor } from '../trust/anchor.js';
import { updateRoot } from '../trust/root-chain.js';
import { rootKeyMap } from '../trust/root-keys.js';
import type { RootMetadata } from '../trust/root-schema.js';
import { applyDelta } from './apply-delta.js';
import { decompressToStaging } from './decompress.js';
import { BundleRejection } from './rejection.js';
import type { RejectDetails, RejectReason } from './rejection.js';
import { checkDigest, checkNotExpired, checkSignatures, checkSnapshotFile, checkSnapshotFormat, parseManifest } from './verify.js';
import type { SignerRole } from './verify.js';
import { copyRegularFile, createVerifySource, VerifyProblem } from './verify-files.js';
import type { VerifyReason } from './verify-files.js';
import { checkBundleRootChain } from './verify-root-chain.js';

export type CheckName = 'root' | 'manifest' | 'signatures' | 'expiry' | 'payload' | 'snapshot' | 'content' | 'delta';

/** Result of one check. A failed check is fatal except for the delta, because a terminal then installs the full payload. */
export type CheckResult =
  | { check: CheckName; ok: true; details: RejectDetails }
  | { check: CheckName; ok: false; fatal: boolean; reason: RejectReason | VerifyReason | 'io'; details: RejectDetails };

export interface BundleReport {
  ok: boolean;
  version: number | null;
  regionCode: string | null;
  checks: CheckResult[];
}

async function attempt(check: CheckName, results: CheckResult[], body: () => Promise<RejectDetails> | RejectDetails): Promise<boolean> {
  try {
    results.push({ check, ok: true, details: await body() });
    return true;
  } catch (error) {
    const fatal = check !== 'delta';
    if (error instanceof BundleRejection || error instanceof VerifyProblem) {
      results.push({ check, ok: false, fatal, reason: error.reason, details: error.details });
    }
    else results.push({ check, ok: false, fatal, reason: 'io', details: { problem: (error as Error).message } });
    return false;
  }
}

function signersOf(trust: TrustAnchor, root: RootMetadata | null, regionCode: string): SignerRole {
  if (root === null) {
    const keys = new Map(trust.kind === 'publisher-keys' ? trust.keys.map((key) => [key.keyId, key]) : []);
    return { keys, role: { keyIds: [...keys.keys()], threshold: 1 } };
  }
  const role = root.signed.publishers[regionCode];
  if (role === undefined) throw new BundleRejection('no-publisher-role', { region: regionCode, root: root.signed.version });
  return { keys: rootKeyMap(root.signed), role };
}

function digestOfSnapshot(file: string, manifest: Manifest): string {
  const db = openSnapshot(file);
  try {
    return contentDigest(db, manifest.signed.hashAlgorithm);
  } finally {
    db.close();
  }
}

/**
 * Copies a gzip file of the folder into `work`, checks the copy against the signed length and
 * digest, expands it and checks the result. Returns the expanded file.
 */
async function expand(folder: string, work: string, entry: GzipFileEntry, manifest: Manifest, labels: ['payload' | 'delta', 'sqlite' | 'delta-sqlite']): Promise<string> {
  const algorithm = manifest.signed.hashAlgorithm;
  const gzip = path.join(work, entry.path);
  await copyRegularFile(folder, entry.path, gzip, { length: entry.length, label: labels[0] });
  await checkDigest(gzip, entry, algorithm, labels[0]);
  const expanded = path.join(work, `${entry.path}.sqlite`);
  await decompressToStaging(gzip, expanded, entry.sqliteLength, labels[1]);
  await checkDigest(expanded, { length: entry.sqliteLength, digest: entry.sqliteDigest }, algorithm, labels[1]);
  return expanded;
}

export async function verifyBundle(folder: string, trust: TrustAnchor, now = new Date()): Promise<BundleReport> {
  const source = createVerifySource(folder);
  const checks: CheckResult[] = [];
  let root: RootMetadata | null = null;
  let manifest: Manifest | null = null;
  // The signature check needs the root that the anchor's walk trusts, but not the chain from
  // version 1, so a broken chain still leaves the signatures checked.
  let signersKnown = false;

  await attempt('root', checks, async (): Promise<RejectDetails> => {
    root = await updateRoot(source, trust, null);
    const walked: RejectDetails =
      root === null ? { mode: 'publisher-keys' } : { version: root.signed.version, expiresAt: root.signed.expiresAt };
    if (root !== null) checkNotExpired('root', root.signed.expiresAt, now);
    signersKnown = true;

    const chain = await checkBundleRootChain(folder, trust);
    return { ...walked, ...chain };
  });
  await attempt('manifest', checks, async () => {
    manifest = parseManifest(await source.readFile(MANIFEST_FILE, MAX_MANIFEST_BYTES));
    checkSnapshotFormat(manifest);
    return { version: manifest.signed.version, region: manifest.signed.regionCode, hashAlgorithm: manifest.signed.hashAlgorithm };
  });
  const found = manifest as Manifest | null;
  if (found === null) return { ok: false, version: null, regionCode: null, checks };

  if (signersKnown) {
    await attempt('signatures', checks, () => ({ keyIds: checkSignatures(found, signersOf(trust, root, found.signed.regionCode)).join(', ') }));
  }
  await attempt('expiry', checks, () => {
    checkNotExpired('manifest', found.signed.expiresAt, now);
    return { expiresAt: found.signed.expiresAt };
  });

  const work = await mkdtemp(path.join(os.tmpdir(), 'minsheng-verify-'));
  try {
    let snapshotFile: string | null = null;
    await attempt('payload', checks, async () => {
      snapshotFile = await expand(folder, work, found.signed.payload, found, ['payload', 'sqlite']);
      return { file: found.signed.payload.path, length: found.signed.payload.length };
    });
    const expanded = snapshotFile as string | null;
    if (expanded !== null) {
      await attempt('snapshot', checks, () => {
        checkSnapshotFile(expanded, found);
        return { check: 'quick_check ok' };
      });
      await attempt('content', checks, () => {
        const actual = digestOfSnapshot(expanded, found);
        if (actual !== found.signed.contentDigest) {
          throw new BundleRejection('content-digest-mismatch', { expected: found.signed.contentDigest, actual });
        }
        return { contentDigest: actual };
      });
    }
    if (found.signed.delta !== undefined) await attempt('delta', checks, () => verifyDelta(folder, work, found));
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  return { ok: checks.every((check) => check.ok || !check.fatal), version: found.signed.version, regionCode: found.signed.regionCode, checks };
}

/**
 * Checks the delta's digests and, when the base version's payload is still in the folder (the
 * publisher keeps it), applies the delta to it and compares the result with the signed content.
 */
async function verifyDelta(folder: string, work: string, manifest: Manifest): Promise<RejectDetails> {
  const delta = manifest.signed.delta!;
  const deltaFile = await expand(folder, work, delta, manifest, ['delta', 'delta-sqlite']);

  const baseName = `snapshot-${delta.baseVersion}.sqlite.gz`;
  const baseGzip = path.join(work, baseName);
  try {
    await copyRegularFile(folder, baseName, baseGzip, null);
  } catch (error) {
    if (error instanceof VerifyProblem && error.reason === 'missing-file') return { file: delta.path, base: `${baseName} absent; digests only` };
    throw error;
  }

  // NOTE: no signed length bounds the base's expansion, so a base that expands to fill the
  // temporary folder fails with ENOSPC instead of a clear message.
  const base = path.join(work, 'base.sqlite');
  await decompressToStaging(baseGzip, base, Number.MAX_SAFE_INTEGER, 'sqlite');
  if (digestOfSnapshot(base, manifest) !== delta.baseContentDigest) {
    throw new BundleRejection('content-digest-mismatch', { file: `snapshot-${delta.baseVersion}.sqlite.gz`, expected: delta.baseContentDigest, actual: 'other' });
  }
  const target = path.join(work, 'applied.sqlite');
  await copyFile(base, target);
  applyDelta(target, deltaFile);
  const actual = digestOfSnapshot(target, manifest);
  if (actual !== manifest.signed.contentDigest) {
    throw new BundleRejection('content-digest-mismatch', { file: delta.path, expected: manifest.signed.contentDigest, actual });
  }
  return { file: delta.path, base: delta.baseVersion, applied: 'content digest matches' };
}

