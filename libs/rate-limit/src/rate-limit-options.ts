import type { RateLimitRule } from './fixed-window';

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

export interface RateLimitOptions {
  /** One rule per action named in `@RateLimit(action)`. */
  rules: Readonly<Record<string, RateLimitRule>>;
  /** How often a replica deletes the counters of ended windows; 10 minutes by default, 0 never. */
  cleanupIntervalMs?: number;
  /** The current time; tests pass their own. */
  now?: () => Date;
}
