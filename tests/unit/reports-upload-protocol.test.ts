// Reading the receiver's Retry-After header: delay-seconds and the three HTTP-date forms, each
// cut to the kiosk's maximum wait, and every other value ignored.
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfterMs } from '../../src-main/core/reports/upload-protocol.js';

const NOW = Date.parse('2026-05-12T09:05:00Z');

describe('parseRetryAfterMs', () => {
  it.each([
    ['seconds', '120', 120_000],
    ['seconds with spaces', ' 45 ', 45_000],
    ['0 seconds', '0', 0],
    ['seconds past the maximum', '3601', MAX_RETRY_AFTER_MS],
    ['a 30-digit number', '9'.repeat(30), MAX_RETRY_AFTER_MS],
    ['IMF-fixdate', 'Tue, 12 May 2026 09:10:00 GMT', 300_000],
    ['RFC 850 date', 'Tuesday, 12-May-26 09:06:30 GMT', 90_000],
    ['asctime date', 'Tue May 12 09:05:01 2026', 1_000],
    ['date already past', 'Tue, 12 May 2026 09:00:00 GMT', 0],
    ['date next year', 'Wed, 12 May 2027 09:05:00 GMT', MAX_RETRY_AFTER_MS],
  ])('reads %s', (_case, value, expected) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(expected);
  });

  it('reads an asctime day padded with a space', () => {
    const now = Date.parse('2026-06-06T08:49:00Z');
    expect(parseRetryAfterMs('Sat Jun  6 08:49:37 2026', now)).toBe(37_000);
  });

  it('reads a two-digit year far ahead as the last century', () => {
    // 2094 is more than 50 years after 2026, so "94" reads as 1994, a date long past.
    expect(parseRetryAfterMs('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(0);
  });

  it.each([
    ['missing header', null],
    ['empty value', ''],
    ['word', 'soon'],
    ['fraction', '1.5'],
    ['negative', '-30'],
    ['seconds with a unit', '120s'],
    ['date without GMT', 'Tue, 12 May 2026 09:10:00'],
    ['date in another zone', 'Tue, 12 May 2026 09:10:00 +0800'],
    ['ISO date', '2026-05-12T09:10:00Z'],
    ['31 February', 'Tue, 31 Feb 2026 09:10:00 GMT'],
    ['hour 24', 'Tue, 12 May 2026 24:10:00 GMT'],
    ['minute 60', 'Tue, 12 May 2026 09:60:00 GMT'],
    ['unknown month', 'Tue, 12 Mai 2026 09:10:00 GMT'],
  ])('ignores %s', (_case, value) => {
    expect(parseRetryAfterMs(value, NOW)).toBeNull();
  });
});
