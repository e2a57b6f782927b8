import { InvalidSchemaNameError, pgClientConfig, quoteSchema } from './postgres-connection';
import { InvalidTimeoutError } from './session-timeouts';
import { typeOrmOptions } from './typeorm-options';

describe('typeOrmOptions', () => {
  const connection = { host: 'db', port: 5433, user: 'svc', password: 'secret', database: 'notify' };

  it('points search_path at the service schema and keeps schema changes in migrations', () => {
    const options = typeOrmOptions({ ...connection, schema: 'communities' });

    expect(options).toMatchObject({
      type: 'postgres',
      host: 'db',
      port: 5433,
      username: 'svc',
      schema: 'communities',
      synchronize: false,
      migrationsRun: true,
      migrationsTableName: 'migrations',
      installExtensions: false,
      extra: {
        options:
          '-c search_path=communities -c default_transaction_isolation=read\\ committed ' +
          '-c statement_timeout=30000 -c lock_timeout=5000 ' +
          '-c idle_in_transaction_session_timeout=60000',
        migrationStatementTimeoutMs: 900_000,
      },
    });
  });

  it('starts every connection with the configured timeouts, keeping defaults for the others', () => {
    const options = typeOrmOptions({
      ...connection,
      schema: 'dispatcher',
      timeouts: { statementMs: 2_000, lockMs: 0, migrationStatementMs: 0 },
    });

    expect(options.extra).toEqual({
      options:
        '-c search_path=dispatcher -c default_transaction_isolation=read\\ committed ' +
        '-c statement_timeout=2000 -c lock_timeout=0 ' +
        '-c idle_in_transaction_session_timeout=60000',
      migrationStatementTimeoutMs: 0,
    });
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 31])('rejects the timeout %p', (statementMs) => {
    expect(() => typeOrmOptions({ ...connection, schema: 'x', timeouts: { statementMs } })).toThrow(
      InvalidTimeoutError,
    );
  });

  it('prefers a URL over discrete fields', () => {
    const options = typeOrmOptions({ url: 'postgres://svc@db/notify', schema: 'dispatcher' });

    expect(options).toMatchObject({ url: 'postgres://svc@db/notify' });
    expect(options).not.toHaveProperty('host');
  });

  it.each(['Communities', 'a-b', 'x;drop table y', '', '1abc'])('rejects the schema name %p', (schema) => {
    expect(() => typeOrmOptions({ ...connection, schema })).toThrow(InvalidSchemaNameError);
  });
});

describe('pgClientConfig', () => {
  it('derives a dedicated client with the same credentials and search_path', () => {
    const config = pgClientConfig(
      typeOrmOptions({
        host: 'db',
        port: 5432,
        user: 'svc',
        password: 'secret',
        database: 'notify',
        schema: 'moderation',
      }),
    );

    expect(config).toMatchObject({
      host: 'db',
      user: 'svc',
      password: 'secret',
      database: 'notify',
      options: expect.stringMatching(
        /^-c search_path=moderation -c default_transaction_isolation=read\\ committed -c statement_timeout=30000 /,
      ),
    });
  });
});

describe('quoteSchema', () => {
  it('quotes a plain identifier', () => {
    expect(quoteSchema('preferences')).toBe('"preferences"');
  });
});
