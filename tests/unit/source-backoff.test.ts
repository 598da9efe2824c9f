// Bounds of the full-jitter backoff, with the random source fixed at its extremes and middle.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src-main/core/sync/http-source.js';

const LARGEST_BELOW_ONE = 1 - Number.EPSILON;

describe('backoffDelayMs', () => {
  it('returns 0 for a random 0', () => {
    for (let retry = 0; retry < 10; retry += 1) expect(backoffDelayMs(retry, 500, 30_000, () => 0)).toBe(0);
  });

  it('doubles the bound per retry', () => {
    expect(backoffDelayMs(0, 500, 30_000, () => LARGEST_BELOW_ONE)).toBe(500);
    expect(backoffDelayMs(1, 500, 30_000, () => LARGEST_BELOW_ONE)).toBe(1000);
    expect(backoffDelayMs(3, 500, 30_000, () => LARGEST_BELOW_ONE)).toBe(4000);
  });

  it('scales the bound by the random value', () => {
    expect(backoffDelayMs(2, 500, 30_000, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(2, 500, 30_000, () => 0.25)).toBe(500);
  });

  it('never passes the cap', () => {
    expect(backoffDelayMs(6, 500, 30_000, () => LARGEST_BELOW_ONE)).toBe(30_000);
    expect(backoffDelayMs(2000, 500, 30_000, () => LARGEST_BELOW_ONE)).toBe(30_000);
  });

  it('stays within bounds for many random values', () => {
    let seed = 1;
    const random = () => {
      // A small linear congruential generator, so a failure repeats with the same values.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let retry = 0; retry < 12; retry += 1) {
      const bound = Math.min(30_000, 500 * 2 ** retry);
      for (let sample = 0; sample < 200; sample += 1) {
        const delay = backoffDelayMs(retry, 500, 30_000, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(bound);
      }
    }
  });
});
