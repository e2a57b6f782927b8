import { Inject, Injectable } from '@nestjs/common';
import { verdict, windowAt, type RateLimitRule, type RateLimitVerdict } from './fixed-window';
import { RateLimitCountersRepository } from './rate-limit-counters.repository';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit-options';

export interface RateLimitDecision {
  action: string;
  rule: RateLimitRule;
  verdict: RateLimitVerdict;
}

/** Counts a user's requests per action and window and says whether one more is allowed. */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
    private readonly counters: RateLimitCountersRepository,
  ) {}

  async consume(subject: string, action: string): Promise<RateLimitDecision> {
    const rule = this.options.rules[action];
    if (!rule) {
      throw new Error(`No rate limit is configured for the action "${action}"`);
    }
    const now = this.options.now?.() ?? new Date();
    const window = windowAt(now, rule.windowMs);
    const count = await this.counters.increment(subject, action, window);
    return { action, rule, verdict: verdict(count, rule, window, now) };
  }
}
