import type { CloudEvent } from './cloudevents/cloud-event';
import { EventType, EventTypes } from './event-types';
import {
  AccessRequestedData,
  CommunityContentPublishedData,
  CommunityData,
  MemberJoinedData,
  MemberLeftData,
  SubmissionReceivedData,
} from './payloads/communities.data';
import {
  EmailBouncedData,
  EmailComplainedData,
  EmailStatusReportedData,
} from './payloads/email-feedback.data';
import {
  AccessRequestApprovedData,
  AccessRequestRejectedData,
  ReminderDueData,
  SubmissionApprovedData,
  SubmissionRejectedData,
} from './payloads/moderation.data';
import {
  CommentCreatedData,
  MentionCreatedData,
  MessageCreatedData,
  PlatformContentPublishedData,
  UserDeletedData,
  UserUpsertedData,
} from './payloads/platform.data';
import { PreferenceProfileData } from './payloads/preferences.data';
import { Topic, Topics } from './topics';

export interface EventDefinition<T extends object = object> {
  readonly topic: Topic;
  /** class-validator class of the event's `data`. */
  readonly payload: new () => T;
  /**
   * Dotted path of the `data` field used as the Kafka key: the aggregate the event belongs to, so that
   * the events of one aggregate stay in order on one partition.
   */
  readonly keyField: string;
}

function define<T extends object>(topic: Topic, payload: new () => T, keyField: string): EventDefinition<T> {
  return { topic, payload, keyField };
}

export const EVENT_CATALOG = Object.freeze({
  [EventTypes.UserUpserted]: define(Topics.PlatformActivity, UserUpsertedData, 'userId'),
  [EventTypes.MentionCreated]: define(Topics.PlatformActivity, MentionCreatedData, 'recipientUserId'),
  // A comment has several recipients, so it is keyed by the content it belongs to (its thread).
  [EventTypes.CommentCreated]: define(Topics.PlatformActivity, CommentCreatedData, 'content.id'),
  [EventTypes.MessageCreated]: define(Topics.PlatformActivity, MessageCreatedData, 'recipientUserId'),
  [EventTypes.PlatformContentPublished]: define(
    Topics.PlatformActivity,
    PlatformContentPublishedData,
    'communityId',
  ),
  [EventTypes.UserDeleted]: define(Topics.PlatformActivity, UserDeletedData, 'userId'),

  [EventTypes.CommunityCreated]: define(Topics.CommunityEvents, CommunityData, 'communityId'),
  [EventTypes.CommunityUpdated]: define(Topics.CommunityEvents, CommunityData, 'communityId'),
  [EventTypes.MemberJoined]: define(Topics.CommunityEvents, MemberJoinedData, 'communityId'),
  [EventTypes.MemberLeft]: define(Topics.CommunityEvents, MemberLeftData, 'communityId'),
  [EventTypes.AccessRequested]: define(Topics.CommunityEvents, AccessRequestedData, 'communityId'),
  [EventTypes.SubmissionReceived]: define(Topics.CommunityEvents, SubmissionReceivedData, 'communityId'),
  [EventTypes.CommunityContentPublished]: define(
    Topics.CommunityEvents,
    CommunityContentPublishedData,
    'communityId',
  ),

  [EventTypes.AccessRequestApproved]: define(
    Topics.ModerationEvents,
    AccessRequestApprovedData,
    'communityId',
  ),
  [EventTypes.AccessRequestRejected]: define(
    Topics.ModerationEvents,
    AccessRequestRejectedData,
    'communityId',
  ),
  [EventTypes.SubmissionApproved]: define(Topics.ModerationEvents, SubmissionApprovedData, 'communityId'),
  [EventTypes.SubmissionRejected]: define(Topics.ModerationEvents, SubmissionRejectedData, 'communityId'),
  [EventTypes.ReminderDue]: define(Topics.ModerationEvents, ReminderDueData, 'communityId'),

  [EventTypes.PreferenceProfileChanged]: define(Topics.PreferenceProfiles, PreferenceProfileData, 'userId'),

  [EventTypes.EmailBounced]: define(Topics.EmailFeedback, EmailBouncedData, 'email'),
  [EventTypes.EmailComplained]: define(Topics.EmailFeedback, EmailComplainedData, 'email'),
  [EventTypes.EmailStatusReported]: define(Topics.EmailFeedback, EmailStatusReportedData, 'email'),
} satisfies Record<EventType, EventDefinition>);

type Catalog = typeof EVENT_CATALOG;

/** The payload class instance type of each event type: `EventDataMap['platform.mention.created']`. */
export type EventDataMap = { [K in EventType]: InstanceType<Catalog[K]['payload']> };

export type EventData<T extends EventType> = EventDataMap[T];

/** A CloudEvent whose `type` and `data` are known, as handlers receive it after validation. */
export type TypedCloudEvent<T extends EventType> = CloudEvent<EventDataMap[T]> & { type: T };

export function eventTypesOfTopic(topic: Topic): EventType[] {
  return (Object.keys(EVENT_CATALOG) as EventType[]).filter((type) => EVENT_CATALOG[type].topic === topic);
}

/** The Kafka key of an event: the value of its type's `keyField` in `data`. */
export function eventKey<T extends EventType>(type: T, data: EventDataMap[T]): string {
  let value: unknown = data;
  for (const segment of EVENT_CATALOG[type].keyField.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
  }
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${type} data has no ${EVENT_CATALOG[type].keyField} to use as the Kafka key`);
  }
  return value;
}
