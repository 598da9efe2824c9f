// The keys a kiosk trusts to sign snapshots. Today that is a PEM file of one or more Ed25519
// publisher public keys, provisioned by a technician. Root keys that delegate to publisher keys
// will load here too, so sync only ever receives the resulting list of trusted keys.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { keyIdOf, parseEd25519PublicKey } from '../crypto/ed25519.js';

/** A trust file that is missing, unreadable or contains no usable Ed25519 public key. */
export class TrustError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** The kind of problem: 'private-key' when the file contains a private key instead of a public one. */
    readonly kind: 'invalid' | 'private-key' = 'invalid',
  ) {
    super(`cannot load trusted keys from ${file}: ${reason}`);
    this.name = 'TrustError';
  }
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** Parses every PEM public key block in text; throws naming the block that is not Ed25519. */
export function parseTrustedKeys(text: string, file: string): KeyObject[] {
  // A signing key on a terminal could sign bundles for every terminal, so a trust file that
  // contains one is rejected even when it also contains public keys. The reason names only the
  // kind of block: the key itself must never reach a log or screen.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new TrustError(file, 'the file contains a private key, not the publisher public key', 'private-key');
  }

  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new TrustError(file, 'no "BEGIN PUBLIC KEY" block found');
  }

  return blocks.map((block, index) => {
    try {
      return parseEd25519PublicKey(block);
    } catch (error) {
      throw new TrustError(file, `key ${index + 1}: ${(error as Error).message}`);
    }
  });
}

/** Reads the trust file of a terminal. */
export function loadTrustedKeys(file: string): KeyObject[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TrustError(file, (error as Error).message);
  }
  return parseTrustedKeys(text, file);
}

/** Maps key ID to key, the form signature checks need. */
export function indexKeys(keys: KeyObject[]): Map<string, KeyObject> {
  return new Map(keys.map((key) => [keyIdOf(key), key]));
}
