// Finds the subsidy item of a payment row in subsidy_items.csv, by the item's name as the
// department writes it or by its code, and the period the payment is for.
import type { SubsidyItemRow } from '../validate-subsidy-items.js';
import type { Message } from './check-types.js';
import { nameKey } from './name-key.js';

export type ItemMatch = { ok: true; item: SubsidyItemRow } | { ok: false; message: Message };

export class ItemCatalogue {
  private readonly byKey = new Map<string, SubsidyItemRow>();

  constructor(items: ReadonlyMap<string, SubsidyItemRow>) {
    // Codes are indexed after names, so a name never loses to another item's code.
    for (const item of items.values()) this.byKey.set(nameKey(item.name), item);
    for (const item of items.values()) {
      const code = nameKey(item.itemCode).toUpperCase();
      if (!this.byKey.has(code)) this.byKey.set(code, item);
    }
  }

  /** Resolves an item name or code. */
  resolve(text: string): ItemMatch {
    const key = nameKey(text);
    const item = this.byKey.get(key) ?? this.byKey.get(key.toUpperCase());
    if (item !== undefined) return { ok: true, item };
    return { ok: false, message: { key: 'check:standardise.unknownItem', params: { item: text } } };
  }
}

/**
 * Returns the period of a payment: the row's own period when it has one, else the month of
 * `paidOn` (YYYY-MM) for a monthly item and its year (YYYY) for any other.
 */
export function paymentPeriod(period: string | null | undefined, paidOn: string, item: SubsidyItemRow): string {
  if (period !== null && period !== undefined && period !== '') return period;
  return item.cadence === 'monthly' ? paidOn.slice(0, 7) : paidOn.slice(0, 4);
}
