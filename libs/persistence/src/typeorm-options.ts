import type { DataSourceOptions } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { PostgresConnection, searchPathOption } from './postgres-connection';
import { checkedTimeout, DEFAULT_DATABASE_TIMEOUTS, timeoutOptions, type DatabaseTimeouts } from './session-timeouts';

/** `extra` of the options built here: the pg startup parameters and what `createDataSource` reads back. */
export interface ServiceConnectionExtra {
  /** `-c` startup parameters: search_path, the transactions' isolation and the session timeouts. */
  options: string;
  /** `statement_timeout` while `createDataSource` runs the migrations (pg ignores the key). */
  migrationStatementTimeoutMs: number;
}

export interface PersistenceOptions extends PostgresConnection {
  /** The service's own schema; every table of the service lives there, unqualified. */
  schema: string;
  entities?: DataSourceOptions['entities'];
  migrations?: DataSourceOptions['migrations'];
  /** Run pending migrations when the DataSource is created through `createDataSource` (default true). */
  migrationsRun?: boolean;
  poolSize?: number;
  applicationName?: string;
  logging?: boolean;
  /** Statement, lock and idle-in-transaction limits of every connection; unset fields keep the defaults. */
  timeouts?: Partial<DatabaseTimeouts>;
}

/**
 * Every transaction of a service is READ COMMITTED (`withTransaction`). Made the session's default, whatever the
 * server's or the database's, it needs no `SET TRANSACTION` after each `START TRANSACTION`: one round trip less per
 * transaction. The space in the value is escaped for PostgreSQL's startup options.
 */
const ISOLATION_OPTION = '-c default_transaction_isolation=read\\ committed';

/**
 * TypeORM options for a service that owns one PostgreSQL schema: search_path points at it, so migrations
 * create unqualified tables there, and TypeORM's own `migrations` table lands there too.
 */
export function typeOrmOptions(options: PersistenceOptions): PostgresConnectionOptions {
  const connection = options.url
    ? { url: options.url }
    : {
        host: options.host,
        port: options.port,
        username: options.user,
        password: options.password,
        database: options.database,
      };
  const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, ...options.timeouts };
  const extra: ServiceConnectionExtra = {
    options: `${searchPathOption(options.schema)} ${ISOLATION_OPTION} ${timeoutOptions(timeouts)}`,
    migrationStatementTimeoutMs: checkedTimeout('migration statement_timeout', timeouts.migrationStatementMs),
  };
  return {
    type: 'postgres',
    ...connection,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsRun: options.migrationsRun ?? true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Extensions are database-wide; gen_random_uuid() is built in, so no schema-local extension is needed.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    poolSize: options.poolSize,
    applicationName: options.applicationName,
    logging: options.logging ?? false,
    extra,
  };
}
