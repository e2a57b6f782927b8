export type { PostgresConnection } from './postgres-connection';
export { InvalidSchemaNameError, pgClientConfig, quoteSchema } from './postgres-connection';
export type { PersistenceOptions, ServiceConnectionExtra } from './typeorm-options';
export { DEFAULT_DATABASE_TIMEOUTS, InvalidTimeoutError, type DatabaseTimeouts } from './session-timeouts';
export { typeOrmOptions } from './typeorm-options';
export { MissingSchemaError, createDataSource, ensureSchema, runMigrationsExclusively } from './data-source';
export { withTransaction } from './transaction';
export {
  DATABASE_READINESS_CHECK,
  DatabaseReadiness,
  DatabaseReadinessModule,
} from './database-readiness.module';
export { DatabaseModule, type DatabaseModuleAsyncOptions } from './database.module';
