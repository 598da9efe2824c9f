// The keys that a kiosk of the county accepts on the notices file of a bundle folder, worked out
// from the folder as a kiosk that synced from it would. They are the publisher role of the newest
// root file. In a folder without root files they are the publisher keys of a --trust file, or the
// keys that signed the manifest. `notice publish | end | list` check the existing notices file and
// the --key files against them, so a file altered on the server is not carried over and a wrong
// key is not used to sign.
import path from 'node:path';
import type { PublicKey } from '../core/crypto/key-types.js';
import { NOTICES_FILE } from '../core/notices/notices-file.js';
import type { NoticesFile } from '../core/notices/notices-file.js';
import type { Manifest } from '../core/snapshot/manifest.js';
import { signersFor } from '../core/sync/sync.js';
import { BundleRejection } from '../core/sync/rejection.js';
import { checkSignatures } from '../core/sync/verify.js';
import type { SignerRole } from '../core/sync/verify.js';
import type { TrustAnchor } from '../core/trust/anchor.js';
import { rootKeyMap } from '../core/trust/root-keys.js';
import { RootMetadataSchema } from '../core/trust/root-schema.js';
import { NoticeError } from './notice-flags.js';
import { readOutFolderRoots } from './roots-copy.js';
import type { SigningKey } from './signing.js';

export interface FolderSigners extends SignerRole {
  /** The source of the accepted keys, for messages: a root file, the --trust file or the manifest. */
  origin: string;
  /** False when no public key is at hand to check a signature (a folder without root files, no --trust, no --key). */
  canVerify: boolean;
}

/**
 * Returns the keys and threshold that the county's kiosks accept on `outDir`'s notices file.
 * `keys` (the --key files) supply the public keys when the folder has no root file and no
 * --trust file is given, because then the manifest's signatures name the accepted key IDs only.
 */
export async function folderSigners(
  outDir: string,
  county: string,
  manifest: Manifest,
  options: { keys?: readonly SigningKey[]; trust?: TrustAnchor },
): Promise<FolderSigners> {
  // NOTE: the root files are read from the folder itself, but a kiosk walks them from its
  // provisioned root. So someone who can rewrite the whole folder can also replace them.
  const chain = await readOutFolderRoots(outDir);
  if (chain !== null) {
    const newest = chain.files.at(-1)!;
    const root = RootMetadataSchema.parse(JSON.parse(newest.bytes.toString('utf8')));
    const role = root.signed.publishers[county];
    if (role === undefined) throw new NoticeError('errors.noPublisherRole', { file: path.join(outDir, newest.name), county });
    return { keys: rootKeyMap(root.signed), role, origin: path.join(outDir, newest.name), canVerify: true };
  }

  if (options.trust !== undefined) return { ...signersFor(options.trust, null, county), origin: '--trust', canVerify: true };

  const keyIds = manifest.signatures.map((signature) => signature.keyId);
  const keys = new Map<string, PublicKey>();
  for (const key of options.keys ?? []) {
    if (keyIds.includes(key.keyId)) keys.set(key.keyId, key.privateKey.publicKey);
  }
  return { keys, role: { keyIds, threshold: 1 }, origin: path.join(outDir, 'manifest.json'), canVerify: keys.size > 0 };
}

/** Throws NoticeError naming the first --key file whose key the kiosks would reject, or when too few keys sign. */
export function checkSigningKeys(keys: readonly SigningKey[], signers: FolderSigners): void {
  const foreign = keys.find((key) => !signers.role.keyIds.includes(key.keyId));
  if (foreign !== undefined) {
    throw new NoticeError('errors.keyNotAccepted', { file: foreign.file, keyId: foreign.keyId, origin: signers.origin, accepted: signers.role.keyIds.join(', ') });
  }
  if (keys.length < signers.role.threshold) {
    throw new NoticeError('errors.tooFewKeys', { count: keys.length, threshold: signers.role.threshold, origin: signers.origin });
  }
}

/**
 * Throws NoticeError when the notices file in `outDir` is not signed as the county's kiosks
 * require. `purpose` picks the advice: a change has written nothing, a list has only read.
 */
export function checkPublishedNotices(file: NoticesFile, outDir: string, signers: FolderSigners, purpose: 'change' | 'list' = 'change'): void {
  try {
    checkSignatures(file, signers);
  } catch (error) {
    if (!(error instanceof BundleRejection)) throw error;
    const params = { file: path.join(outDir, NOTICES_FILE), origin: signers.origin };
    // A signature by an accepted key that does not verify means the content changed after signing.
    if (error.reason === 'bad-signature') {
      throw new NoticeError(purpose === 'list' ? 'errors.listAltered' : 'errors.noticesAltered', { ...params, keyId: String(error.details.keyId) });
    }
    const reason = [error.reason, ...Object.values(error.details).map(String)].join(' ');
    throw new NoticeError(purpose === 'list' ? 'errors.listUntrusted' : 'errors.noticesUntrusted', { ...params, reason });
  }
}
