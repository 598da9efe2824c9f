// When a terminal may move from one trusted root to the next (the TUF root update rules): the
// next version is exactly one higher and is signed by a threshold of the trusted root's root
// keys and by a threshold of its own. Version 1 has no predecessor document; the terminal's
// configured root keys stand in for it. Pure: the caller fetches and persists.
import { signingBytes } from '../snapshot/manifest.js';
import type { PublicKey } from '../crypto/key-types.js';
import { rootKeyMap } from './root-keys.js';
import type { Role, RootMetadata, SignedRoot } from './root-schema.js';
import { verifyThreshold } from './threshold.js';

/** What the next root must satisfy besides its own threshold: a trusted root, or configured keys. */
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

/** True when a root's own root keys signed it to their threshold (a provisioned root.json). */
export function isSelfSigned(root: RootMetadata): boolean {
  return verifyThreshold(signingBytes(root.signed), root.signatures, rootKeyMap(root.signed), root.signed.root).met;
}
