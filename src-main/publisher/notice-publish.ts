// Publishing emergency notices: `notices.json` beside the bundle's manifest, rewritten whole on
// each change and signed with the county's publisher keys. The bundle itself is not rebuilt, so
// a notice reaches the terminals at their next notice poll, within a minute or two.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmergencyNotice } from '../../src-shared/emergency-notices.js';
import { NOTICES_PER_FILE_MAX } from '../../src-shared/emergency-notices.js';
import { MANIFEST_FILE, signingBytes } from '../core/snapshot/manifest.js';
import type { Manifest } from '../core/snapshot/manifest.js';
import { MAX_NOTICES_BYTES, NOTICES_FILE, NOTICES_SPEC_VERSION, noticesExpiry, parseNoticesFile } from '../core/notices/notices-file.js';
import type { NoticesFile, SignedNotices } from '../core/notices/notices-file.js';
import { BundleRejection } from '../core/sync/rejection.js';
import type { TrustAnchor } from '../core/trust/anchor.js';
import { parseManifest } from '../core/sync/verify.js';
import { writeFileAtomically } from './bundle-files.js';
import { NoticeError } from './notice-flags.js';
import { checkPublishedNotices, checkSigningKeys, folderSigners } from './notice-trust.js';
import { lockOutFolder } from './out-folder.js';
import type { OutFolderLock } from './out-folder.js';
import { PublishError } from './publish-error.js';
import { loadSigningKeys } from './signing.js';
import type { SigningKey } from './signing.js';

async function readOptional(file: string, maxBytes: number): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (bytes.length > maxBytes) throw new NoticeError('errors.fileTooLarge', { file, max: maxBytes });
  return bytes;
}

/** Returns the manifest of the bundle in `outDir`; throws NoticeError when the folder has no readable manifest. */
export async function bundleManifest(outDir: string): Promise<Manifest> {
  const file = path.join(outDir, MANIFEST_FILE);
  const bytes = await readOptional(file, 1024 * 1024);
  if (bytes === null) throw new NoticeError('errors.noManifest', { dir: outDir });
  try {
    return parseManifest(bytes);
  } catch (error) {
    if (!(error instanceof BundleRejection)) throw error;
    throw new NoticeError('errors.manifestMalformed', { file, problem: String(error.details.problem ?? error.reason) });
  }
}

/** Reads the notices file of `outDir`, or returns null when there is none. */
export async function readPublishedNotices(outDir: string): Promise<NoticesFile | null> {
  const file = path.join(outDir, NOTICES_FILE);
  const bytes = await readOptional(file, MAX_NOTICES_BYTES);
  if (bytes === null) return null;
  try {
    return parseNoticesFile(bytes);
  } catch (error) {
    if (!(error instanceof BundleRejection)) throw error;
    throw new NoticeError('errors.noticesMalformed', { file, problem: String(error.details.problem) });
  }
}

function signNotices(signed: SignedNotices, keys: readonly SigningKey[]): NoticesFile {
  const bytes = signingBytes(signed);
  return { signed, signatures: keys.map((key) => ({ keyId: key.keyId, algorithm: key.algorithm, signature: key.privateKey.sign(bytes) })) };
}

export interface NoticeChange {
  outDir: string;
  keyFiles: readonly string[];
  now?: Date;
  /** How long to wait for a running publish to release the folder's lock; LOCK_WAIT_MS by default. */
  lockWaitMs?: number;
}

/** A notice change waits this long for a bundle publish in the same folder, which takes seconds. */
export const LOCK_WAIT_MS = 30_000;
const LOCK_RETRY_MS = 250;

/** Takes the folder's publish lock, retrying while another live process holds it, for up to `waitMs`. */
async function lockWaiting(outDir: string, now: Date, waitMs: number): Promise<OutFolderLock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await lockOutFolder(outDir, now);
    } catch (error) {
      if (!(error instanceof PublishError) || error.code !== 'locked' || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}

function laterTime(time: string, other: string | undefined): string {
  return other !== undefined && Date.parse(other) > Date.parse(time) ? new Date(Date.parse(other)).toISOString() : time;
}

export interface NoticeWriteResult {
  file: string;
  /** The county of the bundle folder. */
  regionCode: string;
  sequence: number;
  /** Notices in the written file, after those that had ended were dropped. */
  notices: EmergencyNotice[];
  /** Notices dropped because they had ended. */
  dropped: number;
}

/**
 * Rewrites the notices file of `outDir` with `change` applied to the notices that have not ended,
 * under the folder's publish lock. The sequence is at least the time in milliseconds since the
 * epoch, so it still rises after the file was deleted from the folder.
 */
async function rewriteNotices(
  options: NoticeChange,
  change: (current: EmergencyNotice[], county: string, now: Date) => EmergencyNotice[],
): Promise<NoticeWriteResult> {
  const now = options.now ?? new Date();
  const manifest = await bundleManifest(options.outDir);
  const county = manifest.signed.regionCode;
  const keys = await loadSigningKeys(options.keyFiles);
  const signers = await folderSigners(options.outDir, county, manifest, { keys });
  checkSigningKeys(keys, signers);

  const lock = await lockWaiting(options.outDir, now, options.lockWaitMs ?? LOCK_WAIT_MS);
  try {
    const published = await readPublishedNotices(options.outDir);
    if (published !== null && published.signed.regionCode !== county) {
      throw new NoticeError('errors.noticesOtherCounty', { file: path.join(options.outDir, NOTICES_FILE), actual: published.signed.regionCode, county });
    }
    // A file altered on the server must not be signed again together with the real notices.
    if (published !== null) checkPublishedNotices(published, options.outDir, signers);
    const current = (published?.signed.notices ?? []).filter((notice) => Date.parse(notice.endsAt) > now.getTime());
    const notices = change(current, county, now);
    if (notices.length > NOTICES_PER_FILE_MAX) throw new NoticeError('errors.tooManyNotices', { count: notices.length, max: NOTICES_PER_FILE_MAX });

    const sequence = Math.max((published?.signed.sequence ?? 0) + 1, now.getTime());
    const signed: SignedNotices = {
      type: 'minsheng-notices',
      specVersion: NOTICES_SPEC_VERSION,
      regionCode: county,
      sequence,
      createdAt: now.toISOString(),
      // The expiry never drops below the previous file's, which covers the ends of the notices
      // that this change withdraws or shortens. So a kiosk that checks days later still accepts
      // the file that removes them, instead of rejecting it as expired and showing them on.
      expiresAt: laterTime(noticesExpiry(notices, now), published?.signed.expiresAt),
      notices,
    };
    await writeFileAtomically(options.outDir, NOTICES_FILE, `${JSON.stringify(signNotices(signed, keys), null, 2)}\n`);
    const dropped = (published?.signed.notices.length ?? 0) - current.length;
    return { file: path.join(options.outDir, NOTICES_FILE), regionCode: county, sequence, notices, dropped };
  } finally {
    await lock.release();
  }
}

/** Adds `notice`, or replaces the notice with its ID, and signs the file again. */
export function publishNotice(options: NoticeChange & { notice: (county: string, now: Date) => EmergencyNotice }): Promise<NoticeWriteResult> {
  return rewriteNotices(options, (current, county, now) => {
    const notice = options.notice(county, now);
    return [...current.filter((other) => other.id !== notice.id), notice];
  });
}

/** Withdraws the notice `id` before its end; throws NoticeError when no current notice has that ID. */
export function endNotice(options: NoticeChange & { id: string }): Promise<NoticeWriteResult> {
  return rewriteNotices(options, (current) => {
    if (!current.some((notice) => notice.id === options.id)) {
      throw new NoticeError('errors.unknownId', { id: options.id, known: current.map((notice) => notice.id).join(', ') || '-' });
    }
    return current.filter((notice) => notice.id !== options.id);
  });
}

/**
 * Reads the notices file of `outDir` and checks its signatures against the keys the county's
 * kiosks accept: the folder's root file, else `trust`, else the manifest's signers among the
 * `keyFiles`. Returns null when there is none. Throws NoticeError when the signatures fail, or
 * when none of these gives a public key to check with, so an unchecked file is never listed.
 */
export async function readCheckedNotices(outDir: string, options: { trust?: TrustAnchor; keyFiles?: readonly string[] } = {}): Promise<NoticesFile | null> {
  const published = await readPublishedNotices(outDir);
  if (published === null) return null;
  const manifest = await bundleManifest(outDir);
  const keyFiles = options.keyFiles ?? [];
  const keys = keyFiles.length > 0 ? await loadSigningKeys(keyFiles) : [];
  const signers = await folderSigners(outDir, manifest.signed.regionCode, manifest, { trust: options.trust, keys });

  if (!signers.canVerify) {
    const key = keys[0];
    if (key !== undefined) {
      throw new NoticeError('errors.listKeyNotAccepted', { file: key.file, keyId: key.keyId, origin: signers.origin, accepted: signers.role.keyIds.join(', ') });
    }
    throw new NoticeError('errors.listUncheckable', { file: path.join(outDir, NOTICES_FILE), dir: outDir });
  }
  checkPublishedNotices(published, outDir, signers, 'list');
  return published;
}
