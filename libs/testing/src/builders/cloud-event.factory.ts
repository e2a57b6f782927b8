import { type CloudEvent, type EventDataMap, type EventType, type TypedCloudEvent } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from './sample-event-data';
import { uniqueId } from './unique-id';

export type CloudEventOverrides = Partial<Omit<CloudEvent, 'type' | 'data'>>;

/** Valid events of any catalogued type: sample data with the given fields replaced, and a fresh id. */
export const cloudEventFactory = {
  build<T extends EventType>(
    type: T,
    data: Partial<EventDataMap[T]> = {},
    overrides: CloudEventOverrides = {},
  ): TypedCloudEvent<T> {
    return sampleCloudEvent(type, {
      id: uniqueId('event'),
      source: 'urn:notify:tests',
      time: new Date().toISOString(),
      ...overrides,
      data: sampleEventData(type, data),
    });
  },
};
