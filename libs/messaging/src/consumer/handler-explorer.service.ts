import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { isEventType, type EventType } from '@notify/contracts';
import {
  EVENT_CONSUMER_METADATA,
  ON_EVENT_METADATA,
  type EventConsumerOptions,
} from './event-consumer.decorator';
import type { EventHandler } from './handler-context';
import { HandlerRegistry } from './handler-registry';

/** Finds `@EventConsumer` providers and registers their `@OnEvent` methods. */
@Injectable()
export class HandlerExplorer {
  private readonly logger = new Logger(HandlerExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly registry: HandlerRegistry,
  ) {}

  explore(): HandlerRegistry {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.metatype || typeof instance !== 'object' || instance === null) {
        continue;
      }
      const options = Reflect.getMetadata(EVENT_CONSUMER_METADATA, wrapper.metatype) as
        EventConsumerOptions | undefined;
      if (options) {
        this.registerConsumer(instance, options);
      }
    }
    return this.registry;
  }

  private registerConsumer(instance: object, options: EventConsumerOptions): void {
    const className = instance.constructor.name;
    this.registry.ignore(options.topic, options.ignore ?? []);
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of this.scanner.getAllMethodNames(prototype)) {
      const fn = prototype[method];
      const type: unknown = typeof fn === 'function' ? Reflect.getMetadata(ON_EVENT_METADATA, fn) : undefined;
      if (typeof type !== 'string' || !isEventType(type)) {
        continue;
      }
      const handle = (fn as EventHandler<EventType>).bind(instance);
      this.registry.register(options.topic, type, { name: `${className}.${method}`, handle });
      this.logger.log({
        msg: 'event handler registered',
        topic: options.topic,
        type,
        handler: `${className}.${method}`,
      });
    }
  }
}
