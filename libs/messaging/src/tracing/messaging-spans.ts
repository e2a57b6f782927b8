import type { EventType, TypedCloudEvent } from '@notify/contracts';
import { inSpan, openSpan, SpanKind, type OpenSpan } from '@notify/observability';
import type { TopicNamer } from '../kafka/topic-namer';

// Attribute names of the OpenTelemetry messaging semantic conventions.
const SYSTEM = 'messaging.system';
const DESTINATION = 'messaging.destination.name';
const OPERATION = 'messaging.operation.type';
const MESSAGE_ID = 'messaging.message.id';
const PARTITION = 'messaging.destination.partition.id';
const OFFSET = 'messaging.kafka.offset';
const GROUP = 'messaging.consumer.group.name';

/** What a producer span reads of a record about to be sent: an outbox row fits it. */
export interface SentRecord {
  /** Logical topic; the namer applies the deployment's prefix. */
  topic: string;
  eventType: string;
  headers: Record<string, string>;
}

/** The producer span of one outbox row, child of the trace the event was written in. */
export function publishSpan(row: SentRecord, namer: TopicNamer): OpenSpan {
  const topic = namer.physical(row.topic);
  return openSpan(`send ${topic}`, {
    kind: SpanKind.PRODUCER,
    parent: row.headers.traceparent,
    attributes: {
      [SYSTEM]: 'kafka',
      [DESTINATION]: topic,
      [OPERATION]: 'send',
      [MESSAGE_ID]: row.headers.ce_id,
      'cloudevents.event_type': row.eventType,
    },
  });
}

/** Rows whose `traceparent` header is their producer span, so consumers continue from it. */
export function withTraceparents<R extends SentRecord>(rows: readonly R[], spans: readonly OpenSpan[]): R[] {
  return rows.map((row, index) => {
    const traceparent = spans[index].traceparent;
    return traceparent ? { ...row, headers: { ...row.headers, traceparent } } : row;
  });
}

export interface ConsumedCoordinates {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
}

/** Runs a handler in the consumer span of its event, continuing the producer's trace. */
export function inProcessSpan<T>(
  event: TypedCloudEvent<EventType>,
  where: ConsumedCoordinates,
  fn: () => Promise<T>,
): Promise<T> {
  return inSpan(
    `process ${where.topic}`,
    {
      kind: SpanKind.CONSUMER,
      parent: event.traceparent,
      attributes: {
        [SYSTEM]: 'kafka',
        [DESTINATION]: where.topic,
        [OPERATION]: 'process',
        [MESSAGE_ID]: event.id,
        [PARTITION]: String(where.partition),
        [OFFSET]: Number(where.offset),
        [GROUP]: where.groupId,
        'cloudevents.event_type': event.type,
        'cloudevents.event_source': event.source,
      },
    },
    fn,
  );
}
