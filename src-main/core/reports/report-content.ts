// Content of a sealed report as the commission reads it after opening: the villager's draft plus
// the terminal's record of where and when it was filed. It is serialised as UTF-8 JSON before
// sealing. `minsheng reports export` parses it with this schema, so both sides use one definition.
// Every field is bounded, because anyone with the public key can seal content. The export lists
// content outside these limits in errors.csv instead of writing it to the case handlers' files.
import { z } from 'zod';
import { CaseNumberSchema, PHONE_PATTERN, REPORT_TEXT_MAX, ReportCategorySchema, ReportedRecordSchema } from '../../../src-shared/reports-api.js';
import { LanguageSchema } from '../../../src-shared/kiosk-api.js';

export const REPORT_CONTENT_FORMAT = 1;

export const ReportContentSchema = z
  .object({
    format: z.literal(REPORT_CONTENT_FORMAT),
    caseNumber: CaseNumberSchema,
    // ISO date-time on the terminal's clock, with Z or an offset.
    filedAt: z.iso.datetime({ offset: true }),
    // Same limits as terminalId and terminalName in the terminal config.
    terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    terminalName: z.string().min(1).max(100),
    category: ReportCategorySchema,
    record: ReportedRecordSchema.strict().nullable(),
    regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/),
    text: z.string().min(1).max(REPORT_TEXT_MAX),
    phone: z.string().regex(PHONE_PATTERN).nullable(),
    language: LanguageSchema,
    // Version of the snapshot on screen when the report was filed; null before the first sync.
    snapshotVersion: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
  })
  .strict();
export type ReportContent = z.infer<typeof ReportContentSchema>;
