// Excel's date serial numbers. In the 1900 date system (the default of Excel for Windows) serial 1
// is 1900-01-01 and serial 60 is 1900-02-29, a day that never existed. Lotus 1-2-3 treated 1900 as
// a leap year and Excel kept the error for compatibility. So every serial from 61 on is one more
// than the day count since 1899-12-31. In the 1904 system (old Mac workbooks) serial 0 is
// 1904-01-01.

const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1900_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** Serial of the phantom day 1900-02-29 in the 1900 system. */
export const PHANTOM_LEAP_DAY = 60;
// Largest serial Excel accepts: 9999-12-31, which is 1,462 days less in the 1904 system.
const MAX_SERIAL = { 1900: 2_958_465, 1904: 2_957_003 } as const;

export type SerialDate =
  | { ok: true; date: string; hadTime: boolean }
  | { ok: false; problem: 'out-of-range' | 'phantom-leap-day' };

/** Converts a serial (a fraction is the time of day, dropped and flagged) to YYYY-MM-DD. */
export function excelSerialToDate(serial: number, dateSystem: 1900 | 1904 = 1900): SerialDate {
  const day = Math.floor(serial);
  const lowest = dateSystem === 1900 ? 1 : 0;
  if (!Number.isFinite(serial) || day < lowest || day > MAX_SERIAL[dateSystem]) return { ok: false, problem: 'out-of-range' };
  if (dateSystem === 1900 && day === PHANTOM_LEAP_DAY) return { ok: false, problem: 'phantom-leap-day' };

  let epoch = EPOCH_1904;
  if (dateSystem === 1900) epoch = day < PHANTOM_LEAP_DAY ? EPOCH_1900 : EPOCH_1900_AFTER_LEAP_BUG;
  const date = new Date(epoch + day * DAY_MS).toISOString().slice(0, 10);
  return { ok: true, date, hadTime: serial !== day };
}
