// One sync pass, following The Update Framework (TUF) adapted to data snapshots. The pass brings
// the root up to date in sequence and fetches the county's manifest. It checks the manifest's
// signers, region, version and expiry. Then it installs the delta or the full payload into a
// staging file, checks that file completely and makes it current by swapping a pointer. Trust
// state (root, newest signed time, highest version) is written only after every check has passed.
// Any failure leaves the installed snapshot, its pointers and the trust state as they were.
import { createLogger } from '../log.js';
import type { Logger } from '../log.js';
import { lockDataFolder } from '../data-folder/lock.js';
import type { LockResult } from '../data-folder/lock.js';
import { ensureDataFolder, removeOtherDownloads, removeStaleStagingFiles, removeUnreferencedSnapshots } from '../data-folder/install.js';
import { pointerOrNull, snapshotFileOf } from '../data-folder/pointer.js';
import { checkSnapshotSound } from '../data-folder/startup-check.js';
import type { Pointer } from '../data-folder/pointer.js';
import { effectiveNow, laterTime, readSyncState, writeSyncState } from '../data-folder/state.js';
import type { SyncState } from '../data-folder/state.js';
import { readTrustedRoot, writeTrustedRoot } from '../data-folder/trusted-root.js';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES } from '../snapshot/manifest.js';
import type { Manifest } from '../snapshot/manifest.js';
import type { TrustAnchor } from '../trust/anchor.js';
import { updateRoot } from '../trust/root-chain.js';
import type { RootMetadata } from '../trust/root-schema.js';
import { rootKeyMap } from '../trust/root-keys.js';
import { createSource } from './create-source.js';
import type { HttpSourceOptions } from './http-source.js';
import { chooseDelta, installDelta, installFull, logDeltaFallback } from './install-steps.js';
import { errnoOf } from './errno.js';
import { errorFields } from './network-error.js';
import { BundleRejection } from './rejection.js';
import type { RejectDetails, RejectReason } from './rejection.js';
import { recordOutcome } from './record-outcome.js';
import type { BundleSource } from './source.js';
import { isUrlSource, SourceError, UnsupportedSourceError } from './source.js';
import { checkNotExpired, checkRegion, checkSignatures, checkSnapshotFormat, parseManifest, verifiedOlderDeltas } from './verify.js';
import type { SignerRole } from './verify.js';

export type { RejectReason, RejectDetails };

export type FailureReason = 'network' | 'io' | 'disk-full' | 'read-only' | 'busy';

export type SyncOutcome =
  | {
      status: 'installed';
      version: number;
      previousVersion: number | null;
      method: 'delta' | 'full';
      /** Set when a rotation of the county's publisher keys let in a version below the installed one. */
      olderAfterRotation?: true;
    }
  | { status: 'up-to-date'; version: number }
  | { status: 'rejected'; reason: RejectReason; details: RejectDetails }
  | { status: 'failed'; reason: FailureReason; details: RejectDetails };

export interface SyncOptions {
  /** A BundleSource, or a --source value: an http(s) URL, a folder path, or `usb`. */
  source: BundleSource | string;
  trust: TrustAnchor;
  /** The terminal's data folder; created by the first pass. */
  dataDir: string;
  /** The terminal's region; without it, the installed snapshot's region (if any) applies. */
  expectedRegion?: string;
  http?: HttpSourceOptions;
  /** Folders in which a `usb` source searches for mounted media. */
  usbRoots?: string[];
  now?: Date;
  log?: Logger;
}

async function fetchManifest(source: BundleSource): Promise<Manifest> {
  let bytes: Buffer;
  try {
    bytes = await source.readFile(MANIFEST_FILE, MAX_MANIFEST_BYTES);
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'too-large') {
      throw new BundleRejection('malformed-manifest', { problem: `larger than ${MAX_MANIFEST_BYTES} bytes` });
    }
    throw error;
  }
  return parseManifest(bytes);
}

/** Returns the signers of this region's manifests and notices: any one publisher key, or the root's publisher role. */
export function signersFor(trust: TrustAnchor, root: RootMetadata | null, regionCode: string): SignerRole {
  if (trust.kind === 'publisher-keys' || root === null) {
    const keys = new Map(trust.kind === 'publisher-keys' ? trust.keys.map((key) => [key.keyId, key]) : []);
    return { keys, role: { keyIds: [...keys.keys()], threshold: 1 } };
  }
  const role = root.signed.publishers[regionCode];
  if (role === undefined) {
    throw new BundleRejection('no-publisher-role', { region: regionCode, root: root.signed.version });
  }
  return { keys: rootKeyMap(root.signed), role };
}

/** Returns the lowest version acceptable for this region: the higher of the trusted and the installed version. */
function trustedVersion(state: SyncState, current: Pointer | null, regionCode: string): number {
  const installed = current?.regionCode === regionCode ? current.version : 0;
  return Math.max(state.trustedVersions[regionCode] ?? 0, installed);
}

interface PassContext {
  options: SyncOptions;
  source: BundleSource;
  log: Logger;
  clock: Date;
}

// A signed time later than the terminal's clock by more than this counts only up to this far
// ahead, so one manifest with a wrong (or forged) future date cannot expire everything after it.
const MAX_CLOCK_LEAD_MS = 24 * 60 * 60 * 1000;

function cappedSignedTime(signedAt: string | null, clock: Date): string | null {
  if (signedAt === null) return null;
  return new Date(Math.min(Date.parse(signedAt), clock.getTime() + MAX_CLOCK_LEAD_MS)).toISOString();
}

/**
 * Returns the counties whose publisher keys differ between the root trusted before this pass and
 * the new one. Their version floor resets, as TUF does on a key rotation, so rotating a stolen key
 * out also undoes any inflated version it signed.
 */
function rotatedCounties(before: RootMetadata | null, after: RootMetadata | null): Set<string> {
  const rotated = new Set<string>();
  if (before === null || after === null || before.signed.version === after.signed.version) return rotated;
  const keysOf = (root: RootMetadata, county: string) => [...(root.signed.publishers[county]?.keyIds ?? [])].sort().join(',');
  for (const county of new Set([...Object.keys(before.signed.publishers), ...Object.keys(after.signed.publishers)])) {
    if (keysOf(before, county) !== keysOf(after, county)) rotated.add(county);
  }
  return rotated;
}

/**
 * Adopts a newly verified root at once, as TUF does, so that a revocation stays in force even
 * when this pass's manifest is then rejected. Records which counties' publisher keys it changed.
 */
async function adoptRoot(dataDir: string, state: SyncState, before: RootMetadata | null, walked: RootMetadata[], root: RootMetadata): Promise<SyncState> {
  const keyRotations = { ...state.keyRotations };
  // Every root before the newest counts, the ones skipped in this pass too: a key that a skipped
  // version added is an old key as well, so an older bundle it signed cannot restart the floor.
  const earlier = [...(before === null ? [] : [before]), ...walked.slice(0, -1)];
  for (const county of rotatedCounties(before, root)) {
    const oldKeys = [...new Set(earlier.flatMap((old) => old.signed.publishers[county]?.keyIds ?? []))];
    // Adding keys is no rotation: the county's versions go on in one sequence. Only a removed
    // key, which may be a stolen one, lets the remaining or new keys start afresh.
    const newKeys = new Set(root.signed.publishers[county]?.keyIds ?? []);
    if (before === null || oldKeys.every((keyId) => newKeys.has(keyId))) continue;
    keyRotations[county] = [...new Set([...(keyRotations[county] ?? []), ...oldKeys])];
  }
  const next = { ...state, keyRotations, rootVersion: root.signed.version };
  // State first: after a crash between the two writes, the next pass walks to this root again and
  // records the same rotation.
  await writeSyncState(dataDir, next);
  await writeTrustedRoot(dataDir, root);
  return next;
}

async function persistTrust(
  context: PassContext,
  state: SyncState,
  root: RootMetadata | null,
  manifest: Manifest,
  keysRotated: boolean,
  unstoredRoot: RootMetadata | null,
): Promise<void> {
  const { dataDir } = context.options;
  if (unstoredRoot !== null) await writeTrustedRoot(dataDir, unstoredRoot);
  const signedTimes = [manifest.signed.createdAt, root?.signed.createdAt ?? null].map((time) => cappedSignedTime(time, context.clock));
  const newest = signedTimes.reduce(laterTime, state.newestSignedTime);
  const region = manifest.signed.regionCode;
  const floor = keysRotated ? 0 : (state.trustedVersions[region] ?? 0);
  const trustedVersions = { ...state.trustedVersions, [region]: Math.max(floor, manifest.signed.version) };
  // An accepted manifest sets the county's floor again, so its pending rotation is settled.
  const { [region]: _settled, ...keyRotations } = state.keyRotations;
  const rootVersion = unstoredRoot?.signed.version ?? state.rootVersion;
  await writeSyncState(dataDir, { newestSignedTime: newest, trustedVersions, keyRotations, rootVersion });
}

async function runSync(context: PassContext): Promise<SyncOutcome> {
  const { options, source, log, clock } = context;
  const { dataDir } = options;

  await ensureDataFolder(dataDir);
  const staleStaging = await removeStaleStagingFiles(dataDir);
  if (staleStaging.length > 0) log.warn({ dataDir, removed: staleStaging }, 'removed staging files left by an interrupted sync');
  await removeUnreferencedSnapshots(dataDir);

  const { state: storedState, problem } = readSyncState(dataDir);
  if (problem !== null) log.error({ dataDir, problem }, 'sync state is damaged; continuing from the installed snapshot');
  const current = pointerOrNull(dataDir, 'current');
  const now = effectiveNow(clock, storedState);

  // 1. Root: in sequence, each step signed by old and new root keys, and not expired.
  const storedRoot = readTrustedRoot(dataDir);
  const walked: RootMetadata[] = [];
  const root = await updateRoot(source, options.trust, storedRoot, (accepted) => walked.push(accepted));
  if (root !== null) checkNotExpired('root', root.signed.expiresAt, now);
  // A stored root that went missing or was damaged leaves the old key lists unknown, so no
  // rotation is recorded from it: comparing with the provisioned root could reset the floor.
  const rootLost = storedRoot === null && storedState.rootVersion !== null;
  if (rootLost) log.error({ dataDir, rootVersion: storedState.rootVersion }, 'trusted-root.json is missing or damaged; walking the chain again without key rotations');
  const trustedBefore = rootLost ? null : (storedRoot ?? (options.trust.kind === 'root' ? options.trust.root : null));
  const adopting = root !== null && root.signed.version !== trustedBefore?.signed.version;
  const state = adopting ? await adoptRoot(dataDir, storedState, trustedBefore, walked, root) : storedState;
  // A provisioned root.json that no pass has stored yet is stored with the first accepted manifest.
  const unstoredRoot = root !== null && !adopting && storedRoot?.signed.version !== root.signed.version ? root : null;

  // 2. Manifest: signers of its region, the terminal's region, no rollback, not expired.
  const manifest = await fetchManifest(source);
  checkRegion(manifest, options.expectedRegion ?? current?.regionCode ?? null);
  const signers = signersFor(options.trust, root, manifest.signed.regionCode);
  const keyIds = checkSignatures(manifest, signers);
  const { version, regionCode } = manifest.signed;
  // Only a manifest signed by none of the county's old keys restarts the floor: a kept old key
  // could otherwise replay an older bundle of its own alongside the new root.
  const oldKeys = state.keyRotations[regionCode];
  const keysRotated = oldKeys !== undefined && !keyIds.some((keyId) => oldKeys.includes(keyId));
  const floor = keysRotated ? 0 : trustedVersion(state, current, regionCode);
  if (keysRotated) log.warn({ region: regionCode, root: root?.signed.version }, 'publisher keys rotated, so the version floor restarts at 0');
  if (version < floor) throw new BundleRejection('rollback', { installed: floor, offered: version });
  // Checked before the up-to-date return: a source that keeps serving the installed manifest
  // after it expired is a freeze attack, and the status must show it rather than "up to date".
  checkNotExpired('manifest', manifest.signed.expiresAt, now);

  // A damaged installed copy of this very version is reinstalled in full, not reported up to date.
  const sameVersion = current !== null && current.regionCode === regionCode && current.version === version;
  const damage = sameVersion ? checkSnapshotSound(snapshotFileOf(dataDir, current)) : null;
  if (sameVersion && damage === null) {
    await persistTrust(context, state, root, manifest, keysRotated, unstoredRoot);
    return { status: 'up-to-date', version };
  }
  if (damage !== null) log.error({ dataDir, version, problem: damage.slice(0, 500) }, 'installed snapshot is damaged; reinstalling it');
  const base = damage === null ? current : null;
  checkSnapshotFormat(manifest);
  if (current !== null && current.regionCode !== regionCode) {
    log.warn({ installedRegion: current.regionCode, installedVersion: current.version, region: regionCode, version }, 'installed snapshot is for another region; replacing it');
  }
  log.info({ version, keyIds, installed: current?.version ?? null }, 'manifest accepted');

  // 3. Install: the delta when it fits the installed snapshot. Otherwise, or when the delta
  // fails, install the full payload.
  const older = verifiedOlderDeltas(manifest, signers);
  if (older.problem !== null) log.warn({ version, problem: older.problem }, 'ignoring the older deltas of the manifest');
  const choice = damage === null ? chooseDelta(manifest, older.deltas, base) : { unusable: 'the installed snapshot is damaged' };
  const digests = [manifest.signed.payload.digest, ...('delta' in choice ? [choice.delta.digest] : [])];
  await removeOtherDownloads(dataDir, digests);
  let method: 'delta' | 'full' = 'full';
  if ('delta' in choice) {
    try {
      await installDelta(source, manifest, choice.delta, base!, dataDir, clock);
      method = 'delta';
    } catch (error) {
      logDeltaFallback(log, manifest, error instanceof Error ? error.message : String(error));
    }
  } else if (manifest.signed.delta !== undefined || older.deltas.length > 0) {
    logDeltaFallback(log, manifest, choice.unusable);
  }
  if (method === 'full') await installFull(source, manifest, dataDir, clock, damage !== null);
  // Partial downloads of this version (a full payload begun before the delta worked) are useless now.
  await removeOtherDownloads(dataDir, []);

  await persistTrust(context, state, root, manifest, keysRotated, unstoredRoot);
  const olderAfterRotation = keysRotated && current !== null && current.regionCode === regionCode && version < current.version;
  return { status: 'installed', version, previousVersion: current?.version ?? null, method, ...(olderAfterRotation ? { olderAfterRotation: true as const } : {}) };
}

function failureOf(error: unknown, source: BundleSource): SyncOutcome {
  const code = errnoOf(error);
  const problem = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return { status: 'failed', reason: 'disk-full', details: { problem } };
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { status: 'failed', reason: 'read-only', details: { problem } };
  if (error instanceof SourceError) {
    if (error.kind === 'too-large') return { status: 'rejected', reason: 'length-mismatch', details: { problem } };
    // A file missing on a web server is the server's (network) problem; on a folder it is local.
    const isNetwork = error.kind === 'network' || (error.kind === 'not-found' && isUrlSource(source.location));
    return { status: 'failed', reason: isNetwork ? 'network' : 'io', details: { problem } };
  }
  return { status: 'failed', reason: 'io', details: { problem } };
}

/**
 * Runs one sync pass and returns its outcome. Failures of the pass become 'rejected' or 'failed'
 * outcomes. Only an unexpected error while creating the source, or a failed removal of the lock
 * file, is thrown. The outcome is also recorded in the data folder's status file (best effort).
 * Passes on one data folder run one at a time. A pass that finds another one running returns
 * 'failed' with reason 'busy' and records nothing.
 */
export async function syncOnce(options: SyncOptions): Promise<SyncOutcome> {
  const log = options.log ?? createLogger('sync');
  const clock = options.now ?? new Date();
  let source: BundleSource;
  try {
    source =
      typeof options.source === 'string'
        ? createSource(options.source, {
            http: options.http,
            // A USB stick may carry several counties; the one the terminal serves is the one to read.
            regionCode: options.expectedRegion ?? pointerOrNull(options.dataDir, 'current')?.regionCode,
            usbRoots: options.usbRoots,
          })
        : options.source;
  } catch (error) {
    if (!(error instanceof UnsupportedSourceError || error instanceof SourceError)) throw error;
    log.warn({ source: String(options.source), problem: error.message }, 'cannot use the sync source');
    // A translated sentence exists for some source problems (no USB stick found); the CLI and
    // the admin status show it instead of the English message.
    const translation = error instanceof SourceError ? error.translation : undefined;
    const details: RejectDetails = translation ? { problem: error.message, messageKey: translation.key, ...translation.values } : { problem: error.message };
    const outcome: SyncOutcome = { status: 'failed', reason: 'io', details };
    await recordOutcome(options.dataDir, outcome, clock);
    return outcome;
  }
  log.info({ source: source.location, dataDir: options.dataDir }, 'sync started');

  let outcome: SyncOutcome;
  let lock: LockResult | null = null;
  try {
    await ensureDataFolder(options.dataDir);
    lock = await lockDataFolder(options.dataDir);
    outcome = lock.acquired
      ? await runSync({ options, source, log, clock })
      : { status: 'failed', reason: 'busy', details: { pid: lock.holder } };
  } catch (error) {
    if (error instanceof BundleRejection) {
      outcome = { status: 'rejected', reason: error.reason, details: error.details };
    } else {
      outcome = failureOf(error, source);
      log.error({ source: source.location, dataDir: options.dataDir, error: errorFields(error) }, 'sync failed');
      log.debug({ err: error }, 'sync failure details');
    }
  }

  if (lock?.acquired) await lock.release();
  // A pass that found another one running records nothing, because the running pass reports.
  if (lock?.acquired) await recordOutcome(options.dataDir, outcome, clock);
  const level = outcome.status === 'installed' || outcome.status === 'up-to-date' ? 'info' : 'warn';
  log[level]({ source: source.location, dataDir: options.dataDir, outcome }, 'sync finished');
  return outcome;
}
