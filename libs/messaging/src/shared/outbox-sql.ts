// The outbox's notify channel and advisory locks, shared by the relay that drains the outbox and the retry of a
// parked row that puts one back into it.

/** Anything that runs SQL: the relay's dedicated pg client or a TypeORM manager. */
export interface SqlRunner {
  query<R = unknown>(sql: string, params?: unknown[]): Promise<R>;
}

/** The channel a new outbox row is announced on, one per service schema. */
export const OUTBOX_CHANNEL_SQL = `'outbox_' || current_schema()`;

// Two-key advisory locks live in their own key space; the first key names the purpose, so a hash collision
// between a message key and the relay's lock (held for hours) cannot block a writer.
export const RELAY_LOCK_SQL = `740001, hashtext(current_schema())`;
export const MESSAGE_KEY_LOCK_SQL = `740002, hashtext(current_schema() || ':' || $1)`;
