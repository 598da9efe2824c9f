// The report `minsheng root sign` and `minsheng root check` print about a root version: how
// many root keys of the version before and of the version itself signed, against their
// thresholds, and any key entry a terminal would ignore. The verdict itself comes from the core rules the
// terminal uses, so the tool and the terminal cannot disagree.
import { keyIdOfPublicKey, parsePublicKeyPem } from '../core/crypto/keys.js';
import { signingBytes } from '../core/snapshot/manifest.js';
import { rootKeyMap } from '../core/trust/root-keys.js';
import { checkRootUpdate } from '../core/trust/root-rules.js';
import type { RootCheck } from '../core/trust/root-rules.js';
import type { RootMetadata, SignedRoot } from '../core/trust/root-schema.js';
import { verifyThreshold } from '../core/trust/threshold.js';

export interface RoleTally {
  /** The root version whose root role this counts. */
  version: number;
  signed: number;
  /** Signatures by keys of the role that do not verify, e.g. made before the file was edited. */
  invalid: number;
  keyCount: number;
  threshold: number;
  met: boolean;
}

export type KeyProblem =
  | { kind: 'unparsable'; keyId: string; reason: string }
  | { kind: 'key-id-mismatch'; keyId: string; actual: string }
  | { kind: 'algorithm-mismatch'; keyId: string; declared: string; actual: string }
  | { kind: 'role-key-missing'; keyId: string; role: string };

export interface RootVersionStatus {
  version: number;
  /** Root keys of the version before; null for version 1. */
  previous: RoleTally | null;
  own: RoleTally;
  keyProblems: KeyProblem[];
  check: RootCheck;
  ok: boolean;
}

/** Lists the key entries and role references of a root version that a terminal would not use. */
export function findKeyProblems(signed: SignedRoot): KeyProblem[] {
  const problems: KeyProblem[] = [];

  for (const [keyId, entry] of Object.entries(signed.keys)) {
    try {
      const key = parsePublicKeyPem(entry.publicKeyPem);
      const actual = keyIdOfPublicKey(entry.publicKeyPem);
      if (actual !== keyId) problems.push({ kind: 'key-id-mismatch', keyId, actual });
      else if (key.algorithm !== entry.algorithm) {
        problems.push({ kind: 'algorithm-mismatch', keyId, declared: entry.algorithm, actual: key.algorithm });
      }
    } catch (error) {
      problems.push({ kind: 'unparsable', keyId, reason: (error as Error).message });
    }
  }

  const roles = [['root', signed.root] as const, ...Object.entries(signed.publishers)];
  for (const [role, { keyIds }] of roles) {
    for (const keyId of keyIds) {
      if (!(keyId in signed.keys)) problems.push({ kind: 'role-key-missing', keyId, role });
    }
  }
  return problems;
}

function tally(metadata: RootMetadata, counted: SignedRoot): RoleTally {
  const result = verifyThreshold(signingBytes(metadata.signed), metadata.signatures, rootKeyMap(counted), counted.root);
  return {
    version: counted.version,
    signed: result.valid.length,
    invalid: result.invalid.length,
    keyCount: new Set(counted.root.keyIds).size,
    threshold: counted.root.threshold,
    met: result.met,
  };
}

/** Reports how `metadata` meets the rules, given the version before it (or null). */
export function describeRootVersion(metadata: RootMetadata, previous: SignedRoot | null): RootVersionStatus {
  // Version 1 has no predecessor document, so its own root role serves as the predecessor here.
  // A terminal also compares it with the root keys of its config.
  const check =
    previous === null
      ? checkRootUpdate({ kind: 'keys', keys: rootKeyMap(metadata.signed), role: metadata.signed.root }, metadata)
      : checkRootUpdate({ kind: 'root', signed: previous }, metadata);
  const keyProblems = findKeyProblems(metadata.signed);

  return {
    version: metadata.signed.version,
    previous: previous === null ? null : tally(metadata, previous),
    own: tally(metadata, metadata.signed),
    keyProblems,
    check,
    ok: check.ok && keyProblems.length === 0,
  };
}

export interface RootChainStatus {
  /** One entry per version from 1, up to and including the first that fails. */
  versions: RootVersionStatus[];
  newestVersion: number;
  expiresAt: string;
  expired: boolean;
  ok: boolean;
}

/** Checks a chain read from a root folder (versions 1..N in order) and the newest one's expiry. */
export function checkRootChain(roots: readonly RootMetadata[], now: Date): RootChainStatus {
  const versions: RootVersionStatus[] = [];
  let previous: SignedRoot | null = null;
  let chainOk = true;

  for (const metadata of roots) {
    const status = describeRootVersion(metadata, previous);
    versions.push(status);
    if (!status.ok) {
      chainOk = false;
      break;
    }
    previous = metadata.signed;
  }

  const newest = roots[roots.length - 1]!.signed;
  const expired = Date.parse(newest.expiresAt) <= now.getTime();
  return { versions, newestVersion: newest.version, expiresAt: newest.expiresAt, expired, ok: chainOk && !expired };
}
