import type { UpstreamService } from '../config/console.config';

/** A row of `GET /ops/outbox/parked`: an event the relay gave up publishing until someone retries it. */
export interface ParkedOutboxRow {
  id: string;
  topic?: string;
  eventType?: string;
  eventId?: string;
  attempts?: number;
  lastError?: string;
  parkedAt?: string;
  createdAt?: string;
}

export type ParkedOutboxState =
  | { service: UpstreamService; state: 'listed'; rows: ParkedOutboxRow[] }
  | { service: UpstreamService; state: 'absent' }
  | { service: UpstreamService; state: 'unreachable'; problem: string };

/** The answer's rows, whether the service wraps them in `{ items }` or answers the bare list. */
export function parkedRowsOf(answer: unknown): ParkedOutboxRow[] {
  const rows: unknown = Array.isArray(answer) ? answer : (answer as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(rows)) {
    throw new Error('GET /ops/outbox/parked answered neither a list nor { items: [...] }');
  }
  return rows.filter((row): row is ParkedOutboxRow => typeof (row as { id?: unknown })?.id === 'string');
}
