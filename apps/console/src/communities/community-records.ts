export interface Community {
  id: string;
  name: string;
  visibility: 'open' | 'restricted';
  moderated: boolean;
  confidential: boolean;
  moderators: { userId: string; displayName: string; contactEmail: string }[];
  createdAt: string;
}

export interface PendingItem {
  kind: 'access-request' | 'submission';
  id: string;
  communityId: string;
  requesterId: string;
  message?: string;
  title?: string;
  url?: string;
  pendingSince: string;
  remindedAt?: string;
}

export interface PendingPage {
  items: PendingItem[];
  nextCursor: string | null;
}

/** A reminder moderation sent the community's moderators about an item left pending (`GET /moderation/reminders`). */
export interface SentReminder {
  kind: 'access-request' | 'submission';
  id: string;
  requesterId: string;
  message?: string;
  title?: string;
  pendingSince: string;
  remindedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt?: string;
}

export interface SentReminders {
  items: SentReminder[];
  more: boolean;
}
