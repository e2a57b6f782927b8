import {
  CLOUDEVENTS_SPEC_VERSION,
  DEFAULT_PREFERENCES,
  EventTypes,
  type CloudEvent,
  type EventDataMap,
  type EventType,
  type TypedCloudEvent,
} from '@notify/contracts';

const moderator = {
  userId: 'user-moderator-1',
  displayName: 'Marta Moderator',
  contactEmail: 'marta@example.org',
};
const actor = { userId: 'user-actor-1', displayName: 'Ada Author' };
const content = {
  id: 'content-1',
  title: 'Joint procurement of school meals',
  url: 'https://platform.example.org/c/1',
};
const at = '2025-03-01T09:30:00Z';

const SAMPLES: { [K in EventType]: EventDataMap[K] } = {
  [EventTypes.UserUpserted]: {
    userId: 'user-1',
    email: 'user-1@example.org',
    displayName: 'Jean Buyer',
    locale: 'fr-BE',
    timeZone: 'Europe/Brussels',
  },
  [EventTypes.MentionCreated]: {
    mentionId: 'mention-1',
    recipientUserId: 'user-1',
    actor,
    content,
    communityId: 'community-1',
    excerpt: 'As @Jean said, the tender closes on Friday.',
  },
  [EventTypes.CommentCreated]: {
    commentId: 'comment-1',
    recipientUserIds: ['user-1', 'user-2'],
    actor,
    content,
    communityId: 'community-1',
    excerpt: 'We used lots of 50 kg for the pilot.',
  },
  [EventTypes.MessageCreated]: {
    messageId: 'message-1',
    recipientUserId: 'user-1',
    sender: actor,
    url: 'https://platform.example.org/messages/1',
  },
  [EventTypes.PlatformContentPublished]: {
    contentId: 'content-1',
    communityId: 'community-1',
    author: actor,
    title: content.title,
    url: content.url,
    excerpt: 'A short summary of the call for tenders.',
  },
  [EventTypes.UserDeleted]: { userId: 'user-1' },
  [EventTypes.CommunityCreated]: {
    communityId: 'community-1',
    name: 'Green public procurement',
    visibility: 'restricted',
    moderated: true,
    confidential: false,
    moderators: [moderator],
  },
  [EventTypes.CommunityUpdated]: {
    communityId: 'community-1',
    name: 'Green public procurement (EU)',
    visibility: 'restricted',
    moderated: true,
    confidential: true,
    moderators: [moderator],
  },
  [EventTypes.MemberJoined]: {
    communityId: 'community-1',
    userId: 'user-1',
    joinedVia: 'access-request-approved',
  },
  [EventTypes.MemberLeft]: { communityId: 'community-1', userId: 'user-1', cause: 'left' },
  [EventTypes.AccessRequested]: {
    accessRequestId: 'access-request-1',
    communityId: 'community-1',
    userId: 'user-1',
    message: 'I run the tenders for our region.',
    requestedAt: at,
  },
  [EventTypes.SubmissionReceived]: {
    submissionId: 'submission-1',
    communityId: 'community-1',
    authorId: actor.userId,
    title: content.title,
    url: content.url,
    excerpt: 'A short summary of the call for tenders.',
    submittedAt: at,
  },
  [EventTypes.CommunityContentPublished]: {
    contentId: 'content-1',
    communityId: 'community-1',
    authorId: actor.userId,
    title: content.title,
    url: content.url,
    excerpt: 'A short summary of the call for tenders.',
    publishedVia: 'submission-approved',
    submissionId: 'submission-1',
  },
  [EventTypes.AccessRequestApproved]: {
    accessRequestId: 'access-request-1',
    communityId: 'community-1',
    userId: 'user-1',
    decidedBy: moderator,
    decidedAt: at,
  },
  [EventTypes.AccessRequestRejected]: {
    accessRequestId: 'access-request-1',
    communityId: 'community-1',
    userId: 'user-1',
    decidedBy: moderator,
    reason: 'This community is reserved for contracting authorities.',
    decidedAt: at,
  },
  [EventTypes.SubmissionApproved]: {
    submissionId: 'submission-1',
    communityId: 'community-1',
    authorId: actor.userId,
    title: content.title,
    url: content.url,
    decidedBy: moderator,
    decidedAt: at,
  },
  [EventTypes.SubmissionRejected]: {
    submissionId: 'submission-1',
    communityId: 'community-1',
    authorId: actor.userId,
    title: content.title,
    url: content.url,
    decidedBy: moderator,
    reason: 'Please remove the supplier names first.',
    decidedAt: at,
  },
  [EventTypes.ReminderDue]: {
    itemKind: 'access-request',
    itemId: 'access-request-1',
    communityId: 'community-1',
    pendingSince: at,
    requesterId: 'user-1',
  },
  [EventTypes.PreferenceProfileChanged]: {
    userId: 'user-1',
    email: 'user-1@example.org',
    displayName: 'Jean Buyer',
    locale: 'fr-BE',
    timeZone: 'Europe/Brussels',
    preferences: { ...DEFAULT_PREFERENCES },
    revision: 1,
  },
  [EventTypes.EmailBounced]: {
    email: 'user-1@example.org',
    bounceType: 'permanent',
    messageId: 'ses-message-1',
    diagnostic: 'smtp; 550 5.1.1 user unknown',
    occurredAt: at,
  },
  [EventTypes.EmailComplained]: { email: 'user-1@example.org', messageId: 'ses-message-1', occurredAt: at },
  [EventTypes.EmailStatusReported]: {
    email: 'user-1@example.org',
    status: 'delivered',
    messageId: 'ses-message-1',
    occurredAt: at,
  },
};

/** Valid `data` for an event type, as a plain JSON-compatible object; `overrides` replace top-level fields. */
export function sampleEventData<T extends EventType>(
  type: T,
  overrides: Partial<EventDataMap[T]> = {},
): EventDataMap[T] {
  return { ...structuredClone(SAMPLES[type]), ...overrides };
}

/** A valid CloudEvent of a type, with sample data unless `overrides.data` is given. */
export function sampleCloudEvent<T extends EventType>(
  type: T,
  overrides: Partial<CloudEvent<EventDataMap[T]>> = {},
): TypedCloudEvent<T> {
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: `${type}-sample-1`,
    source: 'urn:notify:samples',
    type,
    time: at,
    data: sampleEventData(type),
    ...overrides,
  } as TypedCloudEvent<T>;
}
