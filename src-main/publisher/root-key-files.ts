// Reading the PEM key files that `minsheng root` takes: public keys for init and rotate,
// private keys for sign. Either algorithm is accepted, and a file of the wrong kind is rejected
// by name, because handing over the private key where a public one belongs is an easy slip.
import { readFile } from 'node:fs/promises';
import { parsePrivateKeyPem, parsePublicKeyPem, splitPemBlocks } from '../core/crypto/keys.js';
import type { PrivateKey, PublicKey } from '../core/crypto/key-types.js';
import type { SignedRoot } from '../core/trust/root-schema.js';
import { RootToolError } from './root-error.js';

// No PEM key file is this large, so a bigger file is not a key.
const MAX_KEY_FILE_BYTES = 16 * 1024;
const KEY_ID_PATTERN = /^[0-9a-f]{64}$/;

async function readKeyText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RootToolError('keyFileMissing', { file });
    throw new RootToolError('keyFileUnreadable', { file, reason: code ?? String(error) });
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new RootToolError('keyFileNotPem', { file });
  return bytes.toString('utf8');
}

function pemLabels(file: string, text: string): string[] {
  let labels: string[];
  try {
    labels = splitPemBlocks(text).map((block) => block.label);
  } catch {
    // A BEGIN line without its END: the file was cut short or is not a key file.
    throw new RootToolError('keyFileNotPem', { file });
  }
  if (labels.length === 0) throw new RootToolError('keyFileNotPem', { file });
  return labels;
}

/** Reads a file containing exactly one public key (SPKI PEM, Ed25519 or SM2). */
export async function readPublicKeyFile(file: string): Promise<PublicKey> {
  const text = await readKeyText(file);
  const labels = pemLabels(file, text);

  if (labels.some((label) => label.includes('PRIVATE KEY'))) {
    throw new RootToolError('privateKeyGiven', { file });
  }
  if (labels.length !== 1 || labels[0] !== 'PUBLIC KEY') {
    throw new RootToolError('publicKeyExpected', { file, labels: labels.join(', ') });
  }

  try {
    return parsePublicKeyPem(text);
  } catch (error) {
    throw new RootToolError('publicKeyInvalid', { file, reason: (error as Error).message });
  }
}

/** Reads a file containing one unencrypted private key (PKCS#8 PEM, or SEC1 for SM2). */
export async function readPrivateKeyFile(file: string): Promise<PrivateKey> {
  const text = await readKeyText(file);
  const labels = pemLabels(file, text);

  if (labels.includes('ENCRYPTED PRIVATE KEY') || /Proc-Type:\s*4,ENCRYPTED/.test(text)) {
    throw new RootToolError('privateKeyEncrypted', { file });
  }
  const privateLabels = labels.filter((label) => label.endsWith('PRIVATE KEY'));
  if (privateLabels.length === 0 && labels.includes('PUBLIC KEY')) {
    throw new RootToolError('publicKeyGiven', { file });
  }
  if (privateLabels.length !== 1) {
    throw new RootToolError('privateKeyExpected', { file, labels: labels.join(', ') });
  }

  try {
    return parsePrivateKeyPem(text);
  } catch (error) {
    throw new RootToolError('privateKeyInvalid', { file, reason: (error as Error).message });
  }
}

/**
 * Resolves a key given on the command line as a key ID (64 hex digits) or as a public key
 * file, and checks that the root version lists it.
 */
export async function resolveKeyReference(reference: string, signed: SignedRoot): Promise<string> {
  const keyId = KEY_ID_PATTERN.test(reference) ? reference : (await readPublicKeyFile(reference)).keyId;
  if (!(keyId in signed.keys)) {
    throw new RootToolError('keyIdUnknown', { keyId, version: signed.version });
  }
  return keyId;
}
