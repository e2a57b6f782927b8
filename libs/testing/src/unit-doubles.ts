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

/** What became of the transactions of a `recordingDataSource`. */
export interface TransactionRecord {
  committed: number;
  rolledBack: number;
  /** Abandoned: their connection was closed before they could commit. */
  closed: number;
}

/**
 * A DataSource whose transactions, through `transaction()` or a query runner, run their work with `manager` and
 * are recorded; `query` answers the queries made outside them (such as a reachability check).
 */
export function recordingDataSource(
  manager: EntityManager = stubTransaction,
  query: (sql: string) => Promise<unknown> = () => Promise.resolve([]),
): { dataSource: DataSource; record: TransactionRecord } {
  const record: TransactionRecord = { committed: 0, rolledBack: 0, closed: 0 };
  const transaction = async (...args: unknown[]): Promise<unknown> => {
    const work = args[args.length - 1] as (manager: EntityManager) => Promise<unknown>;
    try {
      const result = await work(manager);
      record.committed += 1;
      return result;
    } catch (error) {
      record.rolledBack += 1;
      throw error;
    }
  };
  const createQueryRunner = () => {
    const runner = {
      manager,
      isReleased: false,
      isTransactionActive: false,
      connect: () => Promise.resolve({ end: () => Promise.resolve((record.closed += 1)) }),
      startTransaction: () => Promise.resolve((runner.isTransactionActive = true)),
      commitTransaction: () => settle(runner, () => (record.committed += 1)),
      rollbackTransaction: () => settle(runner, () => (record.rolledBack += 1)),
      release: () => Promise.resolve((runner.isReleased = true)),
    };
    return runner;
  };
  return { dataSource: { transaction, createQueryRunner, manager, query } as unknown as DataSource, record };
}

function settle(
  runner: { isReleased: boolean; isTransactionActive: boolean },
  count: () => void,
): Promise<void> {
  if (runner.isReleased || !runner.isTransactionActive) {
    return Promise.reject(new Error('no transaction to end'));
  }
  runner.isTransactionActive = false;
  count();
  return Promise.resolve();
}
