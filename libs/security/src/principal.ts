import { ForbiddenException } from '@nestjs/common';

/** Role every platform-service principal carries; a user token claiming it is refused. */
export const SERVICE_ROLE = 'service';

/** User-token role of platform administrators: they may perform platform actions such as creating communities. */
export const PLATFORM_ADMIN_ROLE = 'platform-admin';

/** Which key verified the token: the platform-service key (`service`) or the user identity provider's (`user`). */
export type PrincipalKind = 'service' | 'user';

/** The authenticated caller of a request. */
export interface Principal {
  /** The JWT `sub`: the acting user id (or the calling service's id). */
  userId: string;
  kind: PrincipalKind;
  /** True only for a token verified with the platform-service key and issuer (`kind === 'service'`). */
  isService: boolean;
  roles: string[];
}

export function principalFromClaims(kind: PrincipalKind, sub: string, roles: readonly string[]): Principal {
  if (kind === 'service') {
    return { userId: sub, kind, isService: true, roles: [...new Set([SERVICE_ROLE, ...roles])] };
  }
  return { userId: sub, kind, isService: false, roles: [...roles] };
}

/** A platform service, or a user holding the `platform-admin` role. */
export function mayPerformPlatformActions(principal: Principal): boolean {
  return principal.isService || principal.roles.includes(PLATFORM_ADMIN_ROLE);
}

/** Throws 403 unless the caller is a platform service or the user themselves. */
export function assertActsFor(principal: Principal, userId: string): void {
  if (principal.isService || principal.userId === userId) {
    return;
  }
  throw new ForbiddenException('You may only act for yourself');
}
