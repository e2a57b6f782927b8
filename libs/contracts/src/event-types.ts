// Persisted API: each value is the CloudEvents `type` written to Kafka and stored in inboxes and outboxes.
// Changing a value needs a new version and a migration path, never an edit in place.

export const EventTypes = {
  // platform.activity.v1 (external contract, written by platform services)
  UserUpserted: 'platform.user.upserted',
  MentionCreated: 'platform.mention.created',
  CommentCreated: 'platform.comment.created',
  MessageCreated: 'platform.message.created',
  PlatformContentPublished: 'platform.content.published',
  UserDeleted: 'platform.user.deleted',

  // communities.events.v1
  CommunityCreated: 'communities.community.created',
  CommunityUpdated: 'communities.community.updated',
  MemberJoined: 'communities.member.joined',
  MemberLeft: 'communities.member.left',
  AccessRequested: 'communities.access.requested',
  SubmissionReceived: 'communities.submission.received',
  CommunityContentPublished: 'communities.content.published',

  // moderation.events.v1
  AccessRequestApproved: 'moderation.access-request.approved',
  AccessRequestRejected: 'moderation.access-request.rejected',
  SubmissionApproved: 'moderation.submission.approved',
  SubmissionRejected: 'moderation.submission.rejected',
  ReminderDue: 'moderation.reminder.due',

  // preferences.profiles.v1
  PreferenceProfileChanged: 'preferences.profile.changed',

  // notifications.email-feedback.v1
  EmailBounced: 'notifications.email.bounced',
  EmailComplained: 'notifications.email.complained',
  EmailStatusReported: 'notifications.email.status-reported',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export const ALL_EVENT_TYPES: readonly EventType[] = Object.freeze(Object.values(EventTypes));

export function isEventType(type: string): type is EventType {
  return (ALL_EVENT_TYPES as readonly string[]).includes(type);
}
