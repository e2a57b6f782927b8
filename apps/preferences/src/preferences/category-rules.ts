import {
  COMMUNITY_ACTIVITY_FREQUENCIES,
  FREQUENCIES,
  type Frequency,
  type NotificationCategory,
} from '@notify/contracts';

/** The frequencies each category accepts; community activity has no `never` (leaving the community stops it). */
export const ALLOWED_FREQUENCIES: Readonly<Record<NotificationCategory, readonly Frequency[]>> =
  Object.freeze({
    mentions: FREQUENCIES,
    comments: FREQUENCIES,
    privateMessages: FREQUENCIES,
    communityActivity: COMMUNITY_ACTIVITY_FREQUENCIES,
  });

/** Categories a user may switch off, e.g. through a one-click unsubscribe link. */
export type OptionalCategory = Exclude<NotificationCategory, 'communityActivity'>;

export function canBeSwitchedOff(category: NotificationCategory): category is OptionalCategory {
  return ALLOWED_FREQUENCIES[category].includes('never');
}
