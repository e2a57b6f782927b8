import type { DataSource } from 'typeorm';
import { createDataSource, typeOrmOptions, withTransaction } from '../src';
import { CreateWidgets1764000000001 } from './fixtures/1764000000001-CreateWidgets';
import { SlowBackfill1764000000002 } from './fixtures/1764000000002-SlowBackfill';
import { dropSchema, testPostgres, uniqueSchemaName, withAdminClient } from './support/postgres';

const STATEMENT_TIMEOUT = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ elapsedMs: number; result: PromiseSettledResult<T> }> {
  const started = Date.now();
  const [result] = await Promise.allSettled([work()]);
  return { elapsedMs: Date.now() - started, result };
}

function errorCode(result: PromiseSettledResult<unknown>): unknown {
  return result.status === 'rejected' ? (result.reason as { code?: string }).code : 'fulfilled';
}

describe('database session timeouts against PostgreSQL', () => {
  const schema = uniqueSchemaName('timeouts');
  let db: DataSource;

  beforeAll(async () => {
    db = await createDataSource(
      typeOrmOptions({
        ...testPostgres(),
        schema,
        poolSize: 3,
        migrations: [CreateWidgets1764000000001, SlowBackfill1764000000002],
        timeouts: { statementMs: 300, lockMs: 150, idleInTransactionMs: 400, migrationStatementMs: 10_000 },
      }),
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await dropSchema(schema);
  });

  it('ran a migration longer than the statement timeout, then gave the pool its own settings back', async () => {
    await expect(
      db.query(`SELECT count(*)::int AS n FROM widget WHERE label = 'backfilled'`),
    ).resolves.toEqual([{ n: 1 }]);
    const settings = await Promise.all(
      [1, 2, 3].map(() =>
        db.query(
          `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
                  current_setting('idle_in_transaction_session_timeout') AS idle`,
        ),
      ),
    );
    expect(settings.flat()).toEqual(Array(3).fill({ statement: '300ms', lock: '150ms', idle: '400ms' }));
  });

  it('cancels a statement running past the statement timeout', async () => {
    const { elapsedMs, result } = await timed(() => db.query(`SELECT pg_sleep(5)`));

    expect(errorCode(result)).toBe(STATEMENT_TIMEOUT);
    expect(elapsedMs).toBeLessThan(2_500);
  });

  it('fails a lock wait after the lock timeout, while another session holds the row', async () => {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO widget (label) VALUES ('locked') RETURNING id`,
    );
    const attempt = await withAdminClient(async (holder) => {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "${schema}".widget WHERE id = $1 FOR UPDATE`, [id]);
      try {
        return await timed(() => db.query(`UPDATE widget SET label = 'changed' WHERE id = $1`, [id]));
      } finally {
        await holder.query('ROLLBACK');
      }
    });

    expect(errorCode(attempt.result)).toBe(LOCK_NOT_AVAILABLE);
    expect(attempt.elapsedMs).toBeLessThan(2_500);
  });

  it('closes a session left idle inside a transaction, and the pool carries on', async () => {
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO widget (label) VALUES ('abandoned')`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await expect(runner.query('SELECT 1')).rejects.toThrow();
    } finally {
      await runner.release();
    }

    await expect(
      db.query(`SELECT count(*)::int AS n FROM widget WHERE label = 'abandoned'`),
    ).resolves.toEqual([{ n: 0 }]);
  });

  describe('a transaction abandoned by its signal', () => {
    it('rejects with the reason at once, even while a statement runs', async () => {
      const deadline = new AbortController();
      setTimeout(() => deadline.abort(new Error('deadline passed')), 100);

      const { elapsedMs, result } = await timed(() =>
        withTransaction(
          db,
          async (tx) => {
            await tx.query(`SET LOCAL statement_timeout = '5s'`);
            await tx.query(`SELECT pg_sleep(2)`);
          },
          deadline.signal,
        ),
      );

      expect(result).toEqual({ status: 'rejected', reason: new Error('deadline passed') });
      expect(elapsedMs).toBeLessThan(1_500);
    });

    it('commits nothing of the late work, not even what it writes after the deadline', async () => {
      const deadline = new AbortController();
      let lateWrite: Promise<unknown> = Promise.resolve();
      const abandoned = withTransaction(
        db,
        async (tx) => {
          await tx.query(`INSERT INTO widget (label) VALUES ('late-before')`);
          deadline.abort(new Error('deadline passed'));
          await new Promise((resolve) => setTimeout(resolve, 50));
          lateWrite = tx.query(`INSERT INTO widget (label) VALUES ('late-after')`);
          await lateWrite;
        },
        deadline.signal,
      );

      await expect(abandoned).rejects.toThrow('deadline passed');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(lateWrite).rejects.toThrow();
      await expect(db.query(`SELECT label FROM widget WHERE label LIKE 'late-%'`)).resolves.toEqual([]);
    });

    it('leaves a pool whose connections are all usable and outside any transaction', async () => {
      const states = await Promise.all(
        [1, 2, 3].map(() => db.query(`SELECT now() = statement_timestamp() AS own_transaction`)),
      );

      expect(states.flat()).toEqual(Array(3).fill({ own_transaction: true }));
    });

    it('commits as usual when the signal does not abort', async () => {
      const deadline = new AbortController();
      await withTransaction(
        db,
        (tx) => tx.query(`INSERT INTO widget (label) VALUES ('in-time')`),
        deadline.signal,
      );
      deadline.abort(new Error('too late to matter'));

      await expect(db.query(`SELECT label FROM widget WHERE label = 'in-time'`)).resolves.toEqual([
        { label: 'in-time' },
      ]);
    });
  });
});
