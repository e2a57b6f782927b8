import { Client } from 'pg';

/** One SQL statement sent to PostgreSQL by any `pg` client of this process, with the rows it answered. */
export interface LoggedStatement {
  sql: string;
  rows: number;
  /** From submitting the statement to its answer. */
  ms: number;
}

/** Statements carrying this comment are the test's own (seeding, polling) and are not logged. */
export const UNLOGGED = '/* unlogged */';

type QueryCallback = (error: Error | null, result?: { rowCount?: number | null }) => void;

/**
 * Logs every statement the process's `pg` clients submit (TypeORM's pool, the lease connection, LISTEN) until
 * `stop()`: what the dispatcher sends over the wire, counted on the client side, with no server extension needed.
 */
export function logStatements(): { statements: LoggedStatement[]; stop(): void } {
  const statements: LoggedStatement[] = [];
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]): unknown {
    const [first] = args;
    const sql = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    if (sql.includes(UNLOGGED)) {
      return original.apply(this, args);
    }
    const startedAt = performance.now();
    const logged: LoggedStatement = { sql, rows: 0, ms: 0 };
    statements.push(logged);
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as QueryCallback;
      args[args.length - 1] = (error: Error | null, result?: { rowCount?: number | null }) => {
        logged.rows = result?.rowCount ?? 0;
        logged.ms = performance.now() - startedAt;
        callback(error, result);
      };
      return original.apply(this, args);
    }
    const answer = original.apply(this, args);
    if (answer instanceof Promise) {
      return answer.then((result: { rowCount?: number | null } | undefined) => {
        logged.rows = result?.rowCount ?? 0;
        logged.ms = performance.now() - startedAt;
        return result;
      });
    }
    return answer;
  };
  return {
    statements,
    stop: () => {
      prototype.query = original;
    },
  };
}
