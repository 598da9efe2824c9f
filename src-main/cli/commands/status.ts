// `minsheng status`: prints the state of a terminal's data folder for a technician on site.
import path from 'node:path';
import { readTerminalReport } from '../../core/data-folder/terminal-status.js';
import type { ReportedProblem, TerminalReport } from '../../core/data-folder/terminal-status.js';
import type { TerminalStatus } from '../../core/data-folder/status.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../command.js';
import { describeSyncProblem } from './sync.js';

function installedLines(report: TerminalReport, t: Translate): string[] {
  const { current } = report;
  if (current === null) {
    return [report.currentProblem === null ? t('status:noSnapshot') : t('status:damagedPointer', { problem: report.currentProblem })];
  }

  const ageKey = current.expired ? 'status:expired' : 'status:fresh';
  return [
    t('status:current', { version: current.version, region: current.regionCode, name: current.regionName }),
    t('status:times', { createdAt: current.createdAt, installedAt: current.installedAt, expiresAt: current.expiresAt }),
    t(ageKey, { days: current.ageDays, expiresAt: current.expiresAt }),
  ];
}

/**
 * Rebuilds the details of a rejection or failure from the stored detail. The sync stores
 * `details.problem` as is and any other details as JSON, cut at 2000 characters.
 */
function storedDetails(detail: string | undefined): Record<string, string | number> {
  if (detail === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(detail);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, string | number>;
  } catch {
    // Not JSON, so it is the problem text itself.
  }
  return { problem: detail };
}

function lastSyncLine(last: NonNullable<TerminalStatus['lastSync']>, t: Translate): string {
  const { at } = last;
  const status = t(`status:outcome.${last.status}`);

  if (last.status === 'installed' || last.status === 'up-to-date') {
    if (last.version === undefined) return t('status:lastSyncNoVersion', { at, status });
    const key = last.status === 'installed' ? 'status:lastSyncInstalled' : 'status:lastSyncUpToDate';
    return t(key, { at, version: last.version });
  }

  const reasonCode = last.reason ?? '-';
  const reason = describeSyncProblem({ status: last.status, reason: reasonCode, details: storedDetails(last.detail) } as Parameters<typeof describeSyncProblem>[0], t);
  // A detail cut short or stored without some of the values leaves a placeholder unfilled. The
  // code and the raw detail are then more useful than a sentence with a gap.
  if (reason.includes('{{')) {
    return t('status:lastSync', { at, status, reason: last.detail === undefined ? reasonCode : `${reasonCode}: ${last.detail}` });
  }
  const key = last.status === 'rejected' ? 'status:lastSyncRejected' : 'status:lastSyncFailed';
  return t(key, { at, reason });
}

function problemLine(problem: ReportedProblem, t: Translate): string {
  const name = t(`status:problemCode.${problem.code}`);
  if (problem.since !== null) return t('status:problem', { problem: name, since: problem.since, detail: problem.detail });

  const detail = problem.values === undefined ? problem.detail : t(`status:foundNow.${problem.code}`, problem.values);
  return t('status:problemNow', { problem: name, detail });
}

function outboxLines(outbox: TerminalReport['outbox'], t: Translate): string[] {
  if (outbox.state === 'absent') return [t('status:outboxAbsent')];
  // A damaged outbox is listed among the problems too, with what to do.
  if (outbox.state !== 'ok') return [t('status:outboxUnreadable', { file: outbox.file, problem: outbox.problem ?? '-' })];

  const lines = [t('status:outboxCounts', { waiting: outbox.waiting, retrying: outbox.retrying })];
  if (outbox.oldestWaitingAt !== null) lines.push(t('status:outboxOldest', { at: outbox.oldestWaitingAt, hours: outbox.oldestWaitingHours }));
  if (outbox.lastError !== null) lines.push(t('status:outboxLastError', { error: outbox.lastError }));
  return lines;
}

function fleetLines(fleet: TerminalReport['fleet'], t: Translate): string[] {
  if (fleet.state === 'absent') return [t('status:fleetAbsent')];
  if (fleet.state !== 'ok') return [t('status:fleetUnreadable', { file: fleet.file, problem: fleet.problem ?? '-' })];

  const lines = [t('status:fleetCounts', { waiting: fleet.waiting, retrying: fleet.retrying, dropped: fleet.dropped })];
  if (fleet.oldestWaitingAt !== null) lines.push(t('status:fleetOldest', { at: fleet.oldestWaitingAt }));
  if (fleet.lastError !== null) lines.push(t('status:fleetLastError', { error: fleet.lastError }));
  return lines;
}

function formatReport(report: TerminalReport, t: Translate): string {
  if (report.dataDirState === 'missing') return t('status:dataDirMissing', { folder: report.dataDir });
  if (report.dataDirState === 'not-a-folder') return t('status:dataDirNotFolder', { folder: report.dataDir });

  const lines = installedLines(report, t);
  if (report.previousVersion !== null) lines.push(t('status:previous', { version: report.previousVersion }));
  lines.push(
    report.trustedRootVersion === null ? t('status:noRoot') : t('status:root', { version: report.trustedRootVersion }),
  );
  if (report.newestSignedTime !== null) lines.push(t('status:newestSignedTime', { time: report.newestSignedTime }));

  const last = report.status.lastSync;
  lines.push(last === null ? t('status:neverSynced') : lastSyncLine(last, t));
  lines.push(...outboxLines(report.outbox, t));
  lines.push(...fleetLines(report.fleet, t));

  if (report.status.problems.length === 0) lines.push(t('status:noProblems'));
  for (const problem of report.status.problems) lines.push(problemLine(problem, t));
  return lines.join('\n');
}

const status: Command = {
  summaryKey: 'status:summary',

  async run(argv, context) {
    const { values } = parseOptions(argv, {
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('status:help')}\n`);
      return 0;
    }

    const dataDir = path.resolve(requireOption(values, 'data-dir', context));
    const report = readTerminalReport(dataDir);
    context.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, context.t)}\n`);
    // A technician's script can tell a terminal that needs attention by the exit code.
    const healthy = report.dataDirState === 'present' && report.current !== null && report.status.problems.length === 0;
    return healthy ? 0 : 1;
  },
};

export default status;
