// Reading the commission's key files for `minsheng receive` and `minsheng reports export`, and
// writing a new pair for `minsheng reports keygen`.
import { chmod, open, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KeyError } from '../../core/crypto/key-error.js';
import { makeFolder } from '../../core/make-folder.js';
import { generateRecipientKeyPair, parseRecipientKeyPem, parseRecipientPrivateKeyPem } from '../../core/reports/seal-keys.js';
import type { RecipientKey, RecipientPrivateKey, SealAlgorithm } from '../../core/reports/seal-keys.js';

export const COMMISSION_PUBLIC_KEY_FILE = 'commission.pub.pem';
export const COMMISSION_PRIVATE_KEY_FILE = 'commission.key.pem';

// A PEM key of either algorithm is under 1 KB. The bound stops --commission-key /dev/zero or a
// mistyped large file from being read into memory whole.
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * A key file that could not be read or parsed; `reason` is the system error code or the parser's
 * message. `unsupported` is a valid key of an algorithm that cannot receive reports.
 */
export class KeyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: 'unreadable' | 'invalid' | 'unsupported',
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'KeyFileError';
  }
}

async function readKeyText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
      let length = 0;
      // A device or pipe may return fewer bytes per read than asked, so read until the end or the bound.
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > MAX_KEY_FILE_BYTES) break;
      }
      bytes = buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new KeyFileError(file, 'unreadable', (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new KeyFileError(file, 'invalid', `the file is larger than ${MAX_KEY_FILE_BYTES} bytes, which no PEM key is`);
  return bytes.toString('utf8');
}

function parseKey<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    if (error.code !== 'unsupported') throw new KeyFileError(file, 'invalid', error.message);
    // The generic key parsers name the algorithms they take for signing; the message template names X25519 and SM2.
    throw new KeyFileError(file, 'unsupported', error.message.replace(/; expected .*$/, ''));
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
