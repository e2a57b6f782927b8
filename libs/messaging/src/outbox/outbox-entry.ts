/** A row of the `outbox` table as the relay reads it. */
export interface OutboxRow {
  id: string;
  /** Logical topic; the relay applies the deployment's prefix. */
  topic: string;
  messageKey: string;
  eventType: string;
  payload: unknown;
  headers: Record<string, string>;
  createdAt: Date;
}

/** What `OutboxWriter` stores for one event. */
export interface NewOutboxEntry {
  topic: string;
  messageKey: string;
  eventType: string;
  eventId: string;
  payload: unknown;
  headers: Record<string, string>;
}
