// Checks of the root files in a bundle folder. A terminal provisioned with an
// `N.root.json` walks the chain from version N+1, but a terminal provisioned with root keys starts
// at the bundle's own 1.root.json. So `verify` checks the whole chain from version 1, whatever
// anchor it was given, or it would pass bundles that the second kind of terminal rejects.
import { readdir } from 'node:fs/promises';
import { signingBytes } from '../snapshot/manifest.js';
import type { TrustAnchor } from '../trust/anchor.js';
import { checkRootUpdate, isSelfSigned } from '../trust/root-rules.js';
import { rootKeyMap } from '../trust/root-keys.js';
import { parseRootBytes } from '../trust/root-chain.js';
import { MAX_ROOT_BYTES, rootFileName } from '../trust/root-schema.js';
import type { RootMetadata } from '../trust/root-schema.js';
import { verifyThreshold } from '../trust/threshold.js';
import { BundleRejection } from './rejection.js';
import type { RejectDetails } from './rejection.js';
import { SourceError } from './source.js';
import { readRegularFile, VerifyProblem } from './verify-files.js';

const ROOT_FILE_PATTERN = /^([1-9][0-9]*)\.root\.json$/;

/** Returns the versions of the `N.root.json` files in the folder, in ascending order. */
async function rootVersionsIn(folder: string): Promise<number[]> {
  const names = await readdir(folder);
  return names
    .map((name) => ROOT_FILE_PATTERN.exec(name))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .filter((version) => Number.isSafeInteger(version))
    .sort((a, b) => a - b);
}

async function readRoot(folder: string, version: number): Promise<RootMetadata> {
  const name = rootFileName(version);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(folder, name, MAX_ROOT_BYTES);
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'too-large') {
      throw new BundleRejection('malformed-root', { file: name, problem: `larger than ${MAX_ROOT_BYTES} bytes` });
    }
    throw error;
  }

  return parseRootBytes(bytes, name);
}

/** Checks version 1 as a root-keys terminal can without knowing its keys: signed by a threshold of its own root keys. */
function checkFirstRoot(first: RootMetadata): void {
  const name = rootFileName(1);
  if (first.signed.version !== 1) throw new BundleRejection('root-sequence', { file: name, expected: 1, actual: first.signed.version });
  if (!isSelfSigned(first)) {
    const result = verifyThreshold(signingBytes(first.signed), first.signatures, rootKeyMap(first.signed), first.signed.root);
    throw new VerifyProblem('root-not-self-signed', { file: name, valid: result.valid.length, threshold: first.signed.root.threshold });
  }
}

/** Rejects the bundle's copy of the anchor's version unless its signed part is byte for byte the anchor's. */
function checkAnchorCopy(anchor: TrustAnchor, root: RootMetadata): void {
  if (anchor.kind !== 'root' || anchor.root.signed.version !== root.signed.version) return;
  if (!signingBytes(root.signed).equals(signingBytes(anchor.root.signed))) {
    throw new VerifyProblem('anchor-mismatch', { file: rootFileName(root.signed.version) });
  }
}

/**
 * Checks every `N.root.json` in the folder. The versions must run from 1 without a gap, and
 * version 1 must be signed by a threshold of its own root keys. Each later version must pass the
 * root update rules against the one before, and the anchor's version must equal the anchor. Returns null when
 * the folder has no root files, and otherwise the checked range for the report. Throws
 * VerifyProblem or BundleRejection for the first problem found.
 */
export async function checkBundleRootChain(folder: string, anchor: TrustAnchor): Promise<RejectDetails | null> {
  const versions = await rootVersionsIn(folder);
  if (versions.length === 0) return null;

  const newest = versions.at(-1)!;
  if (versions[0] !== 1) {
    throw new VerifyProblem('root-chain-start', { files: versions.map(rootFileName).join(', ') });
  }
  const present = new Set(versions);
  for (let version = 2; version < newest; version += 1) {
    if (!present.has(version)) throw new VerifyProblem('root-chain-gap', { missing: rootFileName(version), present: rootFileName(newest) });
  }

  let previous = await readRoot(folder, 1);
  checkFirstRoot(previous);
  checkAnchorCopy(anchor, previous);
  for (let version = 2; version <= newest; version += 1) {
    const next = await readRoot(folder, version);
    const check = checkRootUpdate({ kind: 'root', signed: previous.signed }, next);
    if (!check.ok) {
      const { ok: _ok, reason, ...details } = check;
      throw new BundleRejection(reason, { file: rootFileName(version), ...details });
    }
    checkAnchorCopy(anchor, next);
    previous = next;
  }

  return { rootVersions: newest === 1 ? '1' : `1-${newest}` };
}
