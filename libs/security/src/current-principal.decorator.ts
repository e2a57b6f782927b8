import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AuthenticatedRequest } from './authenticated-request';
import type { Principal } from './principal';

/** Injects the authenticated caller; only meaningful on routes the guard protects. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) {
      throw new UnauthorizedException('Missing bearer token');
    }
    return principal;
  },
);
