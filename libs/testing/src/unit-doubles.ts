import { SERVICE_ROLE, type Principal } from '@notify/security';
import type { DataSource, EntityManager } from 'typeorm';

/** Stands for a transaction in unit specs whose repositories are mocked: it is only passed along, never used. */
export const stubTransaction = { transactional: true } as unknown as EntityManager;

/** A DataSource whose transactions run their work with `manager`, for services tested with mocked repositories. */
export function stubDataSource(manager: EntityManager = stubTransaction): DataSource {
  const transaction = (...args: unknown[]): Promise<unknown> => {
    const work = args[args.length - 1] as (manager: EntityManager) => Promise<unknown>;
    return work(manager);
  };
  return { transaction, manager } as unknown as DataSource;
}

export function userPrincipal(userId: string, roles: string[] = []): Principal {
  return { userId, kind: 'user', isService: false, roles };
}

/** A platform backend calling with a service token. */
export const servicePrincipal: Principal = {
  userId: 'platform-backend',
  kind: 'service',
  isService: true,
  roles: [SERVICE_ROLE],
};
