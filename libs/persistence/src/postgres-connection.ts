import type { ClientConfig } from 'pg';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** Where a service's PostgreSQL lives: either a URL or discrete fields. */
export interface PostgresConnection {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class InvalidSchemaNameError extends Error {
  constructor(schema: string) {
    super(
      `Schema name "${schema}" must match ${SCHEMA_NAME.source} (lower-case letters, digits, underscores)`,
    );
    this.name = 'InvalidSchemaNameError';
  }
}

/** Returns the schema quoted for SQL, after checking it is a plain identifier (it is interpolated, never bound). */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new InvalidSchemaNameError(schema);
  }
  return `"${schema}"`;
}

/** Startup parameter that makes every unqualified name resolve in the service schema. */
export function searchPathOption(schema: string): string {
  quoteSchema(schema);
  return `-c search_path=${schema}`;
}

/**
 * pg client settings equivalent to a DataSource's, for connections that must live outside the pool
 * (LISTEN, session advisory locks).
 */
export function pgClientConfig(options: PostgresConnectionOptions): ClientConfig {
  const extra = (options.extra ?? {}) as { options?: string };
  const base: ClientConfig = options.url
    ? { connectionString: options.url }
    : {
        host: options.host,
        port: options.port,
        user: options.username,
        password: typeof options.password === 'string' ? options.password : undefined,
        database: options.database,
      };
  const schemaOption = options.schema ? searchPathOption(options.schema) : undefined;
  return { ...base, options: extra.options ?? schemaOption, application_name: options.applicationName };
}
