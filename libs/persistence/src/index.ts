export type { PostgresConnection } from './postgres-connection';
export { InvalidSchemaNameError, pgClientConfig, quoteSchema } from './postgres-connection';
export type { PersistenceOptions } from './typeorm-options';
export { typeOrmOptions } from './typeorm-options';
export { MissingSchemaError, createDataSource, ensureSchema, runMigrationsExclusively } from './data-source';
export { withTransaction } from './transaction';
export {
  DATABASE_READINESS_CHECK,
  DatabaseReadiness,
  DatabaseReadinessModule,
} from './database-readiness.module';
export { DatabaseModule, type DatabaseModuleAsyncOptions } from './database.module';
