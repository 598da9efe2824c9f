// The cryptographic costs of one sync, measured per algorithm: verifying the manifest's
// signature (Ed25519 vs SM2), hashing the payload (SHA-256 vs SM3) and the content digest of an
// installed snapshot. An SM2 deployment uses SM2 and SM3 throughout, and an Ed25519 one SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashBytes } from '../src-main/core/crypto/hash.js';
import type { HashAlgorithm } from '../src-main/core/crypto/hash-types.js';
import { generateKeyPair, parsePrivateKeyPem, parsePublicKeyPem } from '../src-main/core/crypto/keys.js';
import type { SignatureAlgorithm } from '../src-main/core/crypto/key-types.js';
import { contentDigest } from '../src-main/core/snapshot/content-digest.js';
import type { SignedManifest } from '../src-main/core/snapshot/manifest.js';
import { openSnapshot } from '../src-main/core/store.js';
import { checkSignatures } from '../src-main/core/sync/verify.js';
import { signManifest } from '../src-main/publisher/signing.js';
import { percentile, timeSync } from './timing.js';

export interface VerificationTimes {
  algorithm: SignatureAlgorithm;
  /** The first verification with a freshly parsed key, which for SM2 also builds its tables. */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  iterations: number;
}

/**
 * Re-signs `signed` with a new key of each algorithm and times checkSignatures, the kiosk's
 * check of a manifest: canonical JSON of the signed part, then one signature verification.
 * Throws if a signature does not verify.
 */
export function timeManifestVerification(signed: SignedManifest, iterations: number): VerificationTimes[] {
  const algorithms: SignatureAlgorithm[] = ['ed25519', 'sm2'];
  return algorithms.map((algorithm) => {
    const pair = generateKeyPair(algorithm);
    const privateKey = parsePrivateKeyPem(pair.privateKeyPem);
    const publicKey = parsePublicKeyPem(pair.publicKeyPem);
    const keyId = publicKey.keyId;

    // The hash algorithm field follows the key, as publish sets it. The digests stay as they are
    // because only the signature is checked here.
    const hashAlgorithm: HashAlgorithm = algorithm === 'sm2' ? 'sm3' : 'sha256';
    const signingKey = { file: `generated ${algorithm} key`, keyId, algorithm, privateKey };
    const manifest = signManifest({ ...signed, hashAlgorithm }, [signingKey]);
    const signers = { keys: new Map([[keyId, publicKey]]), role: { keyIds: [keyId], threshold: 1 } };

    const first = timeSync(() => checkSignatures(manifest, signers));
    const times = Array.from({ length: iterations }, () => timeSync(() => checkSignatures(manifest, signers)).ms);
    return { algorithm, firstMs: first.ms, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), iterations };
  });
}

export interface HashThroughput {
  label: string;
  megabytesPerSecond: number;
}

// Each hash runs this many times over the same bytes, and the median run is reported.
const HASH_RUNS = 3;

/**
 * Reads `file` into memory, then hashes it with SHA-256 and the project's SM3 (the ones a kiosk
 * uses), and with Node's OpenSSL SM3 for comparison, which Electron's BoringSSL lacks.
 */
export function timeHashThroughput(file: string): HashThroughput[] {
  const bytes = readFileSync(file);
  const hashes: [string, () => unknown][] = [
    ['SHA-256 (node:crypto)', () => hashBytes('sha256', bytes)],
    ['SM3 (sm3.ts, used by the kiosk)', () => hashBytes('sm3', bytes)],
    ['SM3 (node:crypto, not in Electron)', () => createHash('sm3').update(bytes).digest()],
  ];

  return hashes.map(([label, run]) => {
    const times = Array.from({ length: HASH_RUNS }, () => timeSync(run).ms);
    const medianMs = percentile(times, 50);
    return { label, megabytesPerSecond: bytes.length / 1e6 / (medianMs / 1000) };
  });
}

/** Times the content digest of a snapshot file with each hash algorithm, once each. */
export function timeContentDigest(dbFile: string): { algorithm: HashAlgorithm; ms: number }[] {
  const db = openSnapshot(dbFile);
  try {
    const algorithms: HashAlgorithm[] = ['sha256', 'sm3'];
    return algorithms.map((algorithm) => ({ algorithm, ms: timeSync(() => contentDigest(db, algorithm)).ms }));
  } finally {
    db.close();
  }
}
