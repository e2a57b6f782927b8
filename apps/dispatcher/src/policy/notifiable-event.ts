import { EventTypes, type EventType, type TypedCloudEvent } from '@notify/contracts';

/** Any validated event, discriminated by `type` so a switch narrows its `data`. */
export type KnownEvent = { [T in EventType]: TypedCloudEvent<T> }[EventType];

/** Event types that may produce emails; the others only feed read models. */
export const NOTIFIABLE_EVENT_TYPES = [
  EventTypes.MentionCreated,
  EventTypes.CommentCreated,
  EventTypes.MessageCreated,
  EventTypes.PlatformContentPublished,
  EventTypes.MemberJoined,
  EventTypes.AccessRequested,
  EventTypes.SubmissionReceived,
  EventTypes.CommunityContentPublished,
  EventTypes.AccessRequestApproved,
  EventTypes.AccessRequestRejected,
  EventTypes.SubmissionApproved,
  EventTypes.SubmissionRejected,
  EventTypes.ReminderDue,
] as const;

export type NotifiableEventType = (typeof NOTIFIABLE_EVENT_TYPES)[number];

export type NotifiableEvent = Extract<KnownEvent, { type: NotifiableEventType }>;

export function isNotifiable(event: KnownEvent): event is NotifiableEvent {
  return (NOTIFIABLE_EVENT_TYPES as readonly string[]).includes(event.type);
}
