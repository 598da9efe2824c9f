// Unique demo ID numbers (GB 11643-1999): the county's 6-digit code, the birth date, a
// 3-digit sequence whose parity gives the sex (odd for men, even for women) and the check
// character.
import { computeCheckCharacter } from '../../../src-shared/id-number.js';
import type { Sex } from './names.js';
import type { Random } from './prng.js';

// Per county and birth date, men get the odd sequence numbers 001-999 and women the even ones
// 002-998. Random draws find a free number quickly while a date has a few dozen people, as in a
// county-sized run. Beyond that the allocator falls back to a linear scan.
const RANDOM_ATTEMPTS = 16;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export class IdNumberAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly regionPrefix: string) {
    if (!/^\d{6}$/.test(regionPrefix)) throw new RangeError(`expected a 6-digit region code, got ${regionPrefix}`);
  }

  /**
   * Returns a new ID number for the birth date and sex. Returns null when every sequence number
   * of that date and sex is taken, so the caller must move the birth date.
   */
  allocate(random: Random, birthDate: string, sex: Sex): string | null {
    const parity = sex === 'male' ? 1 : 0;
    const first14 = this.regionPrefix + birthDate;

    // Women's sequence 000 is skipped: it is not issued in practice.
    const sequenceFor = (slot: number): number => slot * 2 + parity;
    const isUsable = (sequence: number) => sequence > 0 && !this.used.has(first14 + pad(sequence, 3));

    let sequence = -1;
    for (let attempt = 0; attempt < RANDOM_ATTEMPTS && sequence < 0; attempt += 1) {
      const candidate = sequenceFor(random.int(0, 499));
      if (isUsable(candidate)) sequence = candidate;
    }
    for (let slot = 0; slot < 500 && sequence < 0; slot += 1) {
      if (isUsable(sequenceFor(slot))) sequence = sequenceFor(slot);
    }
    if (sequence < 0) return null;

    const first17 = first14 + pad(sequence, 3);
    this.used.add(first17);
    return first17 + computeCheckCharacter(first17);
  }

  get count(): number {
    return this.used.size;
  }
}
