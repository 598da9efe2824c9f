// The reporting and printing part of the KioskApi: a villager files a report (一键举报), follows
// it by case number (查进度), and prints a household statement or a report receipt. Like
// kiosk-api.ts, both hosts and the renderer parse every value with these schemas.
import { z } from 'zod';
import { RECORD_KINDS } from './boards-api.js';
import { CASE_NUMBER_DIGITS, CASE_NUMBER_PROBLEMS } from './case-number.js';
import { HouseholdSchema, LanguageSchema, PrintLayoutSchema } from './kiosk-api.js';

export { PRINT_LAYOUTS, PrintLayoutSchema } from './kiosk-api.js';
export type { PrintLayout } from './kiosk-api.js';

// ---------------------------------------------------------------------------------------------
// Filing a report

/**
 * Category of a report, as the villager picks it on the first screen:
 * payment-wrong 补贴金额不对, payment-missing 该发的没发, project 项目和工程问题,
 * finance 村级财务问题, conduct 干部作风问题, other 其他问题.
 */
export const REPORT_CATEGORIES = ['payment-wrong', 'payment-missing', 'project', 'finance', 'conduct', 'other'] as const;
export const ReportCategorySchema = z.enum(REPORT_CATEGORIES);
export type ReportCategory = z.infer<typeof ReportCategorySchema>;

/** Kinds of record a report can concern: a household payment or any record a board lists. */
export const REPORTED_RECORD_KINDS = ['payment', ...RECORD_KINDS] as const;
export type ReportedRecordKind = (typeof REPORTED_RECORD_KINDS)[number];

/** The record a report concerns, when it was started from a record's screen. */
export const ReportedRecordSchema = z.object({
  kind: z.enum(REPORTED_RECORD_KINDS),
  id: z.string().min(1).max(128),
  regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/),
  // Text of the screen, for the case handler: "耕地地力保护补贴 2024-03 1,234.50 元".
  // Built from public fields only (masked names, never an ID number).
  label: z.string().min(1).max(200),
});
export type ReportedRecord = z.infer<typeof ReportedRecordSchema>;

export const REPORT_TEXT_MAX = 2000;

/**
 * A mainland mobile number (11 digits from 1[3-9]) or a landline with its area code: an area
 * code of 2 to 4 digits starting 0[1-9], then a local number of 7 or 8 digits, so 9 to 12
 * digits in all. Both prefixes exclude a number of one repeated digit, such as 00000000000.
 */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0[1-9]\d{7,10})$/;

export const ReportDraftSchema = z.object({
  category: ReportCategorySchema,
  record: ReportedRecordSchema.nullable(),
  // Where the villager is reporting about: the record's region, or the region chosen on screen.
  regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/),
  text: z.string().trim().min(1).max(REPORT_TEXT_MAX),
  // Optional, typed on the keypad so the commission can call back. Sealed with the rest; it
  // never reaches a log, a screenshot or the receipt unmasked.
  phone: z.string().regex(PHONE_PATTERN).nullable(),
  // The villager ticked the consent line on the review screen.
  consent: z.literal(true),
  language: LanguageSchema,
});
export type ReportDraft = z.infer<typeof ReportDraftSchema>;

export const CaseNumberSchema = z.string().regex(new RegExp(`^\\d{${CASE_NUMBER_DIGITS}}$`));

export const ReportReceiptSchema = z.object({
  caseNumber: CaseNumberSchema,
  // ISO date-time of filing on the terminal's clock.
  filedAt: z.string(),
  terminalId: z.string(),
  // Address of the case follow-up page for the receipt's QR code; null when none is configured.
  trackUrl: z.string().nullable(),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

export const FileReportResultSchema = z.discriminatedUnion('status', [
  // Sealed and stored in the outbox; it is uploaded when the network is up.
  z.object({ status: z.literal('filed'), receipt: ReportReceiptSchema }),
  // This terminal has no commission key configured, so it takes no reports on screen.
  z.object({ status: z.literal('not-configured') }),
  // The outbox could not store it (disk full or failing); nothing was filed.
  z.object({ status: z.literal('storage-failed') }),
]);
export type FileReportResult = z.infer<typeof FileReportResultSchema>;

// ---------------------------------------------------------------------------------------------
// Following a case (查进度)

export const CaseStatusRequestSchema = z.object({ caseNumber: z.string().max(64) });
export type CaseStatusRequest = z.infer<typeof CaseStatusRequestSchema>;

/** received 已受理, investigating 调查核实中, replied 已答复, closed 已办结. */
export const CASE_STAGES = ['received', 'investigating', 'replied', 'closed'] as const;
export const CaseStageSchema = z.enum(CASE_STAGES);
export type CaseStage = z.infer<typeof CaseStageSchema>;

export const CaseStatusSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('found'),
    caseNumber: CaseNumberSchema,
    stage: CaseStageSchema,
    // Date (YYYY-MM-DD) of the latest change.
    updatedOn: z.string(),
    // The commission's reply as published; null while there is none.
    reply: z.string().nullable(),
    department: z.string(),
    // Date the snapshot's data is complete to, so a "not yet published" result can name it.
    dataAsOf: z.string(),
  }),
  // A well-formed number that the installed snapshot does not contain yet.
  z.object({ status: z.literal('not-yet'), caseNumber: CaseNumberSchema, dataAsOf: z.string().nullable() }),
  z.object({ status: z.literal('invalid'), problem: z.enum(CASE_NUMBER_PROBLEMS) }),
]);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

// ---------------------------------------------------------------------------------------------
// Printing

export const PrintRequestSchema = z.discriminatedUnion('document', [
  // The household statement: masked header, payments by year and item, totals, data-as-of,
  // terminal ID and a QR code to the reporting page. The host reads the household of the
  // payments' IDs from its installed snapshot and prints that, not the other values sent here.
  z.object({
    document: z.literal('statement'),
    layout: PrintLayoutSchema.optional(),
    language: LanguageSchema,
    household: HouseholdSchema,
  }),
  // The receipt of a report this terminal filed within the last hour: case number, category,
  // record, filing time, masked phone and a QR code to follow the case. The host prints what it
  // kept when filing, so the request names only the case number.
  z.object({
    document: z.literal('receipt'),
    layout: PrintLayoutSchema.optional(),
    language: LanguageSchema,
    caseNumber: CaseNumberSchema,
  }),
  // The technician's test page (admin screen).
  z.object({ document: z.literal('test'), layout: PrintLayoutSchema.optional(), language: LanguageSchema }),
]);
export type PrintRequest = z.infer<typeof PrintRequestSchema>;

export const PrintResultSchema = z.discriminatedUnion('status', [
  // Handed to the printer (Electron) or written as a PDF (browser host). `output` names the
  // printer or the PDF file's name.
  z.object({ status: z.literal('printed'), layout: PrintLayoutSchema, output: z.string() }),
  // Printing is switched off in the config, or no printer is named.
  z.object({ status: z.literal('not-configured') }),
  // The printer rejected the job or failed. `reason` is for the log; the screen shows plain words.
  z.object({ status: z.literal('failed'), reason: z.string().max(500) }),
]);
export type PrintResult = z.infer<typeof PrintResultSchema>;

// ---------------------------------------------------------------------------------------------
// The interface and its transport

export interface ReportsApi {
  fileReport(draft: ReportDraft): Promise<FileReportResult>;
  getCaseStatus(request: CaseStatusRequest): Promise<CaseStatus>;
  print(request: PrintRequest): Promise<PrintResult>;
}

export const REPORTS_CHANNELS = {
  fileReport: 'kiosk:file-report',
  getCaseStatus: 'kiosk:get-case-status',
  print: 'kiosk:print',
} as const;

export const REPORTS_HTTP_PATHS = {
  fileReport: '/api/reports/file',
  getCaseStatus: '/api/reports/status',
  print: '/api/print',
} as const;

