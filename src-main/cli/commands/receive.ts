// `minsheng receive`: the county's receiver of sealed reports and fleet heartbeats from kiosks.
// It holds only the commission's public key and stores envelopes without opening them. Runs until
// SIGINT or SIGTERM.
import { isIP } from 'node:net';
import path from 'node:path';
import { KeyFileError, readCommissionPublicKey } from '../../publisher/receiver/key-files.js';
import { DEFAULT_HEARTBEAT_PATH, DEFAULT_MAX_CONNECTIONS, DEFAULT_RECEIVER_PATH, DEFAULT_RECEIVER_PORT, DEFAULT_UPLOADS_PER_MINUTE, startReceiver } from '../../publisher/receiver/server.js';
import { DatabaseDamagedError, NotReceiverDatabaseError } from '../../publisher/receiver/store-checks.js';
import type { RunningReceiver } from '../../publisher/receiver/server.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, integerOption, parseOptions, requireOption } from '../command.js';
import { waitForStopSignal } from '../stop-signal.js';

const MAX_PORT = 65_535;
// Segments of letters, digits and . _ ~ -, none of them "." or "..", without an empty segment or a
// trailing slash: URL parsers rewrite the others, so a kiosk given the printed URL would miss.
const UPLOAD_PATH = /^(\/(?!\.\.?(\/|$))[A-Za-z0-9._~-]+)+$/;

/** Message of an SQLite or system error: its code and its own words, as "SQLITE_ERROR: no such column: x". */
export function errorReason(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = String(message ?? error).replace(/\.+$/, '');
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

export function keyFileMessage(error: KeyFileError, context: CommandContext): string {
  return context.t(`receiver:key.${error.problem}`, { file: error.file, reason: error.reason });
}

function startFailureMessage(error: unknown, where: { host: string; port: number; file: string }, context: CommandContext): string {
  if (error instanceof NotReceiverDatabaseError) return context.t('receiver:receive.notReceiverDatabase', { file: error.file, detail: error.detail });
  if (error instanceof DatabaseDamagedError) return context.t('receiver:receive.damaged', { file: error.file, detail: error.detail });

  const syscall = (error as NodeJS.ErrnoException).syscall;
  const isListenError = syscall === 'listen' || syscall === 'bind';
  const key = isListenError ? 'receiver:receive.listenFailed' : 'receiver:receive.dbFailed';
  return context.t(key, { ...where, reason: errorReason(error) });
}

const receive: Command = {
  summaryKey: 'receiver:receive.summary',

  async run(argv, context) {
    const { values, positionals } = parseOptions(argv, {
      db: { type: 'string' },
      'commission-key': { type: 'string', multiple: true },
      listen: { type: 'string' },
      port: { type: 'string' },
      path: { type: 'string' },
      'heartbeat-path': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'max-connections': { type: 'string' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      const defaults = { defaultPort: DEFAULT_RECEIVER_PORT, defaultPath: DEFAULT_RECEIVER_PATH, defaultHeartbeatPath: DEFAULT_HEARTBEAT_PATH, defaultMaxConnections: DEFAULT_MAX_CONNECTIONS, defaultRateLimit: DEFAULT_UPLOADS_PER_MINUTE };
      context.stdout.write(`${context.t('receiver:receive.help', defaults)}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(context.t('receiver:receive.unexpectedArgument', { value: positionals[0] }));

    const dbFile = path.resolve(requireOption(values, 'db', context));
    // The first key is the current one. Later ones are previous keys, accepted for reports that
    // waited in kiosk outboxes across a key change, because a kiosk cannot seal them again.
    // Without any key the receiver takes heartbeats only.
    const keyFiles = values['commission-key'] ?? [];
    const port = integerOption(values.port, 'port', DEFAULT_RECEIVER_PORT, context);
    if (port > MAX_PORT) throw new UsageError(context.t('receiver:receive.invalidPort', { value: values.port, max: MAX_PORT }));
    const uploadPath = values.path ?? DEFAULT_RECEIVER_PATH;
    if (!UPLOAD_PATH.test(uploadPath)) throw new UsageError(context.t('receiver:receive.invalidPath', { value: uploadPath }));
    const heartbeatPath = values['heartbeat-path'] ?? DEFAULT_HEARTBEAT_PATH;
    if (!UPLOAD_PATH.test(heartbeatPath)) throw new UsageError(context.t('receiver:receive.invalidHeartbeatPath', { value: heartbeatPath }));
    if (heartbeatPath === uploadPath) throw new UsageError(context.t('receiver:receive.samePaths', { value: heartbeatPath }));
    const host = values.listen ?? '127.0.0.1';
    // Only literal addresses, so a typo is named here instead of surfacing as a DNS failure.
    if (isIP(host) === 0) throw new UsageError(context.t('receiver:receive.invalidListen', { value: host }));
    const maxConnections = integerOption(values['max-connections'], 'max-connections', DEFAULT_MAX_CONNECTIONS, context, 1);
    const uploadsPerMinute = integerOption(values['rate-limit'], 'rate-limit', DEFAULT_UPLOADS_PER_MINUTE, context, 1);

    const commissionKeys = [];
    try {
      for (const keyFile of keyFiles) commissionKeys.push(await readCommissionPublicKey(keyFile));
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
      context.stderr.write(`${keyFileMessage(error, context)}\n`);
      return 1;
    }

    const [commissionKey, ...previousCommissionKeys] = commissionKeys;

    // Listen for signals before starting, so a stop request during start-up is not lost.
    const stopSignal = waitForStopSignal();
    let receiver: RunningReceiver;
    try {
      receiver = await startReceiver({ dbFile, commissionKey, previousCommissionKeys, host, port, path: uploadPath, heartbeatPath, trustProxy: values['trust-proxy'] ?? false, maxConnections, uploadsPerMinute });
    } catch (error) {
      context.stderr.write(`${startFailureMessage(error, { host, port, file: dbFile }, context)}\n`);
      return 1;
    }

    context.stdout.write(
      [
        ...(commissionKey === undefined
          ? [context.t('receiver:receive.heartbeatsOnly', { url: receiver.heartbeatUrl, file: dbFile, reportsUrl: receiver.url })]
          : [
              context.t('receiver:receive.running', { url: receiver.url, file: dbFile }),
              context.t('receiver:receive.heartbeatsAt', { url: receiver.heartbeatUrl }),
              context.t('receiver:receive.keyInUse', { algorithm: commissionKey.algorithm, keyId: commissionKey.keyId.toString('hex') }),
            ]),
        ...previousCommissionKeys.map((key) => context.t('receiver:receive.previousKeyInUse', { algorithm: key.algorithm, keyId: key.keyId.toString('hex') })),
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
