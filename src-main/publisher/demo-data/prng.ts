// Seeded pseudo-random numbers for the demo generator: xoshiro128** (Blackman and Vigna, 2018)
// with its 128-bit state filled by splitmix32. Math.random cannot be seeded, and the same
// seed must give byte-identical demo files on every machine and Node version.

const TWO_POW_32 = 0x1_0000_0000;

/** Advances a splitmix32 state and returns the next 32-bit output. */
function splitmix32(state: { value: number }): number {
  state.value = (state.value + 0x9e3779b9) >>> 0;
  let z = state.value;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes a label into 32 bits (FNV-1a), so streams can be named instead of numbered. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index += 1) {
    hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash;
}

export interface WeightedChoice<T> {
  value: T;
  weight: number;
}

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * Creates a generator from a seed (a safe non-negative integer) and an optional stream label.
   * Different labels give independent streams from the same seed.
   */
  constructor(seed: number, label = '') {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a safe non-negative integer, got ${seed}`);
    }

    const state = { value: (seed % TWO_POW_32) ^ hashLabel(label) };
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    state.value = (state.value ^ Math.imul(high, 0x27d4eb2d)) >>> 0;
    this.s0 = splitmix32(state);
    this.s1 = splitmix32(state);
    this.s2 = splitmix32(state);
    this.s3 = splitmix32(state);

    // An all-zero state would output zeros forever; splitmix32 makes it practically impossible.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Returns the next unsigned 32-bit output. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;

    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);

    return result;
  }

  /** Returns a float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Returns an integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Returns true with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new RangeError('cannot pick from an empty list');
    return values[Math.floor(this.next() * values.length)]!;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(choices: readonly WeightedChoice<T>[]): T {
    let total = 0;
    for (const choice of choices) total += choice.weight;

    let target = this.next() * total;
    for (const choice of choices) {
      target -= choice.weight;
      if (target < 0) return choice.value;
    }
    return choices[choices.length - 1]!.value;
  }
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/**
 * Prepares cumulative weights once, for tables that are drawn from many thousands of times
 * (surnames, given-name characters, villages).
 */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(choices: readonly WeightedChoice<T>[]) {
    if (choices.length === 0) throw new RangeError('a weighted table needs at least one choice');

    this.values = choices.map((choice) => choice.value);
    this.cumulative = [];
    let total = 0;
    for (const choice of choices) {
      total += choice.weight;
      this.cumulative.push(total);
    }
  }

  draw(random: Random): T {
    const target = random.next() * this.cumulative[this.cumulative.length - 1]!;

    // Binary search for the first cumulative weight above the target.
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low]!;
  }
}
