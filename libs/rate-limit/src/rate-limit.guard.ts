import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '@notify/security';
import { RateLimiter } from './rate-limiter.service';

export const RATE_LIMIT_ACTION = 'notify:rate-limit-action';

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** Counts the caller's request against the route's `@RateLimit` action; runs after authentication. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<string | undefined>(RATE_LIMIT_ACTION, context.getHandler());
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    // Platform services act for many users at once; their traffic is not one user's abuse.
    if (!action || !principal || principal.isService) {
      return true;
    }
    const { rule, verdict } = await this.limiter.consume(principal.userId, action);
    if (verdict.allowed) {
      return true;
    }
    const retryAfter = verdict.retryAfterSeconds;
    context.switchToHttp().getResponse<HeaderSink>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Rate limit for "${action}" reached: at most ${rule.limit} per ${rule.windowMs / 1000} seconds; retry in ${retryAfter} seconds`,
        action,
        limit: rule.limit,
        windowSeconds: rule.windowMs / 1000,
        retryAfterSeconds: retryAfter,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
