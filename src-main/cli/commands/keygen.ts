// `minsheng keygen`: creates the publisher's Ed25519 key pair. The private key signs bundles;
// the public key goes into each kiosk's trust configuration.
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateEd25519KeyPair, keyIdOf } from '../../core/crypto/ed25519.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../command.js';
import { makeFolder } from '../../core/make-folder.js';

export const PRIVATE_KEY_FILE = 'publisher.key';
export const PUBLIC_KEY_FILE = 'publisher.pub';

const keygen: Command = {
  summaryKey: 'publish:keygen.summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      out: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('publish:keygen.usage')}\n`);
      return 0;
    }

    const outDir = requireOption(values, 'out', context);
    const privateKeyPath = path.join(outDir, PRIVATE_KEY_FILE);
    const publicKeyPath = path.join(outDir, PUBLIC_KEY_FILE);

    // Both files are checked before either is written, so a refusal leaves the folder as it was.
    if (!values.force) {
      const existing = [privateKeyPath, publicKeyPath].find((file) => existsSync(file));
      if (existing !== undefined) {
        context.stderr.write(`${context.t('publish:keygen.exists', { file: existing })}\n`);
        return 1;
      }
    }

    const pair = generateEd25519KeyPair();
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

    const keyId = keyIdOf(createPublicKey(pair.publicKeyPem));
    context.stdout.write(
      `${context.t('publish:keygen.written', { privateKey: privateKeyPath, publicKey: publicKeyPath, keyId })}\n`,
    );
    return 0;
  },
};

export default keygen;
