// Root update rules, after The Update Framework (TUF). A terminal accepts the next root only when
// its version is exactly one higher and a threshold of the trusted root's root keys has signed
// it, as well as a threshold of its own root keys. Version 1 has no predecessor document, so the
// terminal's configured root keys take its place. These functions do no I/O, because the caller
// fetches and persists.
import { signingBytes } from '../snapshot/manifest.js';
import type { PublicKey } from '../crypto/key-types.js';
import { rootKeyMap } from './root-keys.js';
import type { Role, RootMetadata, SignedRoot } from './root-schema.js';
import { verifyThreshold } from './threshold.js';

/** Predecessor whose keys must sign the next root, besides its own: a trusted root or configured keys. */
export type RootPredecessor =
  | { kind: 'root'; signed: SignedRoot }
  | { kind: 'keys'; keys: ReadonlyMap<string, PublicKey>; role: Role };

export type RootCheck =
  | { ok: true }
  | { ok: false; reason: 'root-sequence'; expected: number; actual: number }
  | { ok: false; reason: 'root-threshold'; signer: 'previous' | 'self'; valid: number; threshold: number };

export function checkRootUpdate(predecessor: RootPredecessor, next: RootMetadata): RootCheck {
  const expected = predecessor.kind === 'root' ? predecessor.signed.version + 1 : 1;
  if (next.signed.version !== expected) {
    return { ok: false, reason: 'root-sequence', expected, actual: next.signed.version };
  }

  const bytes = signingBytes(next.signed);
  const previousKeys = predecessor.kind === 'root' ? rootKeyMap(predecessor.signed) : predecessor.keys;
  const previousRole = predecessor.kind === 'root' ? predecessor.signed.root : predecessor.role;
  const byPrevious = verifyThreshold(bytes, next.signatures, previousKeys, previousRole);
  if (!byPrevious.met) {
    return { ok: false, reason: 'root-threshold', signer: 'previous', valid: byPrevious.valid.length, threshold: previousRole.threshold };
  }

  const bySelf = verifyThreshold(bytes, next.signatures, rootKeyMap(next.signed), next.signed.root);
  if (!bySelf.met) {
    return { ok: false, reason: 'root-threshold', signer: 'self', valid: bySelf.valid.length, threshold: next.signed.root.threshold };
  }
  return { ok: true };
}

/** Checks that a threshold of a root's own root keys signed it, as a provisioned root.json must be. */
export function isSelfSigned(root: RootMetadata): boolean {
  return verifyThreshold(signingBytes(root.signed), root.signatures, rootKeyMap(root.signed), root.signed.root).met;
}
