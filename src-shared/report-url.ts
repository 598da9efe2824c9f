// Addresses behind the kiosk's QR codes. A record's "有疑问？扫码举报" code opens the county's
// reporting site (config reporting.reportUrl, for example the discipline commission's 12388
// site) with the record's reference, region and terminal; a receipt's code opens the case
// follow-up page (reporting.trackUrl) with the case number. Nothing personal goes into either:
// a payment is named by its payment ID, never by the household or person.
import type { ReportedRecordKind } from './reports-api.js';

export interface RecordReference {
  kind: ReportedRecordKind;
  /** The record's ID in the snapshot: payment_id, project_id, entry_id, notice_id and so on. */
  id: string;
  /** The record's region (village, township or county code). */
  regionCode: string;
}

/** Query parameter names, shared with the receiver's docs and the tests that decode the codes. */
export const REPORT_URL_PARAMS = { ref: 'ref', region: 'region', terminal: 'terminal', caseNumber: 'case' } as const;

/** The reference as one parameter value: "payment:P2024000123". */
export function formatRecordReference(reference: Pick<RecordReference, 'kind' | 'id'>): string {
  return `${reference.kind}:${reference.id}`;
}

// URLSearchParams.set replaces a parameter the configured address already has, so a base URL
// with its own query (?county=431226) keeps it and gains ours.
function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** The reporting address for a record, as encoded in its QR code. */
export function buildReportUrl(reportUrl: string, reference: RecordReference, terminalId: string): string {
  return withParams(reportUrl, {
    [REPORT_URL_PARAMS.ref]: formatRecordReference(reference),
    [REPORT_URL_PARAMS.region]: reference.regionCode,
    [REPORT_URL_PARAMS.terminal]: terminalId,
  });
}

/** The follow-up address of a case, as encoded in the receipt's QR code. */
export function buildTrackUrl(trackUrl: string, caseNumber: string): string {
  return withParams(trackUrl, { [REPORT_URL_PARAMS.caseNumber]: caseNumber });
}

/**
 * Builds the reporting address for a region as a whole, for pages about no single record such
 * as a household statement. The household is never named, only its village.
 */
export function buildRegionReportUrl(reportUrl: string, regionCode: string, terminalId: string): string {
  return withParams(reportUrl, {
    [REPORT_URL_PARAMS.region]: regionCode,
    [REPORT_URL_PARAMS.terminal]: terminalId,
  });
}
