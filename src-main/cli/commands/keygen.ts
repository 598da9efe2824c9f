// `minsheng keygen`: creates a signing key pair, Ed25519 or SM2. The publisher's pair signs
// bundles, and its public key goes into each kiosk's trust configuration. --name gives other
// pairs, such as root keys, their own file names.
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyPair, keyIdOfPublicKey } from '../../core/crypto/keys.js';
import { SIGNATURE_ALGORITHMS } from '../../core/crypto/key-types.js';
import type { SignatureAlgorithm } from '../../core/crypto/key-types.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, parseOptions, requireOption } from '../command.js';
import { makeFolder } from '../../core/make-folder.js';

export const DEFAULT_KEY_NAME = 'publisher';
export const PRIVATE_KEY_FILE = `${DEFAULT_KEY_NAME}.key`;
export const PUBLIC_KEY_FILE = `${DEFAULT_KEY_NAME}.pub`;

// A plain file name: no path separators, no leading dot or hyphen, short enough for any file system.
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const ALGORITHM_NAMES: Record<SignatureAlgorithm, string> = { ed25519: 'Ed25519', sm2: 'SM2' };

function algorithmOption(value: string | undefined, context: CommandContext): SignatureAlgorithm {
  if (value === undefined) return 'ed25519';
  const algorithm = SIGNATURE_ALGORITHMS.find((choice) => choice === value);
  if (algorithm === undefined) {
    throw new UsageError(
      context.t('publish:keygen.algInvalid', { value, choices: SIGNATURE_ALGORITHMS.join(', ') }),
    );
  }
  return algorithm;
}

function nameOption(value: string | undefined, context: CommandContext): string {
  if (value === undefined) return DEFAULT_KEY_NAME;
  if (!KEY_NAME.test(value)) throw new UsageError(context.t('publish:keygen.nameInvalid', { value }));
  return value;
}

const keygen: Command = {
  summaryKey: 'publish:keygen.summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      out: { type: 'string' },
      alg: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('publish:keygen.usage')}\n`);
      return 0;
    }

    const outDir = requireOption(values, 'out', context);
    const algorithm = algorithmOption(values.alg, context);
    const name = nameOption(values.name, context);
    const privateKeyPath = path.join(outDir, `${name}.key`);
    const publicKeyPath = path.join(outDir, `${name}.pub`);

    // Both files are checked before either is written, so a refusal leaves the folder as it was.
    if (!values.force) {
      const existing = [privateKeyPath, publicKeyPath].find((file) => existsSync(file));
      if (existing !== undefined) {
        context.stderr.write(`${context.t('publish:keygen.exists', { file: existing })}\n`);
        return 1;
      }
    }

    const pair = generateKeyPair(algorithm);
    let target = privateKeyPath;
    try {
      await makeFolder(outDir);
      await writeFile(privateKeyPath, pair.privateKeyPem, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
      // The mode given to writeFile applies only to a new file and passes through the umask.
      await chmod(privateKeyPath, 0o600);
      target = publicKeyPath;
      await writeFile(publicKeyPath, pair.publicKeyPem, { mode: 0o644, flag: values.force ? 'w' : 'wx' });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      context.stderr.write(`${context.t('publish:keygen.writeFailed', { file: target, reason })}\n`);
      return 1;
    }

    const keyId = keyIdOfPublicKey(pair.publicKeyPem);
    const written = context.t('publish:keygen.written', {
      privateKey: privateKeyPath,
      publicKey: publicKeyPath,
      keyId,
      algorithm: ALGORITHM_NAMES[algorithm],
    });
    context.stdout.write(`${written}\n`);
    return 0;
  },
};

export default keygen;
