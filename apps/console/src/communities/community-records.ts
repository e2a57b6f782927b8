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
