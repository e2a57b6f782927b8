import type { CommunityVisibility, ModeratorContact, NotificationPreferences } from '@notify/contracts';

// The REST bodies the scenarios read, as the external contract describes them.

export interface NewCommunity {
  name: string;
  visibility: CommunityVisibility;
  moderated: boolean;
  confidential: boolean;
  moderators: ModeratorContact[];
}

export interface Community extends NewCommunity {
  id: string;
}

export interface JoinAnswer {
  status: 'member' | 'pending';
  accessRequestId?: string;
}

export interface NewSubmission {
  authorId: string;
  title: string;
  url: string;
  excerpt?: string;
}

export interface SubmissionAnswer {
  status: 'pending' | 'published';
  submissionId?: string;
  contentId?: string;
}

export interface QueueItem {
  kind: 'access-request' | 'submission';
  id: string;
  communityId: string;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor?: string | null;
}

export interface Profile {
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
}

export type Preferences = NotificationPreferences;

/** One line of a user's delivery log: what happened to one notification and the event that caused it. */
export interface Delivery {
  id: string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'digest-queued';
  reason?: string;
  category: string;
  template: string;
  eventId: string;
  eventSource: string;
  eventType: string;
  communityId?: string;
  frequency?: string;
  digestId?: string;
  /** Language the email was written in, once sent. */
  language?: string;
}

/** Newest first. */
export interface DeliveryLog {
  items: Delivery[];
  nextCursor: string | null;
}
