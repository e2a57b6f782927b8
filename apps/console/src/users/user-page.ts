import type { Delivery, UserOverview } from './user-records';

const CATEGORY_LABELS: Record<string, string> = {
  mentions: 'Mentions',
  comments: 'Comments',
  privateMessages: 'Private messages',
  communityActivity: 'Community activity',
};

/** The user overview shaped for the page: preferences as rows, each delivery with its outcome in words. */
export function toUserPage(overview: UserOverview) {
  return {
    userId: overview.userId,
    profile: overview.profile,
    memberships: overview.memberships,
    suppression: overview.suppression,
    preferences: overview.preferences
      ? Object.entries(overview.preferences).map(([category, frequency]) => ({
          category: CATEGORY_LABELS[category] ?? category,
          frequency,
        }))
      : undefined,
    deliveries: overview.deliveries.items.map((delivery) => ({ ...delivery, outcome: outcomeOf(delivery) })),
    nextCursor: overview.deliveries.nextCursor,
  };
}

/** One line a support person can read out: what happened and why. */
export function outcomeOf(delivery: Delivery): string {
  const why = [delivery.reason, delivery.detail].filter(Boolean).join(': ');
  return why ? `${delivery.status} (${why})` : delivery.status;
}
