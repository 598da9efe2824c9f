// The snapshot's "data as of" date (数据截至), shown on every kiosk screen: the newest date that
// the county's delivery vouches for. Payments count with their payment date and board rows with
// their publication date (a notice with its issue date). Both are checked not to lie after the
// day of publishing, so the result never does either.
import type { BoardTables } from './standard-v2/dataset.js';

// Columns holding the day a board row was published; every board table has exactly one.
const PUBLICATION_COLUMNS = ['published_on', 'issued_on'] as const;

/** Returns the newest of `newestPaidOn` and the board rows' publication dates, or null when there is none. */
export function dataAsOfDate(newestPaidOn: string | null, tables: BoardTables): string | null {
  let newest = newestPaidOn;

  for (const rows of tables.values()) {
    for (const row of rows) {
      for (const column of PUBLICATION_COLUMNS) {
        const value = row[column];
        // YYYY-MM-DD strings compare in date order.
        if (typeof value === 'string' && (newest === null || value > newest)) newest = value;
      }
    }
  }

  return newest;
}
