/** Session settings every connection of a service starts with, in milliseconds; 0 lifts a limit. */
export interface DatabaseTimeouts {
  /** `statement_timeout`: the longest one statement may run. */
  statementMs: number;
  /** `lock_timeout`: the longest a statement waits for a lock. */
  lockMs: number;
  /** `idle_in_transaction_session_timeout`: a session idle in an open transaction this long is closed. */
  idleInTransactionMs: number;
  /** `statement_timeout` of the migrations run at start-up, which may rewrite large tables. */
  migrationStatementMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  statementMs: 30_000,
  lockMs: 5_000,
  idleInTransactionMs: 60_000,
  migrationStatementMs: 15 * 60_000,
};

/** PostgreSQL keeps these settings in a signed 32-bit number of milliseconds. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export class InvalidTimeoutError extends Error {
  constructor(name: string, value: number) {
    super(`${name} must be a whole number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, not ${value}`);
    this.name = 'InvalidTimeoutError';
  }
}

/** `-c name=value` startup parameters applying the timeouts to a new connection (they are interpolated). */
export function timeoutOptions(timeouts: DatabaseTimeouts): string {
  const settings: [string, number][] = [
    ['statement_timeout', timeouts.statementMs],
    ['lock_timeout', timeouts.lockMs],
    ['idle_in_transaction_session_timeout', timeouts.idleInTransactionMs],
  ];
  return settings.map(([name, value]) => `-c ${name}=${checkedTimeout(name, value)}`).join(' ');
}

export function checkedTimeout(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new InvalidTimeoutError(name, value);
  }
  return value;
}
