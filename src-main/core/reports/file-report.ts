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
  /** Returns the outbox, opening it on first use. Throws when the disk does not allow that. */
  outbox: () => Outbox;
  terminalId: string;
  terminalName: string;
  /** config reporting.trackUrl, or null. */
  trackUrl: string | null;
  /** Code of the terminal's county (config regionCode, 6 digits). A report's regions must lie in it. */
  countyCode: string;
  /** Checks whether the installed snapshot lists a region code. Returns null before the first sync. */
  regionKnown: (code: string) => boolean | null;
  /** Version of the installed snapshot, or null before the first sync. */
  snapshotVersion: () => number | null;
  clock: () => Date;
  /** Called after a report was stored, so the uploader sends it without waiting for its timer. */
  onFiled?: () => void;
}

export interface ReportFiler {
  /** Files a draft. Throws InvalidDraftError for a draft that fails the schema or names a foreign region. */
  fileReport(draft: unknown): FileReportResult;
}

// Control characters other than tab and line feed (a NUL breaks the commission's CSV export),
// and the bidi embedding, override and isolate controls, which can make a text read backwards.
const UNWANTED_CHARACTERS = /(?![\t\n])\p{Cc}|[\u202a-\u202e\u2066-\u2069]/gu;
// A character that shows on paper: not a space, control, format character (zero-width space,
// bidi mark), unassigned code point or combining mark on its own.
const VISIBLE_CHARACTER = /[^\p{White_Space}\p{C}\p{Z}\p{M}]/u;

/** Removes unwanted characters, turning CR LF and a lone CR into LF first, and trims the result. */
export function cleanReportText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNWANTED_CHARACTERS, '').trim();
}

/** Tests whether a text has at least one character that shows on paper. */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE_CHARACTER.test(text);
}

/**
 * Parses a draft and cleans its text and record label, throwing InvalidDraftError with the
 * failing paths and zod issue codes only.
 */
export function parseReportDraft(draft: unknown): ReportDraft {
  const result = ReportDraftSchema.safeParse(draft);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(draft)'}: ${issue.code}`);
    throw new InvalidDraftError(`invalid report draft (${issues.join('; ')}); send a ReportDraft as src-shared/reports-api.ts defines it`);
  }

  const text = cleanReportText(result.data.text);
  if (!hasVisibleCharacter(text)) {
    throw new InvalidDraftError('invalid report draft (text: no visible character); send a text with at least one letter, digit or sign');
  }

  const record = result.data.record;
  if (record === null) return { ...result.data, text };

  const label = cleanReportText(record.label);
  if (!hasVisibleCharacter(label)) {
    throw new InvalidDraftError('invalid report draft (record.label: no visible character); send the label the record screen shows');
  }
  return { ...result.data, text, record: { ...record, label } };
}

/** Checks that the draft's regions lie in the terminal's county and, once synced, in the snapshot. */
function checkRegions(draft: ReportDraft, options: ReportFilerOptions): void {
  const fields: Array<[string, string]> = [['regionCode', draft.regionCode]];
  if (draft.record !== null) fields.push(['record.regionCode', draft.record.regionCode]);

  for (const [field, code] of fields) {
    if (!code.startsWith(options.countyCode)) {
      throw new InvalidDraftError(`invalid report draft (${field}: ${code} is not in this terminal's county ${options.countyCode}); send a region of this county`);
    }
    if (options.regionKnown(code) === false) {
      throw new InvalidDraftError(`invalid report draft (${field}: ${code} is not a region of the installed data); send a region the screens list`);
    }
  }
}

export function createReportFiler(options: ReportFilerOptions): ReportFiler {
  return {
    fileReport(input) {
      const draft = parseReportDraft(input);
      if (options.commissionKey === null) return { status: 'not-configured' };
      checkRegions(draft, options);

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
