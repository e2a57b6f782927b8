import type { NotificationCategory, PendingItemKind } from '@notify/contracts';

// What the dispatcher hands the renderer for each template. Every string here may come from a user
// and is rendered escaped; urls are rendered as links only when they are http(s). Portal links
// (decide, community, preferences) are not part of a model: the renderer builds them from ids and
// configuration. A confidential community's content comes without `excerpt`.

/** The moderator who decided, shown to the requester or author "for further information". */
export interface ModeratorContactModel {
  displayName: string;
  contactEmail: string;
}

interface RecipientModel {
  recipientName: string;
}

interface CommunityModel extends RecipientModel {
  communityId: string;
  communityName: string;
}

interface ContentModel {
  title: string;
  url: string;
  excerpt?: string;
}

export interface AccessRequestModeratorModel extends CommunityModel {
  accessRequestId: string;
  requesterName: string;
  message?: string;
  requestedAt: string;
}

export type AccessRequestAcknowledgementModel = CommunityModel;

/** The welcome email sent when a request is approved. */
export type AccessRequestApprovedModel = CommunityModel;

export interface AccessRequestRejectedModel extends CommunityModel {
  reason: string;
  moderator: ModeratorContactModel;
}

export interface SubmissionModeratorModel extends CommunityModel, ContentModel {
  submissionId: string;
  authorName: string;
  submittedAt: string;
}

export interface SubmissionApprovedModel extends CommunityModel {
  title: string;
  url: string;
}

export interface SubmissionRejectedModel extends CommunityModel {
  title: string;
  reason: string;
  moderator: ModeratorContactModel;
}

export interface ModerationReminderModel extends CommunityModel {
  itemKind: PendingItemKind;
  itemId: string;
  pendingSince: string;
  requesterName?: string;
}

export interface MemberJoinedModeratorModel extends CommunityModel {
  memberName: string;
}

export interface ContentPublishedModeratorModel extends CommunityModel, ContentModel {
  authorName: string;
}

export interface MentionModel extends RecipientModel, ContentModel {
  actorName: string;
  communityName?: string;
}

export interface CommentModel extends RecipientModel, ContentModel {
  actorName: string;
  communityName?: string;
}

/** Only who wrote and where to read it: a message body is never emailed. */
export interface PrivateMessageModel extends RecipientModel {
  senderName: string;
  url: string;
}

export interface ContentPublishedModel extends CommunityModel, ContentModel {
  authorName: string;
}

export interface DigestItemModel {
  title: string;
  url: string;
  actorName?: string;
  excerpt?: string;
  occurredAt: string;
}

export interface DigestCommunityModel {
  communityName?: string;
  items: DigestItemModel[];
}

export interface DigestSectionModel {
  category: NotificationCategory;
  /** Overrides the localised category heading. */
  categoryLabel?: string;
  communities: DigestCommunityModel[];
}

export interface DigestModel extends RecipientModel {
  period: 'daily' | 'weekly';
  /** When the digest was put together (ISO 8601); its heading names this day in the recipient's time zone. */
  composedAt: string;
  sections: DigestSectionModel[];
}

/** One alert held back by the hourly cap, as its hour's summary lists it. */
export interface AlertSummaryItemModel {
  alertKind: 'access-request' | 'submission' | 'reminder';
  /** Who asked to join, the submission's title, or whose request a reminder is about. */
  title: string;
  communityName: string;
  /** Where the moderator decides. */
  url: string;
  occurredAt: string;
}

export interface ModeratorAlertSummaryModel extends RecipientModel {
  /** Start of the hour whose alerts past the cap are listed (ISO 8601). */
  windowStart: string;
  items: AlertSummaryItemModel[];
}

export interface TemplateModels {
  'access-request.moderator': AccessRequestModeratorModel;
  'access-request.acknowledgement': AccessRequestAcknowledgementModel;
  'access-request.approved': AccessRequestApprovedModel;
  'access-request.rejected': AccessRequestRejectedModel;
  'submission.moderator': SubmissionModeratorModel;
  'submission.approved': SubmissionApprovedModel;
  'submission.rejected': SubmissionRejectedModel;
  'moderation.reminder': ModerationReminderModel;
  'community.member-joined.moderator': MemberJoinedModeratorModel;
  'community.content-published.moderator': ContentPublishedModeratorModel;
  'activity.mention': MentionModel;
  'activity.comment': CommentModel;
  'activity.private-message': PrivateMessageModel;
  'activity.content-published': ContentPublishedModel;
  digest: DigestModel;
  'moderation.alert-summary': ModeratorAlertSummaryModel;
}
