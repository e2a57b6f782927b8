// The contract's own specs take their sample payloads from the examples of the AsyncAPI document, which they thereby
// check; every other project builds its sample events with @notify/testing. Kept out of src, so no build ships it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLOUDEVENTS_SPEC_VERSION, type CloudEvent } from '../../src/cloudevents/cloud-event';
import type { EventDataMap, TypedCloudEvent } from '../../src/event-catalog';
import { ALL_EVENT_TYPES, type EventType } from '../../src/event-types';

interface DocumentedMessage {
  name?: string;
  examples?: { payload?: unknown }[];
}

function documentedExamples(): ReadonlyMap<string, unknown> {
  const document = parse(readFileSync(join(__dirname, '../../asyncapi.yaml'), 'utf8')) as {
    components: { messages: Record<string, DocumentedMessage> };
  };
  const examples = new Map<string, unknown>();
  for (const { name, examples: listed } of Object.values(document.components.messages)) {
    if (name !== undefined && listed?.[0]?.payload !== undefined) {
      examples.set(name, listed[0].payload);
    }
  }
  const missing = ALL_EVENT_TYPES.filter((type) => !examples.has(type));
  if (missing.length > 0) {
    throw new Error(`asyncapi.yaml has no example payload for ${missing.join(', ')}`);
  }
  return examples;
}

const EXAMPLES = documentedExamples();

/** The document's example `data` of an event type, a fresh copy; `overrides` replace top-level fields. */
export function sampleEventData<T extends EventType>(
  type: T,
  overrides: Partial<EventDataMap[T]> = {},
): EventDataMap[T] {
  return { ...(structuredClone(EXAMPLES.get(type)) as EventDataMap[T]), ...overrides };
}

/** A CloudEvent of a type carrying the document's example data, unless `overrides.data` is given. */
export function sampleCloudEvent<T extends EventType>(
  type: T,
  overrides: Partial<CloudEvent<EventDataMap[T]>> = {},
): TypedCloudEvent<T> {
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: `${type}-sample-1`,
    source: 'urn:notify:samples',
    type,
    time: '2025-03-01T09:30:00Z',
    data: sampleEventData(type),
    ...overrides,
  } as TypedCloudEvent<T>;
}
