// Owns the @EventConsumer class decorator: the topic a consumer reads and the types it ignores.
import { applyDecorators, Controller, SetMetadata, UseFilters } from '@nestjs/common';
import type { EventType, Topic } from '@notify/contracts';
import { HandlerErrorFilter } from './handler-error.filter';

export const EVENT_CONSUMER_METADATA = 'notify:event-consumer';

export interface EventConsumerOptions {
  topic: Topic;
  /**
   * Known event types of the topic this service deliberately does not handle: counted and skipped. Any other
   * type without a handler is dead-lettered, so a forgotten handler is visible rather than silently dropped.
   */
  ignore?: EventType[];
}

/**
 * Marks a controller whose `@EventPattern(type)` methods handle the events of one topic. It is a Nest controller
 * (Nest registers the patterns with the event transport) whose handler errors reach the consumer's retries as
 * thrown, not as Nest's generic RPC error.
 */
export function EventConsumer(options: EventConsumerOptions): ClassDecorator {
  return applyDecorators(
    Controller(),
    SetMetadata(EVENT_CONSUMER_METADATA, options),
    UseFilters(HandlerErrorFilter),
  );
}
