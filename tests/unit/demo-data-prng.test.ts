// The demo generator's seeded random numbers: reproducible, independent per seed and label.
import { describe, expect, it } from 'vitest';
import { Random, WeightedTable } from '../../src-main/publisher/demo-data/prng.js';

function take(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.nextUint32());
}

describe('demo-data PRNG', () => {
  it('repeats the sequence for the same seed', () => {
    expect(take(new Random(42), 1000)).toEqual(take(new Random(42), 1000));
  });

  it('keeps its output across versions', () => {
    // Pinned outputs: a change here changes every demo file generated from a given seed.
    expect(take(new Random(1), 3)).toEqual([3296685081, 292216795, 3203276040]);
    expect(take(new Random(2 ** 40 + 5, 'households'), 2)).toEqual([952930212, 2283622594]);
  });

  it('differs between seeds, labels and high seed bits', () => {
    const base = take(new Random(7), 8);
    expect(take(new Random(8), 8)).not.toEqual(base);
    expect(take(new Random(7, 'payments'), 8)).not.toEqual(base);
    expect(take(new Random(7 + 2 ** 32), 8)).not.toEqual(base);
  });

  it('rejects seeds that are not safe non-negative integers', () => {
    expect(() => new Random(-1)).toThrow(RangeError);
    expect(() => new Random(1.5)).toThrow(RangeError);
    expect(() => new Random(2 ** 53)).toThrow(RangeError);
  });

  it('draws integers inside inclusive bounds', () => {
    const random = new Random(3);
    const seen = new Set<number>();
    for (let index = 0; index < 5000; index += 1) {
      const value = random.int(-2, 6);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(-2);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect(seen.size).toBe(9);
  });

  it('draws floats in [0, 1) with a mean near one half', () => {
    const random = new Random(11);
    let sum = 0;
    for (let index = 0; index < 20000; index += 1) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
    }
    expect(sum / 20000).toBeGreaterThan(0.48);
    expect(sum / 20000).toBeLessThan(0.52);
  });

  it('draws weighted choices in proportion', () => {
    const random = new Random(5);
    const table = new WeightedTable<'a' | 'b' | 'never'>([
      { value: 'a', weight: 1 },
      { value: 'b', weight: 3 },
      { value: 'never', weight: 0 },
    ]);
    const counts = { a: 0, b: 0, never: 0 };
    for (let index = 0; index < 20000; index += 1) counts[table.draw(random)] += 1;

    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });
});
