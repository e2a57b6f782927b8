export type { PostgresConnection } from './postgres-connection';
export { InvalidSchemaNameError, pgClientConfig, quoteSchema } from './postgres-connection';
export type { PersistenceOptions } from './typeorm-options';
export { typeOrmOptions } from './typeorm-options';
export { MissingSchemaError, createDataSource, ensureSchema, runMigrationsExclusively } from './data-source';
export { withTransaction } from './transaction';
