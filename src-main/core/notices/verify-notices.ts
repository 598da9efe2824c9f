// Checks a notices file must pass before it replaces the stored one: the terminal's county, a
// threshold of that county's publisher keys (the same signers as its manifests), a sequence not
// below the stored file's, and an expiry after the effective time. Each failure throws a
// BundleRejection with the reason codes that sync uses.
import { canonicalJson } from '../crypto/canonical-json.js';
import type { TrustAnchor } from '../trust/anchor.js';
import type { RootMetadata } from '../trust/root-schema.js';
import { BundleRejection } from '../sync/rejection.js';
import { signersFor } from '../sync/sync.js';
import { checkNotExpired, checkSignatures } from '../sync/verify.js';
import type { NoticesFile } from './notices-file.js';

export interface NoticeTrust {
  trust: TrustAnchor;
  /** The root the terminal trusts now; null for an anchor of publisher keys. */
  root: RootMetadata | null;
  /** The terminal's county. */
  expectedRegion: string;
  /** The stored notices file, whose sequence is the floor. */
  stored: NoticesFile | null;
  /** The effective time (see effectiveNow). */
  now: Date;
}

/**
 * Verifies a parsed notices file. Returns 'newer' when it should replace the stored file and
 * 'same' when it is the stored file again.
 */
export function verifyNotices(file: NoticesFile, context: NoticeTrust): 'newer' | 'same' {
  const { signed } = file;
  if (signed.regionCode !== context.expectedRegion) {
    throw new BundleRejection('wrong-region', { expected: context.expectedRegion, actual: signed.regionCode });
  }
  if (context.root !== null) checkNotExpired('root', context.root.signed.expiresAt, context.now);
  try {
    checkSignatures(file, signersFor(context.trust, context.root, signed.regionCode));
  } catch (error) {
    // The shared bad-signature message speaks of the manifest; this one names the notices file.
    if (!(error instanceof BundleRejection) || error.reason !== 'bad-signature') throw error;
    throw new BundleRejection('bad-signature', { ...error.details, messageKey: 'notice:sync.badSignature' });
  }

  const stored = context.stored?.signed ?? null;
  if (stored !== null && signed.sequence < stored.sequence) {
    throw new BundleRejection('rollback', { installed: stored.sequence, offered: signed.sequence });
  }
  // Two different files under one sequence number: the first one accepted stays.
  const same = stored !== null && signed.sequence === stored.sequence;
  if (same && canonicalJson(signed) !== canonicalJson(stored)) {
    throw new BundleRejection('rollback', { installed: stored.sequence, offered: signed.sequence });
  }

  // A source that keeps serving an expired file is checked before the 'same' return, as sync does for manifests.
  // The shared expiry message speaks of the manifest; this one names the notices file.
  if (Date.parse(signed.expiresAt) <= context.now.getTime()) {
    const details = { role: 'notices', expiresAt: signed.expiresAt, now: context.now.toISOString(), messageKey: 'notice:sync.expired' };
    throw new BundleRejection('expired', details);
  }
  return same ? 'same' : 'newer';
}
