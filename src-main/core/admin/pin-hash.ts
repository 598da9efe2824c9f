// The admin PIN is kept in the terminal config only as a scrypt hash, so a copied config does
// not give away the PIN. Format: scrypt$N$r$p$salt$hash, salt and hash in base64url. The cost
// is high enough that trying all 6-digit PINs on a stolen config takes days, and low enough that
// one check on a slow ARM terminal takes well under a second.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { PIN_HASH_PATTERN } from '../config.js';

const COST = 1 << 15;
const BLOCK_SIZE = 8;
const PARALLEL = 1;
const KEY_BYTES = 32;

// scrypt needs 128 * N * r bytes; Node's default cap of 32 MiB is exactly that for N = 2^15.
function maxmemFor(cost: number, blockSize: number): number {
  return 128 * cost * blockSize + 1024 * 1024;
}

/** Hashes a PIN with a fresh random salt. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLEL, maxmem: maxmemFor(COST, BLOCK_SIZE) });
  return ['scrypt', COST, BLOCK_SIZE, PARALLEL, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when pin matches the stored hash; false for a wrong PIN or a malformed hash. */
export function verifyPin(pin: string, stored: string): boolean {
  if (!PIN_HASH_PATTERN.test(stored)) return false;

  const [, costText, blockText, parallelText, saltText, hashText] = stored.split('$') as [string, string, string, string, string, string];
  const cost = Number(costText);
  const blockSize = Number(blockText);
  const parallel = Number(parallelText);
  // A hash whose cost is not a power of two, or needs more than 256 MiB, came from no provision run.
  if ((cost & (cost - 1)) !== 0 || 128 * cost * blockSize > 256 * 1024 * 1024) return false;

  const expected = Buffer.from(hashText, 'base64url');
  const actual = scryptSync(pin, Buffer.from(saltText, 'base64url'), expected.length, {
    N: cost,
    r: blockSize,
    p: parallel,
    maxmem: maxmemFor(cost, blockSize),
  });
  return timingSafeEqual(actual, expected);
}
