import type { EventType, TypedCloudEvent } from '@notify/contracts';
import type { EntityManager } from 'typeorm';

/** Where a consumed event came from, for logging, tracing and idempotency keys finer than the event id. */
export interface MessageContext {
  /** Logical topic name (without the deployment's prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  groupId: string;
  /** 1 on the first try, incremented on each retry of a failing handler. */
  attempt: number;
}

/**
 * An `@OnEvent(type)` method: receives the validated event and the transaction in which its inbox row was
 * written. All of the handler's database writes go through `tx`, so they commit with the deduplication mark.
 */
export type EventHandler<T extends EventType> = (
  event: TypedCloudEvent<T>,
  tx: EntityManager,
  context: MessageContext,
) => Promise<void>;
