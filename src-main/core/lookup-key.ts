// Lookup by ID number without storing it: each person row is keyed by scrypt(ID number, salt).
// scrypt is memory-hard. Trying every plausible ID number of a county (about 36.5 million: the
// known 6-digit prefix x 100 years of birth dates x 1,000 sequence numbers) is estimated at 27
// CPU-hours at N = 2048, from 2.7 ms a hash measured on one core of a 2-core x86-64 VM, Node 20. The salt is stored in the snapshot and is therefore public: it only stops tables
// precomputed across counties. NOTE: anyone with a snapshot can still recover ID numbers by
// guessing: about 675 guesses a second on 2 cores, so an estimated 16 hours for a whole county.
// The snapshot is personal data until a secret key kept only on terminals is added.
import { randomBytes, scrypt, scryptSync } from 'node:crypto';
import { z } from 'zod';

export const LookupKeyParamsSchema = z.object({
  algorithm: z.literal('scrypt'),
  N: z.number().int().min(1024).max(1 << 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  keyLength: z.number().int().min(16).max(64),
  saltHex: z.string().regex(/^[0-9a-f]{32,128}$/),
});
export type LookupKeyParams = z.infer<typeof LookupKeyParamsSchema>;

export function newLookupKeyParams(): LookupKeyParams {
  return { algorithm: 'scrypt', N: 2048, r: 8, p: 1, keyLength: 32, saltHex: randomBytes(16).toString('hex') };
}

function scryptOptions(params: LookupKeyParams) {
  // maxmem must cover 128 * N * r bytes, with headroom.
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}

/** Derives the person key (hex) of an 18-digit ID number. The caller validates the number. */
export function derivePersonKey(idNumber18: string, params: LookupKeyParams): string {
  const salt = Buffer.from(params.saltHex, 'hex');
  return scryptSync(idNumber18, salt, params.keyLength, scryptOptions(params)).toString('hex');
}

/** Same as derivePersonKey, on libuv's thread pool, so many keys derive in parallel. */
export function derivePersonKeyAsync(idNumber18: string, params: LookupKeyParams): Promise<string> {
  const salt = Buffer.from(params.saltHex, 'hex');
  return new Promise((resolve, reject) => {
    scrypt(idNumber18, salt, params.keyLength, scryptOptions(params), (error, key) => {
      if (error) reject(error);
      else resolve(key.toString('hex'));
    });
  });
}
