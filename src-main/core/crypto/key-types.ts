// The algorithm-neutral shape of signing keys. Ed25519 goes through Node's crypto (present in
// Electron's BoringSSL too); SM2 goes through a pure-JavaScript implementation, because
// BoringSSL has no SM3 and Node cannot make standard SM2 signatures.
export const SIGNATURE_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export interface PublicKey {
  algorithm: SignatureAlgorithm;
  /** Hex SHA-256 of the DER SubjectPublicKeyInfo; the same rule for both algorithms. */
  keyId: string;
  /** SPKI PEM, as OpenSSL writes it. */
  pem: string;
  /** Returns false, never throws, for a malformed or wrong signature. */
  verify(message: Buffer, signatureBase64: string): boolean;
}

export interface PrivateKey {
  algorithm: SignatureAlgorithm;
  publicKey: PublicKey;
  /** Base64 signature: raw 64 bytes for Ed25519, DER (r, s) for SM2 with SM3 and the default ID. */
  sign(message: Buffer): string;
}

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}
