// `minsheng receive`: the county's receiver of sealed reports from kiosks. It holds only the
// commission's public key and stores envelopes without opening them. Runs until SIGINT or SIGTERM.
import path from 'node:path';
import { KeyFileError, readCommissionPublicKey } from '../../publisher/receiver/key-files.js';
import { DEFAULT_RECEIVER_PATH, DEFAULT_RECEIVER_PORT, startReceiver } from '../../publisher/receiver/server.js';
import type { RunningReceiver } from '../../publisher/receiver/server.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, integerOption, parseOptions, requireOption } from '../command.js';

const MAX_PORT = 65_535;
const UPLOAD_PATH = /^\/[A-Za-z0-9._~\-/]*$/;

/** Resolves when the process receives SIGINT or SIGTERM. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export function keyFileMessage(error: KeyFileError, context: CommandContext): string {
  return context.t(`receiver:key.${error.problem}`, { file: error.file, reason: error.reason });
}

const receive: Command = {
  summaryKey: 'receiver:receive.summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      db: { type: 'string' },
      'commission-key': { type: 'string' },
      listen: { type: 'string' },
      port: { type: 'string' },
      path: { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('receiver:receive.help', { defaultPort: DEFAULT_RECEIVER_PORT, defaultPath: DEFAULT_RECEIVER_PATH })}\n`);
      return 0;
    }

    const dbFile = path.resolve(requireOption(values, 'db', context));
    const keyFile = requireOption(values, 'commission-key', context);
    const port = integerOption(values.port, 'port', DEFAULT_RECEIVER_PORT, context);
    if (port > MAX_PORT) throw new UsageError(context.t('receiver:receive.invalidPort', { value: values.port, max: MAX_PORT }));
    const uploadPath = values.path ?? DEFAULT_RECEIVER_PATH;
    if (!UPLOAD_PATH.test(uploadPath)) throw new UsageError(context.t('receiver:receive.invalidPath', { value: uploadPath }));
    const host = values.listen ?? '127.0.0.1';

    let commissionKey;
    try {
      commissionKey = await readCommissionPublicKey(keyFile);
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
      context.stderr.write(`${keyFileMessage(error, context)}\n`);
      return 1;
    }

    // Listen for signals before starting, so a stop request during start-up is not lost.
    const stopSignal = waitForStopSignal();
    let receiver: RunningReceiver;
    try {
      receiver = await startReceiver({ dbFile, commissionKey, host, port, path: uploadPath, trustProxy: values['trust-proxy'] ?? false });
    } catch (error) {
      const reason = ((error as NodeJS.ErrnoException).code ?? (error as Error).message).replace(/\.+$/, '');
      const isListenError = (error as NodeJS.ErrnoException).syscall === 'listen';
      const key = isListenError ? 'receiver:receive.listenFailed' : 'receiver:receive.dbFailed';
      context.stderr.write(`${context.t(key, { host, port, file: dbFile, reason })}\n`);
      return 1;
    }

    context.stdout.write(
      [
        context.t('receiver:receive.running', { url: receiver.url, file: dbFile }),
        context.t('receiver:receive.keyInUse', { algorithm: commissionKey.algorithm, keyId: commissionKey.keyId.toString('hex') }),
        context.t('receiver:receive.stopHint'),
        '',
      ].join('\n'),
    );

    await stopSignal;
    await receiver.close();
    context.stdout.write(`${context.t('receiver:receive.stopped')}\n`);
    return 0;
  },
};

export default receive;
