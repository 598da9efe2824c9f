// Trust anchor that a technician provisions on a terminal, in one of three forms:
// - Publisher keys: a PEM file of one or more Ed25519 or SM2 public keys. Any one of them may
//   sign this terminal's manifests, and no root metadata is used. This form is for terminals
//   provisioned before roots existed, and for small deployments.
// - A root metadata file (`N.root.json`). It is trusted as provisioned once a threshold of its
//   own root keys has signed it. Later roots are fetched and checked in sequence.
// - Root keys and a threshold from the terminal config. Root version 1 must be signed by that
//   many of them, and the chain continues from there.
import { readFileSync } from 'node:fs';
import { parsePublicKeyPem, splitPemBlocks } from '../crypto/keys.js';
import type { PublicKey } from '../crypto/key-types.js';
import type { TrustSetting } from '../config.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { MAX_ROOT_BYTES } from './root-schema.js';
import { parseRootBytes } from './root-chain.js';
import { BundleRejection } from '../sync/rejection.js';
import type { RootMetadata } from './root-schema.js';
import { isSelfSigned } from './root-rules.js';

export type TrustAnchor =
  | { kind: 'publisher-keys'; keys: PublicKey[] }
  | { kind: 'root'; root: RootMetadata }
  | { kind: 'root-keys'; keys: PublicKey[]; threshold: number };

export type TrustErrorKind = 'unreadable' | 'private-key' | 'no-key' | 'bad-key' | 'bad-root' | 'unsigned-root' | 'bad-threshold';

/** Error for a trust file or setting that cannot be used as an anchor. `reason` explains why, in English, for the log. */
export class TrustError extends Error {
  constructor(
    readonly file: string,
    readonly kind: TrustErrorKind,
    readonly reason: string,
  ) {
    super(`cannot load trust from ${file}: ${reason}`);
    this.name = 'TrustError';
  }
}

/** Parses every public key block of a PEM text. A private key block rejects the whole file. */
export function parsePublicKeys(text: string, file: string): PublicKey[] {
  // A signing key on a terminal could sign bundles for every terminal. The reason names only
  // the kind of block, because the key itself must never reach a log or screen.
  const blocks = splitPemBlocks(text);
  if (blocks.some((block) => /PRIVATE KEY/.test(block.label))) {
    throw new TrustError(file, 'private-key', 'the file contains a private key, not a public key');
  }
  const publicBlocks = blocks.filter((block) => block.label === 'PUBLIC KEY');
  if (publicBlocks.length === 0) throw new TrustError(file, 'no-key', 'no "BEGIN PUBLIC KEY" block found');

  return publicBlocks.map((block, index) => {
    try {
      return parsePublicKeyPem(block.pem);
    } catch (error) {
      throw new TrustError(file, 'bad-key', `key ${index + 1}: ${(error as Error).message}`);
    }
  });
}

/** Explains a trust anchor that cannot be loaded, in the language of `t`. */
export function describeTrustError(error: TrustError, t: Translate): string {
  return error.kind === 'private-key'
    ? t('sync:trustIsPrivateKey', { file: error.file })
    : t('sync:trustInvalid', { file: error.file, reason: error.reason });
}

function parseRoot(text: string, file: string): RootMetadata {
  if (text.length > MAX_ROOT_BYTES) throw new TrustError(file, 'bad-root', `larger than ${MAX_ROOT_BYTES} bytes`);
  let root: RootMetadata;
  try {
    root = parseRootBytes(Buffer.from(text, 'utf8'), file);
  } catch (error) {
    if (!(error instanceof BundleRejection)) throw error;
    throw new TrustError(file, 'bad-root', String(error.details.problem));
  }
  if (!isSelfSigned(root)) {
    throw new TrustError(file, 'unsigned-root', `root version ${root.signed.version} lacks the threshold of its own root keys`);
  }
  return root;
}

/** Parses the text of a trust file: root metadata (JSON) or publisher public keys (PEM). */
export function parseTrustText(text: string, file: string): TrustAnchor {
  if (/^\s*\{/.test(text)) return { kind: 'root', root: parseRoot(text, file) };
  return { kind: 'publisher-keys', keys: parsePublicKeys(text, file) };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new TrustError(file, 'unreadable', (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

export function loadTrustFile(file: string): TrustAnchor {
  return parseTrustText(readText(file), file);
}

/**
 * Loads root keys from PEM files (one or more keys each) with `threshold`, the number of them that
 * must sign root version 1.
 */
export function loadRootKeys(files: string[], threshold: number): TrustAnchor {
  const keys = new Map<string, PublicKey>();
  for (const file of files) for (const key of parsePublicKeys(readText(file), file)) keys.set(key.keyId, key);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > keys.size) {
    throw new TrustError(files.join(', '), 'bad-threshold', `threshold ${threshold} needs 1 to ${keys.size} distinct root keys`);
  }
  return { kind: 'root-keys', keys: [...keys.values()], threshold };
}

/** Loads the anchor a terminal config names. The kiosk's periodic sync calls it on every pass, so a replaced file takes effect. */
export function loadTrustSetting(setting: TrustSetting): TrustAnchor {
  return setting.kind === 'file' ? loadTrustFile(setting.file) : loadRootKeys(setting.files, setting.threshold);
}
