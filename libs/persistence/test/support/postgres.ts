import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { PostgresConnection } from '../../src';

/** The local test PostgreSQL (`npm run infra -- up`), overridable with the usual PG* variables. */
export function testPostgres(): Required<Omit<PostgresConnection, 'url'>> {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    password: process.env.PGPASSWORD ?? '',
    database: process.env.PGDATABASE ?? 'test',
  };
}

export function uniqueSchemaName(label: string): string {
  return `t_${label}_${randomBytes(4).toString('hex')}`;
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(testPostgres());
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function dropSchema(schema: string): Promise<void> {
  return withAdminClient(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}
