// Owns discovering the @EventConsumer classes and their @EventPattern methods, checked against the contract.
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { EVENT_CATALOG, isEventType, type EventType } from '@notify/contracts';
import { EVENT_CONSUMER_METADATA, type EventConsumerOptions } from './event-consumer.decorator';
import { HandlerConflictError } from './handler-registry';

/** One `@EventPattern(type)` method of an `@EventConsumer` class. */
export interface ConsumerMethod {
  consumer: EventConsumerOptions;
  /** `ClassName.method`, for logs. */
  name: string;
  type: EventType;
}

export interface ConsumerClass {
  options: EventConsumerOptions;
  methods: ConsumerMethod[];
}

function payloadParameterType(prototype: object, method: string): unknown {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, prototype.constructor, method) ?? {}) as Record<
    string,
    { index: number }
  >;
  const payload = Object.entries(args).find(([key]) => key.split(':')[0] === String(RpcParamtype.PAYLOAD));
  if (!payload) {
    return undefined;
  }
  const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as unknown[];
  return types[payload[1].index];
}

/** The handler's declared types must be the contract's: its topic, and its `@Payload()` class if it has one. */
function checkContract(
  options: EventConsumerOptions,
  name: string,
  type: EventType,
  declared: unknown,
): void {
  const definition = EVENT_CATALOG[type];
  if (definition.topic !== options.topic) {
    throw new HandlerConflictError(
      `${name} handles ${type}, which is published on ${definition.topic}, not ${options.topic}`,
    );
  }
  if (declared !== undefined && declared !== definition.payload) {
    const declaredName = typeof declared === 'function' ? declared.name : typeof declared;
    throw new HandlerConflictError(
      `${name} declares @Payload() as ${declaredName}; ${type} carries ${definition.payload.name}`,
    );
  }
}

/** Finds the `@EventConsumer` controllers and their `@EventPattern` methods, checked against the contract. */
export function discoverConsumerClasses(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
): ConsumerClass[] {
  const classes: ConsumerClass[] = [];
  for (const wrapper of discovery.getControllers()) {
    const options = wrapper.metatype
      ? (Reflect.getMetadata(EVENT_CONSUMER_METADATA, wrapper.metatype) as EventConsumerOptions | undefined)
      : undefined;
    const instance: unknown = wrapper.instance;
    if (!options || typeof instance !== 'object' || instance === null) {
      continue;
    }
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const methods: ConsumerMethod[] = [];
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = prototype[method];
      const patterns: unknown =
        typeof fn === 'function' ? Reflect.getMetadata(PATTERN_METADATA, fn) : undefined;
      const name = `${instance.constructor.name}.${method}`;
      for (const pattern of Array.isArray(patterns) ? (patterns as unknown[]) : []) {
        if (typeof pattern !== 'string' || !isEventType(pattern)) {
          throw new HandlerConflictError(`${name} listens to ${String(pattern)}, which is not an event type`);
        }
        checkContract(options, name, pattern, payloadParameterType(prototype, method));
        methods.push({ consumer: options, name, type: pattern });
      }
    }
    classes.push({ options, methods });
  }
  return classes;
}
