// Per-client limit on uploads: a token bucket for each client address that holds `perMinute`
// tokens and refills at `perMinute` tokens a minute. Anyone with the commission's public key can
// seal reports, so without it one client could fill the disk with valid-looking uploads.

/** Entries kept before full buckets are dropped, so a flood of addresses cannot grow the map without end. */
const SWEEP_ABOVE_ENTRIES = 10_000;

export interface RateLimiter {
  /** Takes one token for `address`. Returns 0 when allowed, else the whole seconds until a token is free. */
  take(address: string): number;
}

export function createRateLimiter(perMinute: number, now: () => number): RateLimiter {
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();

  const current = (bucket: { tokens: number; updatedAt: number }, time: number) =>
    Math.min(perMinute, bucket.tokens + Math.max(0, time - bucket.updatedAt) * refillPerMs);

  return {
    take(address) {
      const time = now();
      if (buckets.size > SWEEP_ABOVE_ENTRIES) {
        for (const [key, bucket] of buckets) if (current(bucket, time) >= perMinute) buckets.delete(key);
      }

      const bucket = buckets.get(address) ?? { tokens: perMinute, updatedAt: time };
      bucket.tokens = current(bucket, time);
      bucket.updatedAt = time;
      buckets.set(address, bucket);

      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    },
  };
}
