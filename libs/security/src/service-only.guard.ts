import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from './authenticated-request';

/** Lets only platform-service tokens through; runs after the global authentication guard. */
@Injectable()
export class ServiceOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.isService) {
      throw new ForbiddenException('Only a platform service may call this endpoint');
    }
    return true;
  }
}
