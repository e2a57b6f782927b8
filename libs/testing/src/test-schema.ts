import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { getTestInfra } from './test-infra';
import type { PostgresEndpoint } from './test-infra.types';

export interface TestSchema {
  /** Lower-case identifier, safe to interpolate unquoted. */
  schema: string;
  drop(): Promise<void>;
}

const MAX_IDENTIFIER_LENGTH = 63;

/** Creates a fresh PostgreSQL schema so a suite's tables never meet another suite's. */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const { postgres } = await getTestInfra();
  const suffix = randomBytes(4).toString('hex');
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_IDENTIFIER_LENGTH - suffix.length - 4);
  const schema = `t_${safeLabel}_${suffix}`;
  await execute(postgres, `CREATE SCHEMA "${schema}"`);
  return { schema, drop: () => execute(postgres, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}

async function execute(endpoint: PostgresEndpoint, sql: string): Promise<void> {
  const client = new Client(endpoint);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
