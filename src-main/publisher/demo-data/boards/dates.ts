// Calendar arithmetic for board rows. Dates are YYYY-MM-DD strings in UTC, as the CSV files
// write them. A date that the standard requires to be in the past is clamped to `lastDay`.
import type { Random } from '../prng.js';

const DAY_MS = 86_400_000;

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The years the boards cover and the last day a past date may have. */
export interface BoardCalendar {
  yearFrom: number;
  yearTo: number;
  /** The earlier of today and 31 December of yearTo. */
  lastDay: string;
}

/**
 * Builds the calendar of a run.
 * NOTE: when yearTo is the current year, lastDay is today, so board files differ from one day
 * to the next even with the same seed. Earlier years give the same bytes on any later day.
 */
export function makeBoardCalendar(yearFrom: number, yearTo: number, today: Date): BoardCalendar {
  const todayText = today.toISOString().slice(0, 10);
  const endOfRange = isoDate(yearTo, 12, 31);
  return { yearFrom, yearTo, lastDay: todayText < endOfRange ? todayText : endOfRange };
}

/** Returns the earlier of the date and the calendar's last day. */
export function clampToPast(calendar: BoardCalendar, date: string): string {
  return date < calendar.lastDay ? date : calendar.lastDay;
}

/** Returns whether the date is on or before the calendar's last day. */
export function isPast(calendar: BoardCalendar, date: string): boolean {
  return date <= calendar.lastDay;
}

/** Draws a day of the month. Saturdays and Sundays move to the Friday before. */
export function drawOfficeDay(random: Random, year: number, month: number): string {
  const day = random.int(1, lastDayOfMonth(year, month));
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay();
  if (weekday === 6 && day > 1) date.setUTCDate(day - 1);
  if (weekday === 0 && day > 2) date.setUTCDate(day - 2);
  return date.toISOString().slice(0, 10);
}

/** Draws an office day in the year, in a month from firstMonth to lastMonth. */
export function drawDateInYear(random: Random, year: number, firstMonth = 1, lastMonth = 12): string {
  return drawOfficeDay(random, year, random.int(firstMonth, lastMonth));
}

/** Months of the year whose first day is not after lastDay. */
export function monthsReached(calendar: BoardCalendar, year: number): number[] {
  const months: number[] = [];
  for (let month = 1; month <= 12; month += 1) {
    if (isoDate(year, month, 1) <= calendar.lastDay) months.push(month);
  }
  return months;
}
