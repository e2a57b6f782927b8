import { ForbiddenException } from '@nestjs/common';
import { assertActsFor, principalFromClaims } from './principal';

describe('assertActsFor', () => {
  it('lets users act for themselves only', () => {
    const user = principalFromClaims('user-1', ['member']);

    expect(() => assertActsFor(user, 'user-1')).not.toThrow();
    expect(() => assertActsFor(user, 'user-2')).toThrow(ForbiddenException);
  });

  it('lets services act for anyone', () => {
    const service = principalFromClaims('portal', ['service']);

    expect(service.isService).toBe(true);
    expect(() => assertActsFor(service, 'user-2')).not.toThrow();
  });
});
