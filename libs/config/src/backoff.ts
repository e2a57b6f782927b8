/** Retry timing, as services configure it: the first wait, doubled for each further retry, up to a cap. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** Wait before retry number `retry` (1-based): `initialMs`, doubled per further retry, at most `maxMs`. */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, retry - 1));
}

/**
 * `backoffDelay` with "equal jitter": the lower half kept, the upper half random, so that callers failing together
 * spread out and never retry at once.
 */
export function jitteredBackoffDelay(
  retry: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const delay = backoffDelay(retry, policy);
  return Math.round(delay / 2 + (delay / 2) * random());
}
