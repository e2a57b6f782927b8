export interface RetryDelayPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with "equal jitter": half of the capped exponential delay is kept, the other half
 * is random, so retries spread out without ever collapsing to an immediate retry.
 */
export function retryDelayMs(
  failedAttempts: number,
  policy: RetryDelayPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
  return exponential / 2 + random() * (exponential / 2);
}
