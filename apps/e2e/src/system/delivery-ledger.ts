import { waitFor, type PostgresEndpoint } from '@notify/testing';
import { Pool } from 'pg';

/** One delivery row of the dispatcher: what became of one (event, recipient, email). */
export interface DeliveryOutcome {
  eventId: string;
  recipientUserId: string;
  template: string;
  status: string;
  reason: string | null;
  attempts: number;
  /** When the row was recorded as sent (the database's clock). */
  sentAt: Date | null;
}

const IN_PROGRESS = new Set(['pending', 'sending']);

/**
 * Counts the dispatcher's delivery rows for given events, through a read-only session on its schema. The
 * resilience scenarios need exact totals across thousands of rows (per status, per event), which the paged
 * delivery-log API is not meant for; what a single user sees is still asserted through that API elsewhere.
 */
export class DeliveryLedger {
  private readonly pool: Pool;

  constructor(endpoint: PostgresEndpoint, schema: string) {
    this.pool = new Pool({
      ...endpoint,
      max: 2,
      options: `-c search_path=${schema} -c default_transaction_read_only=on`,
    });
  }

  async outcomes(eventIds: readonly string[]): Promise<DeliveryOutcome[]> {
    const { rows } = await this.pool.query<DeliveryOutcome>(
      `SELECT e.event_id AS "eventId", d.recipient_user_id AS "recipientUserId", d.template, d.status, d.reason,
              d.attempts, d.sent_at AS "sentAt"
         FROM deliveries d
         JOIN notification_events e ON e.id = d.event_ref
        WHERE e.event_id = ANY($1::text[])`,
      [eventIds],
    );
    return rows;
  }

  /** Waits until the events have `expectedRows` delivery rows, none of them still pending or being sent. */
  async waitUntilSettled(
    eventIds: readonly string[],
    expectedRows: number,
    timeoutMs: number,
  ): Promise<DeliveryOutcome[]> {
    let latest: DeliveryOutcome[] = [];
    try {
      return await waitFor(
        async () => {
          latest = await this.outcomes(eventIds);
          const settled =
            latest.length >= expectedRows && latest.every((outcome) => !IN_PROGRESS.has(outcome.status));
          return settled ? latest : undefined;
        },
        { timeoutMs, intervalMs: 250, description: `${expectedRows} settled delivery row(s)` },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; rows by status: ${JSON.stringify(countBy(latest))}`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** What a scenario expects: one delivery row per event, for this recipient. */
export interface ExpectedDelivery {
  eventId: string;
  recipientUserId: string;
}

/**
 * Describes every expected delivery that does not have exactly one row, for its own recipient, with `status`;
 * an empty list means each (event, recipient) had exactly one outcome.
 */
export function deliveriesWithoutOneOutcome(
  expected: readonly ExpectedDelivery[],
  outcomes: readonly DeliveryOutcome[],
  status = 'sent',
): string[] {
  const byEvent = new Map<string, DeliveryOutcome[]>();
  for (const outcome of outcomes) {
    byEvent.set(outcome.eventId, [...(byEvent.get(outcome.eventId) ?? []), outcome]);
  }
  return expected
    .map((delivery) => ({ delivery, rows: byEvent.get(delivery.eventId) ?? [] }))
    .filter(
      ({ delivery, rows }) =>
        rows.length !== 1 ||
        rows[0].status !== status ||
        rows[0].recipientUserId !== delivery.recipientUserId,
    )
    .map(
      ({ delivery, rows }) =>
        `${delivery.eventId} to ${delivery.recipientUserId}: ${JSON.stringify(rows.map(({ status: found, reason }) => ({ found, reason })))}`,
    );
}

/** `{ sent: 290, sending: 10 }` */
export function countBy(outcomes: readonly DeliveryOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of outcomes) {
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}
