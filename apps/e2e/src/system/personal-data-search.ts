import type { PostgresEndpoint } from '@notify/testing';
import { Client } from 'pg';

const TEXT_TYPES = ['text', 'character varying', 'character', 'jsonb', 'json'];

/**
 * Searches every text, varchar and JSON column of every table in `schemas` for any of `needles`
 * (case-insensitive); answers `schema.table.column contains "needle"` for each hit.
 */
export async function findPersonalData(
  endpoint: PostgresEndpoint,
  schemas: readonly string[],
  needles: readonly string[],
): Promise<string[]> {
  const client = new Client(endpoint);
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ schema: string; table: string; column: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = ANY($1::text[]) AND t.table_type = 'BASE TABLE' AND c.data_type = ANY($2::text[])`,
      [schemas, TEXT_TYPES],
    );
    const hits: string[] = [];
    for (const { schema, table, column } of columns) {
      for (const needle of needles) {
        const { rowCount } = await client.query(
          `SELECT 1 FROM "${schema}"."${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0 LIMIT 1`,
          [needle],
        );
        if (rowCount) {
          hits.push(`${schema}.${table}.${column} contains "${needle}"`);
        }
      }
    }
    return hits;
  } finally {
    await client.end();
  }
}

/** How many text columns the search covers, so a scenario can show it searched something. */
export async function countSearchedColumns(
  endpoint: PostgresEndpoint,
  schemas: readonly string[],
): Promise<number> {
  const client = new Client(endpoint);
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = ANY($1::text[]) AND t.table_type = 'BASE TABLE' AND c.data_type = ANY($2::text[])`,
      [schemas, TEXT_TYPES],
    );
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}
