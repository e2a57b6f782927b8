import { DeadLetterHeaders, decodeCloudEvent, type KafkaHeaders } from '@notify/contracts';

/** A record of a `<topic>.dlq` topic, with what an operator needs to decide whether to replay it. */
export interface DeadLetterEntry {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: KafkaHeaders;
  /** CloudEvents id and type when the record can be read as a CloudEvent. */
  eventId?: string;
  eventSource?: string;
  eventType?: string;
  reason: string;
  error: string;
  /** Physical topic the record was consumed from. */
  originalTopic?: string;
  failedAt: Date;
}

export interface DeadLetterRecord {
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: KafkaHeaders;
}

export function toDeadLetterEntry(record: DeadLetterRecord): DeadLetterEntry {
  const headers = record.headers ?? {};
  const failedAt = new Date(headerText(headers, DeadLetterHeaders.FailedAt) ?? Number(record.timestamp));
  return {
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    value: record.value,
    headers,
    ...eventIdentity(record, headers),
    reason: headerText(headers, DeadLetterHeaders.Reason) ?? 'unknown',
    error: headerText(headers, DeadLetterHeaders.Error) ?? '',
    originalTopic: headerText(headers, DeadLetterHeaders.OriginalTopic),
    // A copy written without the header falls back to the time Kafka stored it.
    failedAt: Number.isNaN(failedAt.getTime()) ? new Date(Number(record.timestamp)) : failedAt,
  };
}

export function headerText(headers: KafkaHeaders, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return value === undefined || value === null ? undefined : value.toString();
}

/** Identity from the CloudEvent; an undecodable record (`invalid-envelope`) still shows its `ce_*` headers. */
function eventIdentity(
  record: DeadLetterRecord,
  headers: KafkaHeaders,
): Pick<DeadLetterEntry, 'eventId' | 'eventSource' | 'eventType'> {
  try {
    const event = decodeCloudEvent({ headers, value: record.value });
    return { eventId: event.id, eventSource: event.source, eventType: event.type };
  } catch {
    return {
      eventId: headerText(headers, 'ce_id'),
      eventSource: headerText(headers, 'ce_source'),
      eventType: headerText(headers, 'ce_type'),
    };
  }
}
