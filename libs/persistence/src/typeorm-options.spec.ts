import { InvalidSchemaNameError, pgClientConfig, quoteSchema } from './postgres-connection';
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
      extra: { options: '-c search_path=communities' },
    });
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
      options: '-c search_path=moderation',
    });
  });
});

describe('quoteSchema', () => {
  it('quotes a plain identifier', () => {
    expect(quoteSchema('preferences')).toBe('"preferences"');
  });
});
