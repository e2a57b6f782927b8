import type { Principal } from '@notify/security';

/** `support` reads; `operator` reads and acts (replays, lifts suppressions). */
export const SUPPORT_ROLE = 'support';
export const OPERATOR_ROLE = 'operator';

export interface ConsoleUser {
  userId: string;
  roles: string[];
  canAct: boolean;
}

/** The console user a verified user token stands for; undefined for a service or without a console role. */
export function consoleUserOf(principal: Principal): ConsoleUser | undefined {
  const canAct = principal.roles.includes(OPERATOR_ROLE);
  if (principal.isService || (!canAct && !principal.roles.includes(SUPPORT_ROLE))) {
    return undefined;
  }
  return { userId: principal.userId, roles: principal.roles, canAct };
}
