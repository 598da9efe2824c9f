// stoppedRecurring: a person who got an item in each of the last minPeriods periods before the
// item's newest period in the data, but not in the newest one. This is how a pension stops when
// someone is wrongly marked dead. Periods are consecutive by the item's cadence: months for a
// monthly item (YYYY-MM), years for a yearly one (YYYY). The cadence column of subsidy_items.csv
// decides it, and an item paid once is never checked. Without the column, the form most of the
// item's periods have decides it, and periods of the other form are left out.
import type { CheckItem, CheckWarning, RowRef, StandardPayment } from '../check-types.js';
import type { DepartedEntry } from '../rule-lists.js';
import { personItemParams, warning } from './rule-support.js';
import type { RuleNames } from './rule-support.js';

type Cadence = 'monthly' | 'yearly';

interface ItemWindow {
  /** Length of the item's periods: 7 for YYYY-MM, 4 for YYYY. */
  periodLength: number;
  newest: string;
  /** The minPeriods periods before the newest, each to its bit in a person's mask. */
  bits: Map<string, number>;
  oldest: string;
  latestBefore: string;
}

interface PeriodStats {
  monthly: number;
  yearly: number;
  newestMonth: string;
  newestYear: string;
}

/** Returns the period before `period`: the month before for YYYY-MM, the year before for YYYY. */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return String(year - 1);
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function collectStats(payments: readonly StandardPayment[]): Map<string, PeriodStats> {
  const stats = new Map<string, PeriodStats>();
  for (const payment of payments) {
    let item = stats.get(payment.item_code);
    if (item === undefined) {
      item = { monthly: 0, yearly: 0, newestMonth: '', newestYear: '' };
      stats.set(payment.item_code, item);
    }
    if (payment.period.length === 7) {
      item.monthly++;
      if (payment.period > item.newestMonth) item.newestMonth = payment.period;
    } else {
      item.yearly++;
      if (payment.period > item.newestYear) item.newestYear = payment.period;
    }
  }
  return stats;
}

function windowsOf(payments: readonly StandardPayment[], items: readonly CheckItem[], minPeriods: number): Map<string, ItemWindow> {
  const cadences = new Map<string, string | null>(items.map((item) => [item.item_code, item.cadence]));
  const windows = new Map<string, ItemWindow>();
  for (const [itemCode, stats] of collectStats(payments)) {
    const column = cadences.get(itemCode) ?? null;
    if (column === 'once') continue;
    let cadence: Cadence = stats.monthly >= stats.yearly ? 'monthly' : 'yearly';
    if (column === 'monthly' || column === 'yearly') cadence = column;
    const newest = cadence === 'monthly' ? stats.newestMonth : stats.newestYear;
    if (newest === '') continue;

    const bits = new Map<string, number>();
    let period = newest;
    for (let bit = 0; bit < minPeriods; bit++) {
      period = previousPeriod(period);
      bits.set(period, bit);
    }
    windows.set(itemCode, { periodLength: newest.length, newest, bits, oldest: period, latestBefore: previousPeriod(newest) });
  }
  return windows;
}

export function findStoppedRecurring(
  payments: readonly StandardPayment[],
  byPerson: ReadonlyMap<string, readonly number[]>,
  options: { items: readonly CheckItem[]; minPeriods: number; departed: ReadonlyMap<string, DepartedEntry>; names: RuleNames },
): CheckWarning[] {
  const windows = windowsOf(payments, options.items, options.minPeriods);
  // minPeriods is at most 30 (rules-file.ts), so a mask of the window's periods fits 31 bits.
  const full = 2 ** options.minPeriods - 1;
  const warnings: CheckWarning[] = [];
  const masks = new Map<string, number>();
  const paidNewest = new Set<string>();

  for (const [idNumber, indexes] of byPerson) {
    // 1. The person's periods of each item's window as bits, and the items paid in the newest period.
    masks.clear();
    paidNewest.clear();
    for (const index of indexes) {
      const payment = payments[index]!;
      const window = windows.get(payment.item_code);
      if (window === undefined || payment.period.length !== window.periodLength) continue;
      if (payment.period === window.newest) paidNewest.add(payment.item_code);
      const bit = window.bits.get(payment.period);
      if (bit !== undefined) masks.set(payment.item_code, (masks.get(payment.item_code) ?? 0) | (1 << bit));
    }

    // 2. A full window without the newest period, with the window's payment rows as links.
    for (const [itemCode, mask] of masks) {
      if (mask !== full || paidNewest.has(itemCode)) continue;
      const window = windows.get(itemCode)!;
      const rows: RowRef[] = [];
      for (const index of indexes) {
        const payment = payments[index]!;
        if (payment.item_code === itemCode && window.bits.has(payment.period)) rows.push(payment.source);
      }
      warnings.push(stoppedWarning(idNumber, itemCode, window, rows, options));
    }
  }
  return warnings;
}

function stoppedWarning(
  idNumber: string,
  itemCode: string,
  window: ItemWindow,
  rows: RowRef[],
  options: { minPeriods: number; departed: ReadonlyMap<string, DepartedEntry>; names: RuleNames },
): CheckWarning {
  const listed = options.departed.get(idNumber);
  const params: Record<string, string | number> = {
    ...personItemParams(idNumber, itemCode, options.names, listed?.name),
    periods: options.minPeriods,
    from: window.oldest,
    to: window.latestBefore,
    newest: window.newest,
  };
  if (listed === undefined) return warning('stoppedRecurring', 'found', params, rows);

  // The list explains the stop, if its date is right; the worker checks the list row.
  params.leftOn = listed.left_on;
  params.type = listed.departureText;
  return warning('stoppedRecurring', 'listed', params, [...rows, listed.source]);
}
