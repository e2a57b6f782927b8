// Router: owns deciding what happens to one record (decode, recognise, find the handler, validate the payload).
import { Injectable } from '@nestjs/common';
import {
  COMPACTED_TOPICS,
  decodeCloudEvent,
  isEventType,
  type CloudEvent,
  type ConsumedRecord,
  type DeadLetterReason,
  type EventType,
  type TypedCloudEvent,
} from '@notify/contracts';
import { errorMessage } from '../shared/errors';
import { HandlerRegistry, type RegisteredHandler } from './handler-registry';
import { PayloadValidator } from './payload-validator';

export type RoutingDecision =
  | { kind: 'handle'; event: TypedCloudEvent<EventType>; handler: RegisteredHandler }
  | { kind: 'ignore'; event: CloudEvent<unknown> }
  /** A null value on a compacted topic: the key was erased; what a consumer keeps of it goes with its own event. */
  | { kind: 'tombstone'; event?: undefined }
  | { kind: 'dead-letter'; reason: DeadLetterReason; error: string; event?: CloudEvent<unknown> };

/**
 * Decides what happens to one record: decode the envelope, recognise the type, find its handler (or the
 * consumer's decision to ignore it), then validate the payload
 * (Nest's `ValidationPipe` over the contract class). Every failure is a dead letter with a reason.
 * Payloads of ignored types are not validated: this service never reads them.
 */
@Injectable()
export class MessageRouter {
  constructor(
    private readonly registry: HandlerRegistry,
    private readonly payloads: PayloadValidator,
  ) {}

  async route(topic: string, record: ConsumedRecord): Promise<RoutingDecision> {
    if (record.value === null && (COMPACTED_TOPICS as readonly string[]).includes(topic)) {
      return { kind: 'tombstone' };
    }
    let event: CloudEvent<unknown>;
    try {
      event = decodeCloudEvent(record);
    } catch (error) {
      return { kind: 'dead-letter', reason: 'invalid-envelope', error: errorMessage(error) };
    }
    const { type } = event;
    if (!isEventType(type)) {
      return { kind: 'dead-letter', reason: 'unknown-type', error: `unknown event type ${type}`, event };
    }
    const routes = this.registry.routes(topic);
    const handler = routes.handlers.get(type);
    if (!handler) {
      return routes.ignored.has(type)
        ? { kind: 'ignore', event }
        : { kind: 'dead-letter', reason: 'no-handler', error: `no handler for ${type} on ${topic}`, event };
    }
    try {
      const data = await this.payloads.validate(type, event.data);
      return { kind: 'handle', event: { ...event, type, data }, handler };
    } catch (error) {
      return { kind: 'dead-letter', reason: 'invalid-payload', error: errorMessage(error), event };
    }
  }
}
