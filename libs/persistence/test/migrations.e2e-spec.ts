import type { DataSource } from 'typeorm';
import { createDataSource, typeOrmOptions, withTransaction } from '../src';
import { CreateWidgets1764000000001 } from './fixtures/1764000000001-CreateWidgets';
import { dropSchema, testPostgres, uniqueSchemaName, withAdminClient } from './support/postgres';

describe('createDataSource against PostgreSQL', () => {
  const schema = uniqueSchemaName('persist');
  const options = typeOrmOptions({ ...testPostgres(), schema, migrations: [CreateWidgets1764000000001] });
  let dataSources: DataSource[] = [];

  afterAll(async () => {
    await Promise.all(dataSources.map((ds) => ds.destroy()));
    await dropSchema(schema);
  });

  it('creates the schema and runs migrations into it, once, even when replicas start together', async () => {
    dataSources = await Promise.all([createDataSource(options), createDataSource(options)]);

    const tables = await withAdminClient((client) =>
      client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      ),
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(['migrations', 'widget']);
    const applied = await dataSources[0].query(`SELECT name FROM migrations`);
    expect(applied).toEqual([{ name: 'CreateWidgets1764000000001' }]);
    const leaked = await withAdminClient((client) =>
      client.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'widget'`,
      ),
    );
    expect(leaked.rowCount).toBe(0);
  });

  it('resolves unqualified names in the service schema and rolls back a failed transaction', async () => {
    const [dataSource] = dataSources;
    await withTransaction(dataSource, (tx) => tx.query(`INSERT INTO widget (label) VALUES ('kept')`));
    await expect(
      withTransaction(dataSource, async (tx) => {
        await tx.query(`INSERT INTO widget (label) VALUES ('discarded')`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    const labels = await withAdminClient((client) => client.query(`SELECT label FROM "${schema}".widget`));
    expect(labels.rows).toEqual([{ label: 'kept' }]);
  });

  it('reverts the last migration with its down step', async () => {
    await dataSources[0].undoLastMigration();
    const widget = await withAdminClient((client) =>
      client.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'widget'`,
        [schema],
      ),
    );
    expect(widget.rowCount).toBe(0);
  });
});
