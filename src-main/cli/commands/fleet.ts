// `minsheng fleet status`: the county's view of its terminals, from the fleet heartbeats that
// `minsheng receive` stored. Each terminal is marked with a word (stale, problems, ok), never by
// colour alone, and stale terminals come first.
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { localDate } from '../../publisher/receiver/export-rows.js';
import {
  DatabaseDamagedError,
  DatabaseMissingError,
  INCIDENT_WINDOW_DAYS,
  NotReceiverDatabaseError,
  STALE_AFTER_INTERVALS,
  readFleetStatus,
} from '../../publisher/receiver/fleet-status.js';
import type { FleetStatus, TerminalEntry } from '../../publisher/receiver/fleet-status.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError, parseOptions, requireOption } from '../command.js';
import { errorReason } from './receive.js';

type TerminalState = 'stale' | 'problems' | 'ok';

// Listing order: the terminals that need someone first.
const STATE_ORDER: Record<TerminalState, number> = { stale: 0, problems: 1, ok: 2 };

function stateOf(entry: TerminalEntry): TerminalState {
  if (entry.stale) return 'stale';
  return entry.hasProblems ? 'problems' : 'ok';
}

/** Formats an ISO date-time as local "YYYY-MM-DD HH:MM", or returns it unchanged when it is no date. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${localDate(date)} ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Says how long ago in the largest unit that keeps the number meaningful. */
function durationText(minutes: number, t: Translate): string {
  if (minutes < 120) return t('fleet:status.ago.minutes', { count: minutes });
  if (minutes < 48 * 60) return t('fleet:status.ago.hours', { count: Math.floor(minutes / 60) });
  return t('fleet:status.ago.days', { count: Math.floor(minutes / (24 * 60)) });
}

function terminalLines(entry: TerminalEntry, t: Translate): string[] {
  const { latest } = entry;
  const state = stateOf(entry);
  const lines = [
    t('fleet:status.title', { state: t(`fleet:status.state.${state}`), terminalId: entry.terminalId, name: latest.terminalName, region: latest.regionCode }),
    t('fleet:status.lastSeen', { at: localTime(entry.lastSeenAt), ago: durationText(entry.silentMinutes, t), interval: latest.intervalMinutes }),
    t('fleet:status.versions', {
      app: latest.versions.app,
      electron: latest.versions.electron ?? t('fleet:status.noElectron'),
      data: latest.versions.data ?? t('fleet:status.noData'),
    }),
    t('fleet:status.lastSync', {
      at: latest.lastSync.at === null ? t('fleet:status.never') : localTime(latest.lastSync.at),
      succeededAt: latest.lastSync.succeededAt === null ? t('fleet:status.never') : localTime(latest.lastSync.succeededAt),
    }),
  ];

  const problems = latest.lastSync.problems.map((problem) => {
    // A code this version does not know (from a newer kiosk) is shown as it is.
    const name = t(`status:problemCode.${problem.code}`, { defaultValue: problem.code });
    return problem.since === null ? name : t('fleet:status.problemSince', { problem: name, since: localTime(problem.since) });
  });
  lines.push(problems.length === 0 ? t('fleet:status.noProblems') : t('fleet:status.problems', { problems: problems.join(', ') }));

  const printerState = t(`fleet:status.printerState.${latest.printer.state}`);
  const showDetail = latest.printer.detail !== null && latest.printer.state !== 'ready';
  lines.push(showDetail ? t('fleet:status.printerDetail', { state: printerState, detail: latest.printer.detail }) : t('fleet:status.printer', { state: printerState }));

  lines.push(t('fleet:status.outbox', { waiting: latest.outbox.waiting, retrying: latest.outbox.retrying }));
  lines.push(t('fleet:status.incidents', { days: INCIDENT_WINDOW_DAYS, count: entry.recentIncidents }));
  if (entry.recentDroppedHeartbeats > 0) lines.push(t('fleet:status.dropped', { days: INCIDENT_WINDOW_DAYS, count: entry.recentDroppedHeartbeats }));
  return lines;
}

function formatStatus(status: FleetStatus, now: Date, t: Translate): string {
  if (status.terminals.length === 0 && status.unreadableTerminals.length === 0) return t('fleet:status.none', { file: status.file });

  const sorted = [...status.terminals].sort(
    (left, right) => STATE_ORDER[stateOf(left)] - STATE_ORDER[stateOf(right)] || left.terminalId.localeCompare(right.terminalId),
  );
  const totals = t('fleet:status.totals', {
    count: status.terminals.length,
    stale: sorted.filter((entry) => entry.stale).length,
    problems: sorted.filter((entry) => stateOf(entry) === 'problems').length,
    file: status.file,
    now: localTime(now.toISOString()),
  });

  const blocks = [totals, ...sorted.map((entry) => terminalLines(entry, t).join('\n'))];
  if (status.unreadableTerminals.length > 0) blocks.push(t('fleet:status.unreadable', { terminals: status.unreadableTerminals.join(', ') }));
  return blocks.join('\n\n');
}

function failureMessage(error: unknown, file: string, context: CommandContext): string {
  if (error instanceof DatabaseMissingError) return context.t('fleet:status.dbMissing', { file, reason: error.reason });
  if (error instanceof NotReceiverDatabaseError) return context.t('fleet:status.notReceiverDatabase', { file, detail: error.detail });
  if (error instanceof DatabaseDamagedError) return context.t('fleet:status.damaged', { file, detail: error.detail });
  return context.t('fleet:status.failed', { file, reason: errorReason(error) });
}

async function runStatus(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(`${context.t('fleet:status.help', { intervals: STALE_AFTER_INTERVALS, days: INCIDENT_WINDOW_DAYS })}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(context.t('fleet:status.unexpectedArgument', { value: positionals[0] }));

  const dbFile = path.resolve(requireOption(values, 'db', context));
  const now = new Date();
  let status: FleetStatus;
  try {
    status = readFleetStatus(dbFile, now);
  } catch (error) {
    context.stderr.write(`${failureMessage(error, dbFile, context)}\n`);
    return 1;
  }

  if (values.json) {
    const terminals = status.terminals.map((entry) => ({ state: stateOf(entry), ...entry }));
    context.stdout.write(`${JSON.stringify({ file: status.file, now: now.toISOString(), terminals, unreadableTerminals: status.unreadableTerminals }, null, 2)}\n`);
  } else {
    context.stdout.write(`${formatStatus(status, now, context.t)}\n`);
  }
  const needsSomeone = status.terminals.some((entry) => stateOf(entry) !== 'ok') || status.unreadableTerminals.length > 0;
  return needsSomeone ? 1 : 0;
}

const fleet: Command = {
  summaryKey: 'fleet:summary',

  async run(argv, context) {
    const [subcommand, ...rest] = argv;
    if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
      context.stdout.write(`${context.t('fleet:help')}\n`);
      return subcommand === undefined ? 2 : 0;
    }
    if (subcommand === 'status') return runStatus(rest, context);
    throw new UsageError(context.t('fleet:unknownSubcommand', { value: subcommand }));
  },
};

export default fleet;
