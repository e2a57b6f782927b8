import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_CATALOG,
  createCloudEvent,
  encodeBinary,
  eventKey,
  validatePayload,
  type EventDataMap,
  type EventType,
  type Topic,
  type TypedCloudEvent,
} from '@notify/contracts';
import { inSpan, TraceContext, newTraceparent } from '@notify/observability';
import type { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { OutboxRepository } from './outbox.repository';

export interface OutboundEvent<T extends EventType> {
  type: T;
  data: EventDataMap[T];
  /** Checked against the event catalog when given; the catalog decides the topic otherwise. */
  topic?: Topic;
  /** Kafka key (aggregate id); derived from the catalog's key field when omitted. */
  key?: string;
  subject?: string;
}

export class OutboxTopicMismatchError extends Error {
  constructor(type: string, topic: string, expected: string) {
    super(`Event type ${type} belongs to topic ${expected}, not ${topic}`);
    this.name = 'OutboxTopicMismatchError';
  }
}

/** Producer side of the backbone: an event is stored in the caller's transaction and published by the relay. */
@Injectable()
export class OutboxWriter {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly repository: OutboxRepository,
  ) {}

  /**
   * Validates the payload, then writes the event to the outbox through `manager`, whose transaction must also
   * hold the state change the event announces. Nothing reaches Kafka unless that transaction commits.
   */
  async publish<T extends EventType>(
    manager: EntityManager,
    outbound: OutboundEvent<T>,
  ): Promise<TypedCloudEvent<T>> {
    const { topic } = EVENT_CATALOG[outbound.type];
    if (outbound.topic !== undefined && outbound.topic !== topic) {
      throw new OutboxTopicMismatchError(outbound.type, outbound.topic, topic);
    }
    await validatePayload(outbound.type, outbound.data);
    const key = outbound.key ?? eventKey(outbound.type, outbound.data);
    // The event carries this span's context: the relay's producer span, then the consumers', hang below it.
    return inSpan(
      `outbox write ${outbound.type}`,
      { attributes: { 'messaging.destination.name': topic } },
      async () => {
        const event = createCloudEvent({
          type: outbound.type,
          source: this.options.source,
          data: outbound.data,
          subject: outbound.subject,
          traceparent: TraceContext.current() ?? newTraceparent(),
        });
        const record = encodeBinary(event, key);
        await this.repository.insert(manager, {
          topic,
          messageKey: key,
          eventType: event.type,
          eventId: event.id,
          payload: event.data,
          headers: record.headers,
        });
        return { ...event, type: outbound.type };
      },
    );
  }
}
