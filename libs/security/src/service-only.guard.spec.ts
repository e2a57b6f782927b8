import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { principalFromClaims, type Principal } from './principal';
import { ServiceOnlyGuard } from './service-only.guard';

function contextFor(principal: Principal | undefined): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ principal }) }) } as unknown as ExecutionContext;
}

describe('ServiceOnlyGuard', () => {
  const guard = new ServiceOnlyGuard();

  it('lets a platform service through', () => {
    expect(guard.canActivate(contextFor(principalFromClaims('service', 'svc', [])))).toBe(true);
  });

  it.each([
    ['a user token', principalFromClaims('user', 'user-1', [])],
    ['a platform administrator', principalFromClaims('user', 'admin-1', ['platform-admin'])],
    ['an unauthenticated request', undefined],
  ])('refuses %s with 403', (_case, principal) => {
    expect(() => guard.canActivate(contextFor(principal))).toThrow(ForbiddenException);
  });
});
