import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of a statement with RETURNING, whatever its command: TypeORM answers UPDATE and DELETE with
 * `[rows, affected count]` and every other statement with the rows themselves.
 */
export async function queryRows<T>(
  db: DataSource | EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result: unknown = await db.query(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
