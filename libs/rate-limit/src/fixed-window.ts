/** How many times one user may perform one action per window. */
export interface RateLimitRule {
  /** Requests allowed in one window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** The window `now` falls in; windows are aligned to the epoch so every replica agrees on them. */
export interface FixedWindow {
  start: Date;
  end: Date;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function windowAt(now: Date, windowMs: number): FixedWindow {
  const start = now.getTime() - (now.getTime() % windowMs);
  return { start: new Date(start), end: new Date(start + windowMs) };
}

/** Seconds until the window ends, rounded up and never 0, for a `Retry-After` header. */
export function secondsUntil(now: Date, end: Date): number {
  return Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
}

/** `count` is the caller's count in the window including this request. */
export function verdict(
  count: number,
  rule: RateLimitRule,
  window: FixedWindow,
  now: Date,
): RateLimitVerdict {
  return count <= rule.limit
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: secondsUntil(now, window.end) };
}
