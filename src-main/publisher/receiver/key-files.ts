// Reading the commission's key files for `minsheng receive` and `minsheng reports export`, and
// writing a new pair for `minsheng reports keygen`.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KeyError } from '../../core/crypto/key-error.js';
import { makeFolder } from '../../core/make-folder.js';
import { generateRecipientKeyPair, parseRecipientKeyPem, parseRecipientPrivateKeyPem } from '../../core/reports/seal-keys.js';
import type { RecipientKey, RecipientPrivateKey, SealAlgorithm } from '../../core/reports/seal-keys.js';

export const COMMISSION_PUBLIC_KEY_FILE = 'commission.pub.pem';
export const COMMISSION_PRIVATE_KEY_FILE = 'commission.key.pem';

/** A key file that could not be read or parsed; `reason` is the system error code or the parser's message. */
export class KeyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: 'unreadable' | 'invalid',
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'KeyFileError';
  }
}

async function readKeyText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new KeyFileError(file, 'unreadable', (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

function parseKey<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    throw new KeyFileError(file, 'invalid', error.message);
  }
}

export async function readCommissionPublicKey(file: string): Promise<RecipientKey> {
  const pem = await readKeyText(file);
  return parseKey(file, () => parseRecipientKeyPem(pem));
}

export async function readCommissionPrivateKey(file: string): Promise<RecipientPrivateKey> {
  const pem = await readKeyText(file);
  return parseKey(file, () => parseRecipientPrivateKeyPem(pem));
}

/** Thrown by writeCommissionKeyPair when either file exists; nothing was written. */
export class KeyFileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
    this.name = 'KeyFileExistsError';
  }
}

/**
 * Writes commission.key.pem (mode 0600) and commission.pub.pem into `dir`. Never overwrites:
 * losing the private key would make every report sealed for it unreadable.
 */
export async function writeCommissionKeyPair(
  dir: string,
  algorithm: SealAlgorithm,
): Promise<{ privateKeyFile: string; publicKeyFile: string; key: RecipientKey }> {
  const privateKeyFile = path.join(dir, COMMISSION_PRIVATE_KEY_FILE);
  const publicKeyFile = path.join(dir, COMMISSION_PUBLIC_KEY_FILE);
  const existing = [privateKeyFile, publicKeyFile].find((file) => existsSync(file));
  if (existing !== undefined) throw new KeyFileExistsError(existing);

  const pair = generateRecipientKeyPair(algorithm);
  await makeFolder(dir);

  // The 'wx' flag fails if another process created the file since the check above.
  await writeFile(privateKeyFile, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  // The mode given to writeFile passes through the umask.
  await chmod(privateKeyFile, 0o600);
  await writeFile(publicKeyFile, pair.publicKeyPem, { mode: 0o644, flag: 'wx' });

  return { privateKeyFile, publicKeyFile, key: parseRecipientKeyPem(pair.publicKeyPem) };
}
