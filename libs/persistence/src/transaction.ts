import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Runs `work` in one READ COMMITTED transaction (the isolation every connection of `typeOrmOptions` starts with, so
 * the transaction begins in one statement); it commits when `work` resolves and rolls back when it throws.
 *
 * With a `signal`, the transaction is abandoned the moment it aborts (a deadline): the connection is closed, so
 * PostgreSQL rolls the transaction back, the promise rejects with the signal's reason, and whatever `work` still
 * does through its manager fails instead of landing outside the transaction. Once COMMIT is sent it is not
 * interrupted.
 */
export function withTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (!signal) {
    return dataSource.transaction(work);
  }
  return abandonableTransaction(dataSource, work, signal);
}

async function abandonableTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  signal.throwIfAborted();
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  let abandon: () => void = () => undefined;
  const abandoned = new Promise<never>((_, reject) => {
    abandon = () => {
      closeAndRelease(client, runner);
      reject(abortReason(signal));
    };
  });
  // The races below take the rejection; this keeps it from counting as unhandled in between.
  abandoned.catch(() => undefined);
  signal.addEventListener('abort', abandon, { once: true });
  try {
    if (signal.aborted) {
      abandon();
    }
    await Promise.race([runner.startTransaction(), abandoned]);
    const result = await Promise.race([work(runner.manager), abandoned]);
    signal.removeEventListener('abort', abandon);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    signal.removeEventListener('abort', abandon);
    if (!runner.isReleased && runner.isTransactionActive) {
      await runner.rollbackTransaction().catch(() => undefined);
    }
    throw error;
  } finally {
    if (!runner.isReleased) {
      await runner.release();
    }
  }
}

/**
 * Ends the connection first: the pool then discards it instead of lending it out again, and the query runner,
 * released, refuses any later query.
 */
function closeAndRelease(client: PoolClient, runner: QueryRunner): void {
  client.end().catch(() => undefined);
  void runner.release();
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
