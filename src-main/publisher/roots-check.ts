// Pre-publish check of the root chain a bundle carries, with the rules a terminal applies
// (root-rules.ts). A chain that terminals would reject blocks every terminal of the county, so
// publish stops instead.
import { checkRootUpdate, isSelfSigned } from '../core/trust/root-rules.js';
import { RootMetadataSchema } from '../core/trust/root-schema.js';
import type { RootMetadata } from '../core/trust/root-schema.js';
import { PublishError } from './publish-error.js';
import type { RootChain } from './roots-copy.js';

function parseRootFile(file: { name: string; bytes: Buffer }): RootMetadata {
  return RootMetadataSchema.parse(JSON.parse(file.bytes.toString('utf8')));
}

/**
 * Throws PublishError unless every root version is signed as a terminal requires, the newest has
 * not expired, and the newest root lets the publishing keys sign for the county.
 */
export function checkRootChainForPublish(chain: RootChain, county: string, keyIds: string[], now: Date): void {
  let previous: RootMetadata | null = null;
  for (const file of chain.files) {
    const root = parseRootFile(file);
    const path = `${chain.dir}/${file.name}`;
    if (previous === null) {
      if (!isSelfSigned(root)) throw new PublishError('rootUnsigned', { file: path, threshold: root.signed.root.threshold });
    } else {
      const check = checkRootUpdate({ kind: 'root', signed: previous.signed }, root);
      if (!check.ok) {
        let reason: string;
        if (check.reason === 'root-sequence') {
          reason = `version ${check.actual} follows ${check.expected - 1}`;
        } else {
          const signer = check.signer === 'previous' ? 'previous' : 'own';
          reason = `${check.valid} of ${check.threshold} ${signer} root signatures`;
        }
        throw new PublishError('rootUnsigned', { file: path, threshold: reason });
      }
    }
    previous = root;
  }

  const newest = previous!;
  const newestPath = `${chain.dir}/${chain.files.at(-1)!.name}`;
  if (Date.parse(newest.signed.expiresAt) <= now.getTime()) {
    throw new PublishError('rootExpired', { file: newestPath, expiresAt: newest.signed.expiresAt });
  }
  const role = newest.signed.publishers[county];
  if (role === undefined) throw new PublishError('rootNoCounty', { file: newestPath, county });
  const matched = keyIds.filter((keyId) => role.keyIds.includes(keyId)).length;
  if (matched < role.threshold) {
    throw new PublishError('rootKeysNotPublishers', { file: newestPath, county, matched, threshold: role.threshold });
  }
}
