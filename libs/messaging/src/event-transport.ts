import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { EventType } from '@notify/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import { MessagingLifecycle } from './messaging.lifecycle';
import { discoverConsumerClasses, type ConsumerMethod } from './consumer/consumer-methods';
import { EventContext } from './consumer/event-context';
import type { EventHandler } from './consumer/handler-context';
import { HandlerConflictError, HandlerRegistry } from './consumer/handler-registry';

/** Calls a Nest pattern handler (pipes, guards, interceptors and filters included) and settles its result. */
export function invokeNestHandler(handler: MessageHandler): EventHandler<EventType> {
  return async (event, tx, context) => {
    const result: unknown = await handler(event.data, new EventContext([event, tx, context]));
    if (isObservable(result)) {
      await lastValueFrom(result, { defaultValue: undefined });
    }
  };
}

/**
 * The Kafka consumer as a Nest transport: `@EventPattern(type)` methods of `@EventConsumer` controllers are
 * registered by Nest, and `listen` routes each topic's event types to them before the consumer group starts.
 * The engine (chunks, inbox, retries, dead letters, heartbeats, drain) is unchanged; only discovery and
 * invocation go through Nest.
 */
@Injectable()
export class EventTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(EventTransport.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly registry: HandlerRegistry,
    private readonly lifecycle: MessagingLifecycle,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      const topics = this.registerRoutes();
      this.lifecycle.startConsumer(topics);
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }

  /** The consumer is stopped by `MessagingLifecycle` before the DataSource closes; nothing is left to close here. */
  close(): void {}

  on(): never {
    throw new Error('the event transport emits no events');
  }

  unwrap<T>(): T {
    return this.registry as T;
  }

  private registerRoutes(): string[] {
    const routed = new Set<string>();
    for (const { options, methods } of discoverConsumerClasses(this.discovery, this.scanner)) {
      this.registry.ignore(options.topic, options.ignore ?? []);
      for (const method of methods) {
        this.route(method);
        routed.add(method.type);
      }
    }
    const strays = [...this.messageHandlers.keys()].filter((pattern) => !routed.has(pattern));
    if (strays.length > 0) {
      throw new HandlerConflictError(`patterns outside an @EventConsumer class: ${strays.join(', ')}`);
    }
    return this.registry.topics();
  }

  private route({ consumer, name, type }: ConsumerMethod): void {
    const handler = this.getHandlerByPattern(type);
    if (!handler?.isEventHandler) {
      throw new HandlerConflictError(`${name} must use @EventPattern, not @MessagePattern`);
    }
    this.registry.register(consumer.topic, type, { name, handle: invokeNestHandler(handler) });
    if (handler.next) {
      // Nest chains every handler of a pattern; the registry refuses the second one above.
      throw new HandlerConflictError(`${type} has more than one @EventPattern handler`);
    }
    this.logger.log({ msg: 'event handler registered', topic: consumer.topic, type, handler: name });
  }
}
