// Age and expiry of an installed snapshot, for the "data is N days old" banner. Pure, so both the
// main process (which fills SnapshotInfo) and tests compute it the same way.

export interface DataAge {
  /** Whole 24-hour periods since createdAt; 0 while less than a day has passed. */
  ageDays: number;
  /** True from the instant expiresAt is reached, as the sync's expiry check counts it. */
  expired: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// ISO 8601 date and time with seconds and an explicit zone, as toISOString() and the signed
// manifest write them. Date.parse alone would also accept engine-specific forms like "May 1 2024".
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO date-time into epoch milliseconds, or returns null when it is not a real instant. */
function parseInstant(value: string): number | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return null;

  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;

  // Date.parse rolls some impossible dates over (2024-02-30 becomes March 1), so the written
  // date must name a real calendar day.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const isCalendarDay =
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  return isCalendarDay ? time : null;
}

/**
 * Computes how old a snapshot is at `now` and whether its signed expiry has passed. The caller
 * passes as `now` the later of the terminal's clock and the newest signed time seen.
 *
 * Never throws. A createdAt, expiresAt or now that is not a valid ISO instant returns
 * `{ ageDays: 0, expired: true }`: data whose age cannot be established must carry the
 * warning, and 0 is the only age that claims nothing. A createdAt later than `now` gives 0 days.
 */
export function dataAge(createdAt: string, expiresAt: string, now: Date): DataAge {
  const created = parseInstant(createdAt);
  const expires = parseInstant(expiresAt);
  const nowMs = now.getTime();
  if (created === null || expires === null || Number.isNaN(nowMs)) return { ageDays: 0, expired: true };

  const ageDays = Math.max(0, Math.floor((nowMs - created) / DAY_MS));
  return { ageDays, expired: expires <= nowMs };
}
