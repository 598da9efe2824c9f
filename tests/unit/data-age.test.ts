import { describe, expect, it } from 'vitest';
import { dataAge } from '../../src-shared/data-age.js';

const CREATED = '2025-03-01T08:00:00.000Z';
const EXPIRES = '2025-03-31T08:00:00.000Z';

function at(iso: string): Date {
  return new Date(iso);
}

describe('dataAge', () => {
  it('counts zero days within the first day', () => {
    expect(dataAge(CREATED, EXPIRES, at(CREATED))).toEqual({ ageDays: 0, expired: false });
    expect(dataAge(CREATED, EXPIRES, at('2025-03-02T07:59:59.999Z'))).toEqual({ ageDays: 0, expired: false });
  });

  it('counts a day at exactly 24 hours', () => {
    expect(dataAge(CREATED, EXPIRES, at('2025-03-02T08:00:00.000Z')).ageDays).toBe(1);
  });

  it('counts whole days only', () => {
    expect(dataAge(CREATED, EXPIRES, at('2025-03-11T07:59:59.000Z')).ageDays).toBe(9);
    expect(dataAge(CREATED, EXPIRES, at('2025-03-11T08:00:00.000Z')).ageDays).toBe(10);
  });

  it('is fresh until the expiry instant', () => {
    expect(dataAge(CREATED, EXPIRES, at('2025-03-31T07:59:59.999Z')).expired).toBe(false);
  });

  it('is expired at the expiry instant', () => {
    expect(dataAge(CREATED, EXPIRES, at(EXPIRES))).toEqual({ ageDays: 30, expired: true });
  });

  it('keeps counting days after expiry', () => {
    expect(dataAge(CREATED, EXPIRES, at('2025-06-01T09:00:00.000Z'))).toEqual({ ageDays: 92, expired: true });
  });

  it('reads zone offsets', () => {
    // 2025-03-01T16:00+08:00 is 08:00 UTC, the same instant as CREATED.
    expect(dataAge('2025-03-01T16:00:00+08:00', EXPIRES, at('2025-03-04T08:00:00.000Z')).ageDays).toBe(3);
  });

  it('gives zero days for a createdAt after now', () => {
    expect(dataAge(CREATED, EXPIRES, at('2025-02-20T00:00:00.000Z'))).toEqual({ ageDays: 0, expired: false });
  });

  it('treats an expiry before creation as expired', () => {
    expect(dataAge(CREATED, '2025-02-01T00:00:00.000Z', at(CREATED))).toEqual({ ageDays: 0, expired: true });
  });

  describe('invalid input', () => {
    const badInstants = [
      '',
      'yesterday',
      'May 1 2025',
      '2025-03-01',
      '2025-03-01T08:00:00',
      '2025-02-30T08:00:00Z',
      '2025-13-01T08:00:00Z',
      '2025-03-01T25:00:00Z',
      ' 2025-03-01T08:00:00Z',
    ];

    for (const bad of badInstants) {
      it(`treats createdAt ${JSON.stringify(bad)} as expired`, () => {
        expect(dataAge(bad, EXPIRES, at(CREATED))).toEqual({ ageDays: 0, expired: true });
      });

      it(`treats expiresAt ${JSON.stringify(bad)} as expired`, () => {
        expect(dataAge(CREATED, bad, at(CREATED))).toEqual({ ageDays: 0, expired: true });
      });
    }

    it('treats an invalid now as expired', () => {
      expect(dataAge(CREATED, EXPIRES, new Date(Number.NaN))).toEqual({ ageDays: 0, expired: true });
    });
  });
});
