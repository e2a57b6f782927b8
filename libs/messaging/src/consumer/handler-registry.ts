// Registry: owns which handler serves which event type on which topic, and which types a topic ignores.
import { Injectable } from '@nestjs/common';
import type { EventType } from '@notify/contracts';
import type { EventHandler } from './handler-context';

export interface RegisteredHandler {
  /** `ClassName.method`, for logs. */
  name: string;
  handle: EventHandler<EventType>;
}

export interface TopicRoutes {
  handlers: ReadonlyMap<EventType, RegisteredHandler>;
  ignored: ReadonlySet<EventType>;
}

export class HandlerConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerConflictError';
  }
}

/** Which method handles which event type on which (logical) topic, and which types a topic ignores. */
@Injectable()
export class HandlerRegistry {
  private readonly handlers = new Map<string, Map<EventType, RegisteredHandler>>();
  private readonly ignored = new Map<string, Set<EventType>>();

  register(topic: string, type: EventType, handler: RegisteredHandler): void {
    const handlers = this.handlers.get(topic) ?? new Map<EventType, RegisteredHandler>();
    const existing = handlers.get(type);
    if (existing) {
      throw new HandlerConflictError(
        `${type} on ${topic} is handled by both ${existing.name} and ${handler.name}`,
      );
    }
    if (this.ignored.get(topic)?.has(type)) {
      throw new HandlerConflictError(`${type} on ${topic} is both ignored and handled by ${handler.name}`);
    }
    handlers.set(type, handler);
    this.handlers.set(topic, handlers);
  }

  ignore(topic: string, types: readonly EventType[]): void {
    const ignored = this.ignored.get(topic) ?? new Set<EventType>();
    for (const type of types) {
      const handler = this.handlers.get(topic)?.get(type);
      if (handler) {
        throw new HandlerConflictError(`${type} on ${topic} is both ignored and handled by ${handler.name}`);
      }
      ignored.add(type);
    }
    this.ignored.set(topic, ignored);
  }

  /** Topics with at least one consumer, handled or ignoring. */
  topics(): string[] {
    return [...new Set([...this.handlers.keys(), ...this.ignored.keys()])];
  }

  routes(topic: string): TopicRoutes {
    return {
      handlers: this.handlers.get(topic) ?? new Map<EventType, RegisteredHandler>(),
      ignored: this.ignored.get(topic) ?? new Set<EventType>(),
    };
  }
}
