// `minsheng verify BUNDLE`: runs the checks a terminal makes on a bundle folder, without
// installing it. The region and rollback checks are skipped, because they need a terminal's data
// folder. County staff run it before copying a bundle to the server or a USB stick.
import path from 'node:path';
import { verifyBundle } from '../../core/sync/verify-bundle.js';
import type { CheckResult } from '../../core/sync/verify-bundle.js';
import { VERIFY_REASONS } from '../../core/sync/verify-files.js';
import type { VerifyReason } from '../../core/sync/verify-files.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { Command } from '../command.js';
import { parseOptions, UsageError } from '../command.js';
import { describeSyncProblem, trustOrReport } from './sync.js';

function describeCheck(result: CheckResult, t: Translate): string {
  const name = t(`verify:check.${result.check}`);
  if (result.ok) {
    const details = Object.entries(result.details).map(([key, value]) => `${key}=${value}`).join(', ');
    return t('verify:passed', { check: name, details });
  }
  let reason: string;
  if (result.reason === 'io') reason = t('sync:reason.io', result.details);
  else if (isVerifyReason(result.reason)) reason = describeVerifyProblem(result.reason, result.details, t);
  else reason = describeSyncProblem({ status: 'rejected', reason: result.reason, details: result.details }, t);
  return t(result.fatal ? 'verify:failedCheck' : 'verify:warningCheck', { check: name, reason });
}

function isVerifyReason(reason: string): reason is VerifyReason {
  return (VERIFY_REASONS as readonly string[]).includes(reason);
}

function describeVerifyProblem(reason: VerifyReason, details: CheckResult['details'], t: Translate): string {
  const values: Record<string, string | number> = { ...details };
  if (typeof values.type === 'string') values.type = t(`verify:fileType.${values.type}`);
  return t(`verify:reason.${reason}`, values);
}

const verify: Command = {
  summaryKey: 'verify:summary',

  async run(argv, context) {
    const { values, positionals } = parseOptions(argv, {
      trust: { type: 'string' },
      'root-key': { type: 'string', multiple: true },
      threshold: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('verify:help')}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(context.t('verify:bundleMissing'));
    const folder = path.resolve(positionals[0]!);

    const trust = trustOrReport(values, context);
    if (trust === null) return 1;

    const report = await verifyBundle(folder, trust);
    if (values.json) {
      context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      for (const result of report.checks) context.stdout.write(`${describeCheck(result, context.t)}\n`);
      context.stdout.write(
        `${report.ok ? context.t('verify:ok', { folder, version: report.version, region: report.regionCode }) : context.t('verify:notOk', { folder })}\n`,
      );
    }
    return report.ok ? 0 : 1;
  },
};

export default verify;
