// Retry delays for the report outbox: exponential backoff with full jitter. The delay before
// retry n is a uniform random pick from [0, min(maxDelayMs, baseDelayMs * 2^(n-1))), so that many
// kiosks coming back online after one network outage do not all retry in the same second.

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of numbers in [0, 1); tests pass a fixed or seeded one. */
  random: () => number;
}

/** Computes the wait in whole milliseconds before the next attempt, after `failures` failed attempts (1 or more). */
export function retryDelayMs(failures: number, policy: BackoffPolicy): number {
  // 2^52 already exceeds any sensible cap, and a bigger exponent would overflow to Infinity.
  const exponent = Math.min(Math.max(failures, 1) - 1, 52);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);

  const sample = policy.random();
  const fraction = Number.isFinite(sample) ? Math.min(Math.max(sample, 0), 1) : 0;
  return Math.floor(fraction * ceiling);
}
