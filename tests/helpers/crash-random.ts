// Seeded random numbers for the crash and fuzz tests, so that a failing run can be replayed by
// setting the printed seed in the environment.
import { randomInt } from 'node:crypto';

export interface SeededRandom {
  seed: number;
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/**
 * Returns a generator seeded from the environment variable, or from a fresh random seed when it
 * is unset. The sequence is the murmur3 finalizer applied to a Weyl sequence: fast, and good
 * enough to spread test cases.
 */
export function seededRandom(environmentVariable: string): SeededRandom {
  const configured = process.env[environmentVariable];
  if (configured !== undefined && !/^\d{1,10}$/.test(configured)) {
    throw new Error(`${environmentVariable}=${configured} is invalid: set it to a whole number from 0 to 4294967295`);
  }
  const seed = configured === undefined ? randomInt(2 ** 32 - 1) : Number(configured) >>> 0;

  let state = seed;
  const next = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    mixed ^= mixed >>> 16;
    return (mixed >>> 0) / 2 ** 32;
  };

  return {
    seed,
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
