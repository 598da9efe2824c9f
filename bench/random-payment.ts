// Random values of one payment row for the import benches: a valid ID number in the made-up
// region 439901, an amount in yuan with two decimals, and a day of 2024.
import { computeCheckCharacter } from '../src-shared/id-number.js';
import type { Random } from '../src-main/publisher/demo-data/prng.js';

export interface RandomPayment {
  idNumber: string;
  /** Amount in yuan as text, such as "1234.50". */
  yuan: string;
  month: number;
  /** Day of the month, 1 to 28 so that every month has it. */
  day: number;
}

/** Draws the values of one payment row from `random`. */
export function randomPayment(random: Random): RandomPayment {
  const birth = `19${random.int(40, 99)}0${random.int(1, 9)}1${random.int(0, 9)}`;
  const first17 = `439901${birth}${String(random.int(0, 999)).padStart(3, '0')}`;
  const fen = random.int(1000, 500_000);
  return {
    idNumber: first17 + computeCheckCharacter(first17),
    yuan: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
    month: random.int(1, 12),
    day: random.int(1, 28),
  };
}
