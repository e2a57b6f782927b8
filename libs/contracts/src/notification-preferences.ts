// Persisted API: frequencies and category names are stored per user and travel in profile events.
// Changing a value needs a new version and a migration path.

export const FREQUENCIES = ['immediately', 'daily', 'weekly', 'never'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Community activity cannot be switched off: leaving the community is how a user stops it. */
export const COMMUNITY_ACTIVITY_FREQUENCIES = ['immediately', 'daily', 'weekly'] as const;
export type CommunityActivityFrequency = (typeof COMMUNITY_ACTIVITY_FREQUENCIES)[number];

export const NOTIFICATION_CATEGORIES = [
  'mentions',
  'comments',
  'privateMessages',
  'communityActivity',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export interface NotificationPreferences {
  mentions: Frequency;
  comments: Frequency;
  privateMessages: Frequency;
  communityActivity: CommunityActivityFrequency;
}

export const DEFAULT_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({
  mentions: 'immediately',
  comments: 'immediately',
  privateMessages: 'immediately',
  communityActivity: 'daily',
});
