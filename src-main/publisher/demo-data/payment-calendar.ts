// Periods and payment dates. A department pays all recipients of one item and period in one
// batch, so the date depends on the seed, the item and the period, never on the household.
import { Random } from './prng.js';

export interface Period {
  // YYYY for yearly and once items, YYYY-MM for monthly ones.
  label: string;
  year: number;
  // 1-12 for monthly periods, null for a whole year.
  month: number | null;
}

export function yearlyPeriods(yearFrom: number, yearTo: number): Period[] {
  const periods: Period[] = [];
  for (let year = yearFrom; year <= yearTo; year += 1) {
    periods.push({ label: String(year), year, month: null });
  }
  return periods;
}

export function monthlyPeriods(yearFrom: number, yearTo: number): Period[] {
  const periods: Period[] = [];
  for (let year = yearFrom; year <= yearTo; year += 1) {
    for (let month = 1; month <= 12; month += 1) {
      periods.push({ label: `${year}-${String(month).padStart(2, '0')}`, year, month });
    }
  }
  return periods;
}

// Days are drawn from 3-26 so that moving a weekend day to the next Monday stays in the month.
const FIRST_DAY = 3;
const LAST_DAY = 26;

/**
 * Formats a date as YYYY-MM-DD after moving Saturday and Sunday to the next Monday.
 * NOTE: public holidays (Spring Festival, National Day) are not modelled.
 */
export function workingDay(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay();
  if (weekday === 6) date.setUTCDate(day + 2);
  if (weekday === 0) date.setUTCDate(day + 1);
  return date.toISOString().slice(0, 10);
}

/** Draws a working day in the given month, between the 3rd and the 28th. */
export function drawWorkingDay(random: Random, year: number, month: number): string {
  return workingDay(year, month, random.int(FIRST_DAY, LAST_DAY));
}

/** Remembers the batch payment date of each item and period. */
export class PaymentDates {
  private readonly dates = new Map<string, string>();

  constructor(private readonly seed: number) {}

  /**
   * Returns the batch date: monthly items pay between the 10th and the 20th of their month,
   * yearly items on a day within the item's usual months of the year.
   */
  batchDate(itemCode: string, period: Period, yearlyMonths: readonly [number, number]): string {
    const key = `${itemCode}-${period.label}`;
    const cached = this.dates.get(key);
    if (cached) return cached;

    const random = new Random(this.seed, `pay-date:${key}`);
    const date =
      period.month === null
        ? drawWorkingDay(random, period.year, random.int(yearlyMonths[0], yearlyMonths[1]))
        : workingDay(period.year, period.month, random.int(10, 20));
    this.dates.set(key, date);
    return date;
  }
}
