import { randomBytes } from 'node:crypto';
import type { DataSource, Logger } from 'typeorm';
import { createDataSource, typeOrmOptions, withTransaction } from '../src';
import { dropSchema, testPostgres, uniqueSchemaName, withAdminClient } from './support/postgres';

/** The statements TypeORM sends, in order. */
class StatementLog implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe('transactions of a service against PostgreSQL', () => {
  const schema = uniqueSchemaName('transactions');
  // A role whose own default is SERIALIZABLE: the service's connections must still run READ COMMITTED.
  const role = `t_serializable_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const log = new StatementLog();
  let db: DataSource;

  beforeAll(async () => {
    const { database } = testPostgres();
    await withAdminClient(async (client) => {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      await client.query(`ALTER ROLE ${role} SET default_transaction_isolation = 'serializable'`);
      await client.query(`GRANT CREATE ON DATABASE "${database}" TO ${role}`);
    });
    db = await createDataSource({
      ...typeOrmOptions({ ...testPostgres(), user: role, password, schema, poolSize: 2 }),
      logging: ['query'],
      logger: log,
    });
  });

  afterAll(async () => {
    await db?.destroy();
    await dropSchema(schema);
    await withAdminClient(async (client) => {
      await client.query(`REVOKE CREATE ON DATABASE "${testPostgres().database}" FROM ${role}`);
      await client.query(`DROP ROLE IF EXISTS ${role}`);
    });
  });

  it.each([
    ['without a deadline', undefined],
    ['with a deadline', new AbortController().signal],
  ])('runs READ COMMITTED, begun in one statement, %s', async (_case, signal) => {
    log.statements.length = 0;

    const isolation = await withTransaction(
      db,
      async (tx) => {
        const [row] = await tx.query<{ isolation: string }[]>(
          `SELECT current_setting('transaction_isolation') AS isolation`,
        );
        return row.isolation;
      },
      signal,
    );

    expect(isolation).toBe('read committed');
    expect(log.statements).toEqual([
      'START TRANSACTION',
      `SELECT current_setting('transaction_isolation') AS isolation`,
      'COMMIT',
    ]);
  });

  it('leaves the role its own default outside the service', async () => {
    const { host, port, database } = testPostgres();
    const { Client } = await import('pg');
    const client = new Client({ host, port, database, user: role, password });
    await client.connect();
    try {
      const { rows } = await client.query<{ isolation: string }>(
        `SELECT current_setting('default_transaction_isolation') AS isolation`,
      );
      expect(rows).toEqual([{ isolation: 'serializable' }]);
    } finally {
      await client.end();
    }
  });
});
