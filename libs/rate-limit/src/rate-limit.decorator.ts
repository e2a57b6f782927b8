import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RATE_LIMIT_ACTION, RateLimitGuard } from './rate-limit.guard';

/** Limits how often one user calls the route, by the rule configured for `action`; services are not limited. */
export const RateLimit = (action: string): MethodDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_ACTION, action),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      description: `The caller reached the "${action}" limit; \`Retry-After\` says how many seconds to wait`,
    }),
  );
