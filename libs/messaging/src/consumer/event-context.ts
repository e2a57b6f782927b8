// Owns the @Ctx() of an event handler: the transaction and what the handler may know about the event.
import { BaseRpcContext } from '@nestjs/microservices';
import type { EventType, TypedCloudEvent } from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import type { MessageContext } from './handler-context';

/** What a handler may know about the event beyond its payload: envelope fields and where it was read. */
export interface EventMetadata {
  id: string;
  type: EventType;
  source: string;
  time: string;
  subject?: string;
  traceparent?: string;
  /** Logical topic name (without the deployment's prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  groupId: string;
  /** 1 on the first try, incremented on each retry of a failing handler. */
  attempt: number;
}

type EventContextArgs<T extends EventType> = [TypedCloudEvent<T>, EntityManager, MessageContext];

/**
 * The `@Ctx()` of an `@EventPattern` handler: the transaction in which the event's inbox row was written (all of
 * the handler's writes go through it, so they commit with the deduplication mark) and the event's metadata.
 */
export class EventContext<T extends EventType = EventType> extends BaseRpcContext<EventContextArgs<T>> {
  /** The transaction shared with the inbox row. */
  get tx(): EntityManager {
    return this.args[1];
  }

  /** The whole validated event, envelope and data, for services that keep or forward it. */
  get event(): TypedCloudEvent<T> {
    return this.args[0];
  }

  /** Kafka coordinates, attempt and `beforeCommit`, as the engine passes them. */
  get message(): MessageContext {
    return this.args[2];
  }

  get metadata(): EventMetadata {
    const { id, type, source, time, subject, traceparent } = this.event;
    const { topic, partition, offset, key, groupId, attempt } = this.message;
    return { id, type, source, time, subject, traceparent, topic, partition, offset, key, groupId, attempt };
  }

  /** Defers work to the end of the transaction; see `MessageContext.beforeCommit`. */
  beforeCommit(task: () => Promise<void>): void {
    this.message.beforeCommit(task);
  }
}
