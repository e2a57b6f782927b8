import { SetMetadata } from '@nestjs/common';
import type { EventType, Topic } from '@notify/contracts';
import type { EventHandler } from './handler-context';

export const EVENT_CONSUMER_METADATA = 'notify:event-consumer';
export const ON_EVENT_METADATA = 'notify:on-event';

export interface EventConsumerOptions {
  topic: Topic;
  /**
   * Known event types of the topic this service deliberately does not handle: counted and skipped. Any other
   * type without a handler is dead-lettered, so a forgotten handler is visible rather than silently dropped.
   */
  ignore?: EventType[];
}

/** Marks a provider whose `@OnEvent` methods handle the events of one topic. */
export function EventConsumer(options: EventConsumerOptions): ClassDecorator {
  return SetMetadata(EVENT_CONSUMER_METADATA, options);
}

/** Routes events of `type` to the decorated method; its signature is checked against the type's payload. */
export function OnEvent<T extends EventType>(type: T) {
  return <H extends EventHandler<T>>(
    _target: object,
    _method: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ) => {
    if (descriptor.value) {
      Reflect.defineMetadata(ON_EVENT_METADATA, type, descriptor.value);
    }
  };
}
