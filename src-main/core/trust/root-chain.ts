// Root update from a bundle source. It fetches `N+1.root.json` while the source has one, accepts
// each only under the root update rules, and stops at the first version the source lacks. The
// caller persists the result only after the manifest has also passed its checks.
import type { BundleSource } from '../sync/source.js';
import { SourceError } from '../sync/source.js';
import { BundleRejection } from '../sync/rejection.js';
import type { PublicKey } from '../crypto/key-types.js';
import type { TrustAnchor } from './anchor.js';
import { checkRootUpdate } from './root-rules.js';
import type { RootPredecessor } from './root-rules.js';
import { MAX_ROOT_BYTES, RootMetadataSchema, rootFileName } from './root-schema.js';
import type { RootMetadata } from './root-schema.js';

// A chain longer than this is a source trying to keep the terminal busy, not a real history.
const MAX_ROOT_STEPS = 1000;

function predecessorOf(anchor: TrustAnchor & { kind: 'root-keys' }): RootPredecessor {
  const keys = new Map<string, PublicKey>(anchor.keys.map((key) => [key.keyId, key]));
  return { kind: 'keys', keys, role: { keyIds: [...keys.keys()], threshold: anchor.threshold } };
}

/** Parses the bytes of a root file; a BundleRejection names the file and the problem. */
export function parseRootBytes(bytes: Buffer, name: string): RootMetadata {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new BundleRejection('malformed-root', { file: name, problem: (error as Error).message });
  }
  const parsed = RootMetadataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleRejection('malformed-root', { file: name, problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  return parsed.data;
}

/** Reads one root file. Returns null when the source does not have it. */
async function fetchRoot(source: BundleSource, version: number): Promise<RootMetadata | null> {
  const name = rootFileName(version);
  let bytes: Buffer;
  try {
    bytes = await source.readFile(name, MAX_ROOT_BYTES);
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'not-found') return null;
    if (error instanceof SourceError && error.kind === 'too-large') {
      throw new BundleRejection('malformed-root', { file: name, problem: `larger than ${MAX_ROOT_BYTES} bytes` });
    }
    throw error;
  }
  return parseRootBytes(bytes, name);
}

/**
 * Checks, in sequence, every root version the source offers after the stored root (or the
 * anchor), and returns the newest one the terminal can trust. Returns null for an anchor of
 * publisher keys, which uses no roots. Throws BundleRejection for a root that breaks the rules,
 * and SourceError when the source fails other than by lacking the next version.
 */
export async function updateRoot(
  source: BundleSource,
  anchor: TrustAnchor,
  stored: RootMetadata | null,
  onAccepted: (root: RootMetadata) => void = () => undefined,
): Promise<RootMetadata | null> {
  if (anchor.kind === 'publisher-keys') return null;

  let trusted: RootMetadata | null = anchor.kind === 'root' ? anchor.root : null;
  if (stored !== null && (trusted === null || stored.signed.version > trusted.signed.version)) trusted = stored;

  for (let step = 0; step < MAX_ROOT_STEPS; step += 1) {
    const nextVersion = trusted === null ? 1 : trusted.signed.version + 1;
    const next = await fetchRoot(source, nextVersion);
    if (next === null) break;

    const predecessor: RootPredecessor =
      trusted === null ? predecessorOf(anchor as TrustAnchor & { kind: 'root-keys' }) : { kind: 'root', signed: trusted.signed };
    const check = checkRootUpdate(predecessor, next);
    if (!check.ok) {
      const { ok: _ok, reason, ...details } = check;
      throw new BundleRejection(reason, { file: rootFileName(nextVersion), ...details });
    }
    trusted = next;
    onAccepted(next);
  }

  if (trusted === null) throw new BundleRejection('no-root', { file: rootFileName(1) });
  return trusted;
}
