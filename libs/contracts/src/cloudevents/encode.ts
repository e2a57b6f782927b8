import { assertValidAttributes } from './attributes';
import { BINARY_CONTENT_TYPE, CloudEvent, STRUCTURED_CONTENT_TYPE } from './cloud-event';
import { EnvelopeError } from './envelope-error';

/** A record ready for a Kafka producer (kafkajs `Message` compatible). */
export interface EncodedRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

function assertEncodable(event: CloudEvent<unknown>): void {
  assertValidAttributes(event);
  if (event.data === undefined) {
    throw new EnvelopeError('missing-data', `event ${event.type} has no data`);
  }
}

function traceHeaders(event: CloudEvent<unknown>): Record<string, string> {
  return event.traceparent ? { traceparent: event.traceparent } : {};
}

/** Binary mode: attributes as `ce_*` headers, the JSON `data` as the value. */
export function encodeBinary(event: CloudEvent<unknown>, key: string): EncodedRecord {
  assertEncodable(event);
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    'content-type': BINARY_CONTENT_TYPE,
    ...traceHeaders(event),
  };
  if (event.subject !== undefined) {
    headers.ce_subject = event.subject;
  }
  return { key, value: Buffer.from(JSON.stringify(event.data)), headers };
}

/** Structured mode: the whole event as one JSON object in the value. */
export function encodeStructured(event: CloudEvent<unknown>, key: string): EncodedRecord {
  assertEncodable(event);
  const body: CloudEvent<unknown> = { ...event, datacontenttype: BINARY_CONTENT_TYPE };
  return {
    key,
    value: Buffer.from(JSON.stringify(body)),
    headers: { 'content-type': STRUCTURED_CONTENT_TYPE, ...traceHeaders(event) },
  };
}
