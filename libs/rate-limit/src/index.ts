export {
  secondsUntil,
  verdict,
  windowAt,
  type FixedWindow,
  type RateLimitRule,
  type RateLimitVerdict,
} from './fixed-window';
export { RateLimitCounters1796300000000 } from './migrations/1796300000000-RateLimitCounters';
export { forgetRateLimitSubject } from './rate-limit-counters.repository';
export { RateLimitCleanup } from './rate-limit-cleanup.service';
export { RateLimit } from './rate-limit.decorator';
export { RateLimitGuard } from './rate-limit.guard';
export { RateLimitModule, type RateLimitModuleAsyncOptions } from './rate-limit.module';
export { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit-options';
export { RateLimiter, type RateLimitDecision } from './rate-limiter.service';
