// Files a villager's report (一键举报): checks the draft, gives it a case number and an
// idempotency key, seals it for the discipline commission and stores the sealed bytes in the
// outbox. Only the sealed bytes are kept: the draft is not stored or logged, so after sealing
// the terminal cannot read the report back.
import { randomInt, randomUUID } from 'node:crypto';
import { makeCaseNumber } from '../../../src-shared/case-number.js';
import { buildTrackUrl } from '../../../src-shared/report-url.js';
import { ReportDraftSchema } from '../../../src-shared/reports-api.js';
import type { FileReportResult, ReportDraft } from '../../../src-shared/reports-api.js';
import { createLogger } from '../log.js';
import type { Outbox } from './outbox.js';
import { REPORT_CONTENT_FORMAT, ReportContentSchema } from './report-content.js';
import type { ReportContent } from './report-content.js';
import { sealReport } from './seal.js';
import type { RecipientKey } from './seal.js';

const log = createLogger('file-report');

/** A draft that fails ReportDraftSchema. The message names the fields, never their values. */
export class InvalidDraftError extends Error {
  override name = 'InvalidDraftError';
}

export interface ReportFilerOptions {
  /** The commission's public key; null when the terminal takes no reports on screen. */
  commissionKey: RecipientKey | null;
  /** Opens (or returns the open) outbox; throws when the disk does not allow it. */
  outbox: () => Outbox;
  terminalId: string;
  terminalName: string;
  /** config reporting.trackUrl, or null. */
  trackUrl: string | null;
  /** Version of the installed snapshot, or null before the first sync. */
  snapshotVersion: () => number | null;
  clock: () => Date;
  /** Called after a report was stored, so the uploader sends it without waiting for its timer. */
  onFiled?: () => void;
}

export interface ReportFiler {
  /** Files a draft; throws InvalidDraftError for a draft that fails the schema. */
  fileReport(draft: unknown): FileReportResult;
}

/** Parses a draft, throwing InvalidDraftError with the failing paths and zod issue codes only. */
export function parseReportDraft(draft: unknown): ReportDraft {
  const result = ReportDraftSchema.safeParse(draft);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(draft)'}: ${issue.code}`);
  throw new InvalidDraftError(`invalid report draft (${issues.join('; ')}); send a ReportDraft as src-shared/reports-api.ts defines it`);
}

export function createReportFiler(options: ReportFilerOptions): ReportFiler {
  return {
    fileReport(input) {
      const draft = parseReportDraft(input);
      if (options.commissionKey === null) return { status: 'not-configured' };

      const filedAt = options.clock();
      const caseNumber = makeCaseNumber(filedAt, () => randomInt(10));
      const idempotencyKey = randomUUID();

      const content: ReportContent = ReportContentSchema.parse({
        format: REPORT_CONTENT_FORMAT,
        caseNumber,
        filedAt: filedAt.toISOString(),
        terminalId: options.terminalId,
        terminalName: options.terminalName,
        category: draft.category,
        record: draft.record,
        regionCode: draft.regionCode,
        text: draft.text,
        phone: draft.phone,
        language: draft.language,
        snapshotVersion: options.snapshotVersion(),
      });
      const sealed = sealReport(Buffer.from(JSON.stringify(content), 'utf8'), options.commissionKey, idempotencyKey);

      try {
        options.outbox().enqueue({ idempotencyKey, sealed, createdAt: filedAt.getTime() });
      } catch (error) {
        // SQLite's and the outbox's messages name the file and the failure, never the report.
        log.error({ err: error, caseNumber, idempotencyKey }, 'failed to store a report in the outbox; returning storage-failed');
        return { status: 'storage-failed' };
      }

      log.info({ caseNumber, idempotencyKey, category: draft.category }, 'report filed');
      options.onFiled?.();

      return {
        status: 'filed',
        receipt: {
          caseNumber,
          filedAt: content.filedAt,
          terminalId: options.terminalId,
          trackUrl: options.trackUrl === null ? null : buildTrackUrl(options.trackUrl, caseNumber),
        },
      };
    },
  };
}
