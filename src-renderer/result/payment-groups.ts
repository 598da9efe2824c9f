// Payments of a household grouped by year and then by subsidy item, with subtotals in fen, and
// flattened into rows for the virtualised list.
import type { Payment } from '../../src-shared/kiosk-api.js';

export interface ItemGroup {
  itemCode: string;
  itemName: string;
  policyBasis: string;
  payments: Payment[];
  subtotalFen: number;
}

export interface YearGroup {
  year: string;
  items: ItemGroup[];
  subtotalFen: number;
}

export interface PaymentGroups {
  years: YearGroup[];
  totalFen: number;
}

/** Groups payments by the year of paidOn (newest year first), then by item code. */
export function groupPayments(payments: readonly Payment[]): PaymentGroups {
  const byYear = new Map<string, Map<string, ItemGroup>>();

  for (const payment of payments) {
    const year = payment.paidOn.slice(0, 4);
    let items = byYear.get(year);
    if (!items) {
      items = new Map();
      byYear.set(year, items);
    }

    let item = items.get(payment.itemCode);
    if (!item) {
      item = {
        itemCode: payment.itemCode,
        itemName: payment.itemName,
        policyBasis: payment.policyBasis,
        payments: [],
        subtotalFen: 0,
      };
      items.set(payment.itemCode, item);
    }
    item.payments.push(payment);
    item.subtotalFen += payment.amountFen;
  }

  const years: YearGroup[] = [...byYear.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([year, items]) => {
      const itemList = [...items.values()].sort((a, b) => a.itemCode.localeCompare(b.itemCode));
      for (const item of itemList) {
        item.payments.sort((a, b) => b.paidOn.localeCompare(a.paidOn) || a.paymentId.localeCompare(b.paymentId));
      }
      return { year, items: itemList, subtotalFen: itemList.reduce((sum, item) => sum + item.subtotalFen, 0) };
    });

  return { years, totalFen: years.reduce((sum, year) => sum + year.subtotalFen, 0) };
}

export type PaymentRow = { kind: 'item'; item: ItemGroup } | { kind: 'payment'; payment: Payment };

/** Rows of each year for GroupedVirtuoso: an item header followed by its payments. */
export function flattenForList(groups: PaymentGroups): { rows: PaymentRow[]; groupCounts: number[] } {
  const rows: PaymentRow[] = [];
  const groupCounts: number[] = [];

  for (const year of groups.years) {
    let count = 0;
    for (const item of year.items) {
      rows.push({ kind: 'item', item });
      count += 1;
      for (const payment of item.payments) {
        rows.push({ kind: 'payment', payment });
        count += 1;
      }
    }
    groupCounts.push(count);
  }

  return { rows, groupCounts };
}
