// Builders of the ReportedRecord that a report started from a record's screen carries: the
// record's reference and region for the case handler, and a label of public fields only (item,
// period, amount, title), never a name or an ID number.
import type { RecordDetail } from '../../src-shared/boards-api.js';
import type { Household, Payment } from '../../src-shared/kiosk-api.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import type { RecordReference } from '../../src-shared/report-url.js';

const LABEL_MAX = 200;

function clip(label: string): string {
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
}

/** Returns a payment's reference: its payment ID and the household's village. */
export function paymentReference(household: Household, payment: Payment): RecordReference {
  return { kind: 'payment', id: payment.paymentId, regionCode: household.villageCode };
}

/** Builds a payment's ReportedRecord. `amountText` is the amount as the screen shows it ("1,234.50 元"). */
export function paymentRecord(household: Household, payment: Payment, amountText: string): ReportedRecord {
  return { ...paymentReference(household, payment), label: clip(`${payment.itemName} ${payment.period} ${amountText}`) };
}

export function detailReference(detail: RecordDetail): RecordReference {
  return { kind: detail.kind, id: detail.id, regionCode: detail.regionCode };
}

/** Builds a board record's ReportedRecord. `title` is the title its detail screen shows (detailTitle). */
export function detailRecord(detail: RecordDetail, title: string): ReportedRecord {
  return { ...detailReference(detail), label: clip(title.trim() === '' ? detail.id : title) };
}
