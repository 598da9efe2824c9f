// Threshold signatures: a document is trusted for a role when at least `threshold` distinct keys
// of that role signed its exact bytes. Counting distinct key IDs stops one key from meeting a
// threshold of two by signing twice.
import type { PublicKey } from '../crypto/key-types.js';
import type { Signature } from '../snapshot/manifest.js';
import type { Role } from './root-schema.js';

export interface ThresholdResult {
  /** Key IDs of the role whose signature verified. */
  valid: string[];
  /** Key IDs of the role whose signature did not verify. */
  invalid: string[];
  met: boolean;
}

export function verifyThreshold(
  bytes: Buffer,
  signatures: readonly Signature[],
  keys: ReadonlyMap<string, PublicKey>,
  role: Role,
): ThresholdResult {
  const roleKeys = new Set(role.keyIds);
  const valid = new Set<string>();
  const invalid = new Set<string>();

  for (const entry of signatures) {
    if (!roleKeys.has(entry.keyId) || valid.has(entry.keyId)) continue;
    const key = keys.get(entry.keyId);
    if (key === undefined) continue;
    // A signature labelled with another algorithm than its key's is a bad signature of that key.
    if (key.algorithm === entry.algorithm && key.verify(bytes, entry.signature)) {
      valid.add(entry.keyId);
      invalid.delete(entry.keyId);
    } else {
      invalid.add(entry.keyId);
    }
  }

  return { valid: [...valid], invalid: [...invalid], met: valid.size >= role.threshold };
}
