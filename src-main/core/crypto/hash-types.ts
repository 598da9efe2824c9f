// Digest algorithms of signed metadata. A deployment that signs with SM2 hashes with SM3; one
// that signs with Ed25519 hashes with SHA-256. Both are computed without Node's OpenSSL for SM3.
export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export interface Hasher {
  update(data: Uint8Array): void;
  /** Lowercase hex; the hasher cannot be used afterwards. */
  digestHex(): string;
}
