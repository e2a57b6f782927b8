import type { DeadLetterReason } from '@notify/contracts';

/**
 * Counters the backbone reports; an app binds an implementation backed by its metrics registry. Topics are
 * logical names so dashboards do not depend on a deployment's prefix.
 */
export abstract class MessagingMetrics {
  abstract consumed(topic: string, type: string): void;
  abstract duplicate(topic: string, type: string): void;
  abstract ignored(topic: string, type: string): void;
  abstract retried(topic: string, type: string): void;
  abstract deadLettered(topic: string, reason: DeadLetterReason): void;
  abstract published(topic: string, count: number): void;
  /** Age in seconds of the oldest unpublished outbox row (0 when the outbox is drained). */
  abstract relayLag(seconds: number): void;
  /** Rows in the parked table by logical topic, as last counted; a topic missing from `counts` has none. */
  abstract parkedRows(counts: ReadonlyMap<string, number>): void;
}

export class NoopMessagingMetrics extends MessagingMetrics {
  consumed(): void {}
  duplicate(): void {}
  ignored(): void {}
  retried(): void {}
  deadLettered(): void {}
  published(): void {}
  relayLag(): void {}
  parkedRows(): void {}
}
