import type { NotifiableEvent } from '../policy/notifiable-event';
import type { NotificationEventEntity } from './notification-event.entity';

/** The event as its handler received it; it was validated against its type's payload class before being stored. */
export function toNotifiableEvent(stored: NotificationEventEntity): NotifiableEvent {
  return {
    specversion: '1.0',
    id: stored.eventId,
    source: stored.source,
    type: stored.type,
    time: stored.occurredAt.toISOString(),
    data: stored.data,
    traceparent: stored.traceparent ?? undefined,
  } as NotifiableEvent;
}
