import { ForbiddenException } from '@nestjs/common';

/** Role carried by platform backends that may act on behalf of any user. */
export const SERVICE_ROLE = 'service';

/** The authenticated caller of a request. */
export interface Principal {
  /** The JWT `sub`: the acting user id (or the calling service's id). */
  userId: string;
  /** True when the token carries the `service` role. */
  isService: boolean;
  roles: string[];
}

export function principalFromClaims(sub: string, roles: readonly string[]): Principal {
  return { userId: sub, roles: [...roles], isService: roles.includes(SERVICE_ROLE) };
}

/** Throws 403 unless the caller is a platform service or the user themselves. */
export function assertActsFor(principal: Principal, userId: string): void {
  if (principal.isService || principal.userId === userId) {
    return;
  }
  throw new ForbiddenException('You may only act for yourself');
}
