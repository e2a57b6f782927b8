import { randomUUID } from 'node:crypto';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
/** `content-type` of a binary-mode record: `ce_*` headers, the JSON `data` as the value. */
export const BINARY_CONTENT_TYPE = 'application/json';
/** `content-type` of a structured-mode record: the whole event as one JSON object in the value. */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

/** A CloudEvents 1.0 event with JSON data, plus the W3C `traceparent` distributed-tracing extension. */
export interface CloudEvent<T = unknown> {
  specversion: typeof CLOUDEVENTS_SPEC_VERSION;
  id: string;
  /** URI-reference of the producer, e.g. `urn:notify:communities`; (`source`, `id`) is unique. */
  source: string;
  type: string;
  /** RFC 3339 date-time of the occurrence. */
  time: string;
  subject?: string;
  datacontenttype?: string;
  data: T;
  traceparent?: string;
}

export interface NewCloudEvent<T> {
  type: string;
  source: string;
  data: T;
  subject?: string;
  id?: string;
  time?: Date;
  traceparent?: string;
}

/** Fills in `specversion`, a random `id` and the current `time` unless given. */
export function createCloudEvent<T>(event: NewCloudEvent<T>): CloudEvent<T> {
  const { id = randomUUID(), time = new Date(), ...rest } = event;
  return { specversion: CLOUDEVENTS_SPEC_VERSION, id, time: time.toISOString(), ...rest };
}
