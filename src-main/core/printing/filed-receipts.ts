// Receipts of the reports this terminal filed in the last hour, in memory only, so a receipt is
// printed from what the terminal filed and not from values a client sends. The report text is
// never kept: it exists only sealed in the outbox.
import type { ReportDraft, ReportReceipt } from '../../../src-shared/reports-api.js';
import { maskPhone } from './print-format.js';
import type { FiledReceipt } from './receipt.js';

/** Time during which a filed report's receipt can be printed, long enough to tap print again after a jam. */
export const RECEIPT_RETENTION_MS = 60 * 60 * 1000;

export interface FiledReceipts {
  /** Keeps the receipt fields of a report just filed. */
  remember(receipt: ReportReceipt, draft: ReportDraft): void;
  /** Returns the receipt of a case number filed within the retention time, or null. */
  find(caseNumber: string): FiledReceipt | null;
}

export function createFiledReceipts(clock: () => Date, retentionMs = RECEIPT_RETENTION_MS): FiledReceipts {
  // Map keeps insertion order, which is filing order, so pruning stops at the first fresh entry.
  const receipts = new Map<string, { receipt: FiledReceipt; keptAt: number }>();

  function prune(): void {
    const oldest = clock().getTime() - retentionMs;
    for (const [caseNumber, entry] of receipts) {
      if (entry.keptAt >= oldest) break;
      receipts.delete(caseNumber);
    }
  }

  return {
    remember(receipt, draft) {
      prune();
      receipts.set(receipt.caseNumber, {
        keptAt: clock().getTime(),
        receipt: {
          caseNumber: receipt.caseNumber,
          filedAt: receipt.filedAt,
          terminalId: receipt.terminalId,
          category: draft.category,
          recordLabel: draft.record?.label ?? null,
          regionCode: draft.regionCode,
          maskedPhone: draft.phone === null ? null : maskPhone(draft.phone),
        },
      });
    },

    find(caseNumber) {
      prune();
      return receipts.get(caseNumber)?.receipt ?? null;
    },
  };
}
