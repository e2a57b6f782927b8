import type { ParkReason, ParkedKind } from './parking-rules';

/** A parked record as operators list it (the payload stays in the table). */
export interface ParkedRow {
  id: string;
  kind: ParkedKind;
  reason: ParkReason;
  error: string;
  /** Logical topic the record was meant for (`<topic>.dlq` for a dead-letter copy). */
  topic: string;
  key: string | null;
  eventType: string | null;
  eventId: string | null;
  sizeBytes: number;
  attempts: number;
  createdAt: Date;
  firstAttemptAt: Date;
  lastAttemptAt: Date;
  parkedAt: Date;
}

export interface OutboxParking {
  reason: ParkReason;
  error: string;
  sizeBytes: number;
}

/** A dead-letter copy Kafka refused, as it would have been sent. */
export interface ParkedDeadLetter extends OutboxParking {
  /** Logical dead-letter topic. */
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  eventType?: string;
  eventId?: string;
  attempts: number;
  firstAttemptAt: Date;
}

/** A parked dead-letter copy ready to be sent again. */
export interface DeadLetterRecord {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}
