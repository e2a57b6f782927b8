import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  COMPACTED_TOPICS,
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
import { recordBytes } from '../parking/parking-rules';
import { OutboxEventTooLargeError, largestField } from './outbox-event-too-large.error';
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
        const bytes = recordBytes(record);
        if (bytes > this.options.maxMessageBytes) {
          throw new OutboxEventTooLargeError(
            outbound.type,
            bytes,
            this.options.maxMessageBytes,
            largestField(event.data),
          );
        }
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

  /**
   * Deletes, through `manager`, every outbox row (and parked row) whose payload contains one of `texts` (a user's
   * id, address, name), published or not: an erased user's personal data must not wait for the retention to leave.
   */
  async eraseMentions(manager: EntityManager, texts: readonly string[]): Promise<number> {
    const patterns = texts.filter((text) => text.length > 0).map(containsPattern);
    if (patterns.length === 0) {
      return 0;
    }
    const [, deleted] = await manager.query<[unknown, number]>(
      `DELETE FROM outbox WHERE payload::text LIKE ANY($1::text[])`,
      [patterns],
    );
    // Parked rows and parked dead-letter copies (raw bytes, read as text) leave too.
    const [, parked] = await manager.query<[unknown, number]>(
      `DELETE FROM outbox_parked
        WHERE payload::text LIKE ANY($1::text[]) OR encode(value, 'escape') LIKE ANY($1::text[])`,
      [patterns],
    );
    return deleted + parked;
  }

  /**
   * Writes a tombstone for `key` on a compacted topic through `manager`: relayed in order after the key's earlier
   * events, it ends the key once the topic is compacted.
   */
  async tombstone(manager: EntityManager, topic: Topic, key: string): Promise<void> {
    if (!COMPACTED_TOPICS.includes(topic)) {
      throw new Error(`Tombstones belong on compacted topics only, not ${topic}`);
    }
    await this.repository.insert(manager, {
      topic,
      messageKey: key,
      eventType: TOMBSTONE_EVENT_TYPE,
      eventId: randomUUID(),
      payload: null,
      headers: {},
    });
  }
}

/** A LIKE pattern finding `text` inside a JSON document: JSON-escaped, with LIKE's wildcards escaped. */
function containsPattern(text: string): string {
  const json = JSON.stringify(text).slice(1, -1);
  return `%${json.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The outbox's `event_type` of a tombstone; never a CloudEvents type. */
export const TOMBSTONE_EVENT_TYPE = 'tombstone';
