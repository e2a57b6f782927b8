import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';
import { quoteSchema } from './postgres-connection';
import { checkedTimeout, DEFAULT_DATABASE_TIMEOUTS } from './session-timeouts';

export class MissingSchemaError extends Error {
  constructor() {
    super('The DataSource options have no `schema`; build them with typeOrmOptions()');
    this.name = 'MissingSchemaError';
  }
}

function schemaOf(options: DataSourceOptions): string {
  const schema = 'schema' in options ? options.schema : undefined;
  if (!schema) {
    throw new MissingSchemaError();
  }
  return schema;
}

// Two sessions racing on CREATE SCHEMA IF NOT EXISTS can still collide on the catalog's unique index.
const SCHEMA_ALREADY_CREATED = new Set(['23505', '42P06']);

/** Creates the service schema when it does not exist yet (idempotent, safe across replicas). */
export async function ensureSchema(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(schemaOf(dataSource.options))}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code || !SCHEMA_ALREADY_CREATED.has(code)) {
      throw error;
    }
  }
}

// First key of the two-key advisory lock, a key space of its own that application locks cannot collide with.
const MIGRATION_LOCK_CLASS = 740000;

function migrationStatementTimeoutOf(options: DataSourceOptions): number {
  const extra = (options.extra ?? {}) as { migrationStatementTimeoutMs?: number };
  return checkedTimeout(
    'migration statement_timeout',
    extra.migrationStatementTimeoutMs ?? DEFAULT_DATABASE_TIMEOUTS.migrationStatementMs,
  );
}

/**
 * Runs pending migrations while holding a per-schema advisory lock, so replicas starting together take turns.
 * Migrations (and the wait for another replica's) get the longer migration `statement_timeout`; the lock waits
 * inside them keep the service's `lock_timeout`, so a migration stuck behind traffic fails rather than block it.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const schema = schemaOf(dataSource.options);
  const timeoutMs = migrationStatementTimeoutOf(dataSource.options);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET statement_timeout = ${timeoutMs}`);
    await runner.query(`SET lock_timeout = 0`);
    await runner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_CLASS}, hashtext($1))`, [schema]);
    try {
      await runner.query(`RESET lock_timeout`);
      const migrations = new MigrationExecutor(dataSource, runner);
      migrations.transaction = 'each';
      await migrations.executePendingMigrations();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_CLASS}, hashtext($1))`, [schema]);
    }
  } finally {
    // RESET returns to the connection's startup values, so the pool gets the connection back as it lent it.
    try {
      await runner.query(`RESET statement_timeout; RESET lock_timeout`);
    } finally {
      await runner.release();
    }
  }
}

/**
 * Initializes a DataSource, creating its schema before any migration runs. Use it as
 * `TypeOrmModule.forRootAsync({ dataSourceFactory })` so Nest apps get the same start-up order.
 */
export async function createDataSource(options: DataSourceOptions): Promise<DataSource> {
  const runMigrations = options.migrationsRun ?? false;
  const dataSource = new DataSource({ ...options, migrationsRun: false });
  await dataSource.initialize();
  try {
    await ensureSchema(dataSource);
    if (runMigrations) {
      await runMigrationsExclusively(dataSource);
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
