// Parsed keys of a root document. An entry is left out when its key ID is not the digest of its
// own public key, or when its algorithm label differs from the key. Such an entry then meets no
// threshold, which is safer than trusting whichever of the two the signer meant.
import { keyIdOfPublicKey, parsePublicKeyPem } from '../crypto/keys.js';
import type { PublicKey } from '../crypto/key-types.js';
import type { SignedRoot } from './root-schema.js';

export function rootKeyMap(signed: SignedRoot): Map<string, PublicKey> {
  const keys = new Map<string, PublicKey>();
  for (const [keyId, entry] of Object.entries(signed.keys)) {
    try {
      const key = parsePublicKeyPem(entry.publicKeyPem);
      if (key.algorithm === entry.algorithm && keyIdOfPublicKey(entry.publicKeyPem) === keyId) keys.set(keyId, key);
    } catch {
      // An unparsable key verifies nothing.
    }
  }
  return keys;
}
