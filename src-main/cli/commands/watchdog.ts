// `minsheng watchdog`: supervises the kiosk with the limits of the terminal config's watchdog
// section, logging to logs/watchdog.log and recording restarts in logs/incidents.jsonl of the
// data folder. Runs until SIGINT or SIGTERM, or until a technician exits the kiosk to the desktop.
import path from 'node:path';
import { ConfigError, loadTerminalConfig } from '../../core/config.js';
import type { LoadedConfig } from '../../core/config.js';
import { appendIncident } from '../../core/incidents.js';
import pino from 'pino';
import { createLogger, forwardLogLines } from '../../core/log.js';
import { findPackageRoot } from '../../core/package-info.js';
import { isEmptyWindow } from '../../watchdog/daily-window.js';
import type { WatchdogPolicy } from '../../watchdog/decide.js';
import { electronKioskCommand } from '../../watchdog/kiosk-command.js';
import { openLogFile } from '../../watchdog/log-file.js';
import { startSupervisor } from '../../watchdog/supervisor.js';
import type { Supervisor } from '../../watchdog/supervisor.js';
import type { Command, CommandContext } from '../command.js';
import { integerOption, parseOptions, requireOption, UsageError } from '../command.js';

const DEFAULT_STOP_GRACE_SECONDS = 5;
// An estimate, not measured: Electron may need tens of seconds for its first window on a slow
// ARM terminal right after boot.
const MIN_START_GRACE_SECONDS = 60;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const STABLE_RUN_MS = 10 * 60_000;
// The supervisor checks the kiosk every 500 ms, so a check 2 s late means the supervisor was stopped.
const STALL_MS = 2_000;

/** Builds the supervisor's policy from the config's watchdog section and the grace options, in seconds. */
export function policyOf(config: LoadedConfig['config'], startGraceSeconds: number | null, stopGraceSeconds: number): WatchdogPolicy {
  const { watchdog } = config;
  return {
    hangMs: watchdog.hangSeconds * 1000,
    startGraceMs: (startGraceSeconds ?? Math.max(MIN_START_GRACE_SECONDS, 2 * watchdog.hangSeconds)) * 1000,
    stopGraceMs: stopGraceSeconds * 1000,
    memoryLimitBytes: watchdog.memoryLimitMb * 1024 * 1024,
    dailyRestart: watchdog.dailyRestart ?? null,
    firstBackoffMs: FIRST_BACKOFF_MS,
    maxBackoffMs: MAX_BACKOFF_MS,
    stableRunMs: STABLE_RUN_MS,
    stallMs: STALL_MS,
  };
}

/** Splits the arguments at the first `--` into options and the kiosk command. */
function splitAtDoubleDash(argv: string[]): { options: string[]; command: string[] } {
  const index = argv.indexOf('--');
  return index === -1 ? { options: argv, command: [] } : { options: argv.slice(0, index), command: argv.slice(index + 1) };
}

function loadConfig(file: string, context: CommandContext): LoadedConfig | null {
  try {
    return loadTerminalConfig(file, context.t);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = [context.t('watchdog:configInvalid', { file }), error.message, ...error.problems.map((problem) => `  - ${problem}`)];
    context.stderr.write(`${lines.join('\n')}\n`);
    return null;
  }
}

/**
 * Resolves once supervision has ended; SIGINT, SIGTERM and SIGHUP stop the kiosk first. Unlike
 * waitForStopSignal it keeps its handlers until the end, so a second Ctrl+C cannot kill the
 * supervisor while the kiosk, in a process group of its own, is still stopping.
 */
async function superviseUntilDone(supervisor: Supervisor): Promise<number> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals) => supervisor.stop(signal);
  for (const signal of signals) process.on(signal, onSignal);
  try {
    return await supervisor.finished;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

const watchdog: Command = {
  summaryKey: 'watchdog:summary',

  async run(argv, context) {
    const split = splitAtDoubleDash(argv);
    const { values, positionals } = parseOptions(split.options, {
      config: { type: 'string' },
      'start-grace': { type: 'string' },
      'stop-grace': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('watchdog:help', { stopGrace: DEFAULT_STOP_GRACE_SECONDS })}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(context.t('watchdog:unexpectedArgument', { value: positionals[0] }));

    const configFile = path.resolve(requireOption(values, 'config', context));
    const startGrace = values['start-grace'] === undefined ? null : integerOption(values['start-grace'], 'start-grace', 0, context, 1);
    const stopGrace = integerOption(values['stop-grace'], 'stop-grace', DEFAULT_STOP_GRACE_SECONDS, context, 1);
    const loaded = loadConfig(configFile, context);
    if (loaded === null) return 1;

    const window = loaded.config.watchdog.dailyRestart;
    if (window !== undefined && isEmptyWindow(window)) context.stderr.write(`${context.t('watchdog:emptyWindow', window)}\n`);

    const kiosk =
      split.command.length > 0
        ? { ok: true as const, command: split.command[0]!, args: split.command.slice(1), env: process.env }
        : electronKioskCommand(configFile, findPackageRoot(import.meta.url), process);
    if (!kiosk.ok) {
      const cli = `${process.execPath} ${process.argv[1] ?? 'minsheng'}`;
      const example = `${cli} watchdog --config ${configFile} -- ${cli} serve --config ${configFile}`;
      context.stderr.write(`${context.t('watchdog:noKioskCommand', { reason: kiosk.reason, example })}\n`);
      return 1;
    }

    // A long-running service logs JSON lines to the data folder, from info up unless
    // MINSHENG_LOG_LEVEL sets another level. A log file that cannot be written (read-only or full
    // disk) must not end the supervision: its lines go to stderr instead.
    const logFile = path.join(loaded.dataDir, 'logs', 'watchdog.log');
    const minimumLevel = pino.levels.values[process.env.MINSHENG_LOG_LEVEL ?? 'info'] ?? pino.levels.values.info!;
    const logWriter = openLogFile(logFile, {
      fallback: context.stderr,
      onChange: (change) => {
        const message = change.ok
          ? context.t('watchdog:logFileResumed', { file: change.file })
          : context.t('watchdog:logFileFailed', { file: change.file, code: change.code, folder: loaded.dataDir });
        context.stderr.write(`${message}\n`);
      },
    });
    forwardLogLines((line) => {
      if (Number(/"level":(\d+)/.exec(line)?.[1] ?? 60) >= minimumLevel) logWriter.write(line);
    });
    const log = createLogger('watchdog');

    let supervisor: Supervisor;
    try {
      supervisor = await startSupervisor({
        command: kiosk.command,
        args: kiosk.args,
        env: kiosk.env,
        policy: policyOf(loaded.config, startGrace, stopGrace),
        memorySampleMs: loaded.config.watchdog.heartbeatSeconds * 1000,
        log,
        recordIncident: (kind, detail, at) => {
          context.stderr.write(`${context.t('watchdog:incident', { kind, detail })}\n`);
          return appendIncident(loaded.dataDir, kind, detail, at);
        },
      });
    } catch (error) {
      log.error({ err: error }, 'watchdog socket failed');
      context.stderr.write(`${context.t('watchdog:socketFailed', { reason: (error as Error).message })}\n`);
      return 1;
    }

    context.stdout.write(`${context.t('watchdog:started', { command: [kiosk.command, ...kiosk.args].join(' '), log: logFile })}\n`);
    const code = await superviseUntilDone(supervisor);
    if (code !== 0) context.stderr.write(`${context.t('watchdog:kioskNotStartable', { command: kiosk.command })}\n`);
    context.stdout.write(`${context.t('watchdog:stopped')}\n`);
    return code;
  },
};

export default watchdog;
