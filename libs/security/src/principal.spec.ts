import { ForbiddenException } from '@nestjs/common';
import { assertActsFor, mayPerformPlatformActions, principalFromClaims, type Principal } from './principal';

describe('principalFromClaims', () => {
  it('makes a service principal only of the service kind, with the service role', () => {
    expect(principalFromClaims('service', 'portal', [])).toEqual({
      userId: 'portal',
      kind: 'service',
      isService: true,
      roles: ['service'],
    });
  });

  it('keeps user roles as claimed', () => {
    expect(principalFromClaims('user', 'user-1', ['member', 'platform-admin'])).toEqual({
      userId: 'user-1',
      kind: 'user',
      isService: false,
      roles: ['member', 'platform-admin'],
    });
  });
});

describe('assertActsFor', () => {
  it('lets users act for themselves only', () => {
    const user = principalFromClaims('user', 'user-1', ['member']);

    expect(() => assertActsFor(user, 'user-1')).not.toThrow();
    expect(() => assertActsFor(user, 'user-2')).toThrow(ForbiddenException);
  });

  it('does not let a platform administrator act for another user', () => {
    const admin = principalFromClaims('user', 'admin-1', ['platform-admin']);

    expect(() => assertActsFor(admin, 'user-2')).toThrow(ForbiddenException);
  });

  it('lets services act for anyone', () => {
    const service = principalFromClaims('service', 'portal', []);

    expect(() => assertActsFor(service, 'user-2')).not.toThrow();
  });
});

describe('mayPerformPlatformActions', () => {
  it.each<[string, Principal, boolean]>([
    ['a service', principalFromClaims('service', 'portal', []), true],
    ['a platform administrator', principalFromClaims('user', 'admin-1', ['platform-admin']), true],
    ['a plain user', principalFromClaims('user', 'user-1', ['member']), false],
    ['a user with a role of similar name', principalFromClaims('user', 'user-1', ['admin']), false],
  ])('%s: %s', (_case, principal, allowed) => {
    expect(mayPerformPlatformActions(principal)).toBe(allowed);
  });
});
