// What a sealed report holds once the commission opens it: the villager's draft plus what the
// terminal knows about where and when it was filed. Serialised as UTF-8 JSON before sealing;
// `minsheng reports export` parses it with this schema, so both sides read one definition.
import { z } from 'zod';
import { CaseNumberSchema, ReportCategorySchema, ReportedRecordSchema } from '../../../src-shared/reports-api.js';
import { LanguageSchema } from '../../../src-shared/kiosk-api.js';

export const REPORT_CONTENT_FORMAT = 1;

export const ReportContentSchema = z.object({
  format: z.literal(REPORT_CONTENT_FORMAT),
  caseNumber: CaseNumberSchema,
  // ISO date-time on the terminal's clock.
  filedAt: z.string(),
  terminalId: z.string(),
  terminalName: z.string(),
  category: ReportCategorySchema,
  record: ReportedRecordSchema.nullable(),
  regionCode: z.string(),
  text: z.string(),
  phone: z.string().nullable(),
  language: LanguageSchema,
  // Version of the snapshot on screen when the report was filed; null before the first sync.
  snapshotVersion: z.number().int().positive().nullable(),
});
export type ReportContent = z.infer<typeof ReportContentSchema>;
