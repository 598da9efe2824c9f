// `minsheng status`: prints the state of a terminal's data folder for a technician on site.
import path from 'node:path';
import { readTerminalReport } from '../../core/data-folder/terminal-status.js';
import type { TerminalReport } from '../../core/data-folder/terminal-status.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../command.js';

function formatReport(report: TerminalReport, t: Translate): string {
  const lines: string[] = [];
  const { current } = report;
  if (current === null) {
    lines.push(report.currentProblem === null ? t('status:noSnapshot') : t('status:damagedPointer', { problem: report.currentProblem }));
  } else {
    lines.push(t('status:current', { version: current.version, region: current.regionCode, name: current.regionName }));
    lines.push(t('status:times', { createdAt: current.createdAt, installedAt: current.installedAt, expiresAt: current.expiresAt }));
    lines.push(current.expired ? t('status:expired', { days: current.ageDays }) : t('status:fresh', { days: current.ageDays }));
  }
  if (report.previousVersion !== null) lines.push(t('status:previous', { version: report.previousVersion }));
  lines.push(
    report.trustedRootVersion === null ? t('status:noRoot') : t('status:root', { version: report.trustedRootVersion }),
  );
  if (report.newestSignedTime !== null) lines.push(t('status:newestSignedTime', { time: report.newestSignedTime }));

  const last = report.status.lastSync;
  lines.push(
    last === null
      ? t('status:neverSynced')
      : t('status:lastSync', { at: last.at, status: t(`status:outcome.${last.status}`), reason: last.reason ?? '-' }),
  );
  if (report.status.problems.length === 0) lines.push(t('status:noProblems'));
  for (const problem of report.status.problems) {
    lines.push(t('status:problem', { problem: t(`status:problemCode.${problem.code}`), since: problem.since, detail: problem.detail }));
  }
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
    return report.current === null || report.status.problems.length > 0 ? 1 : 0;
  },
};

export default status;
