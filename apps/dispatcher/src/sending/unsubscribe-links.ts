import type { NotificationCategory } from '@notify/contracts';
import type { UnsubscribeTokens } from '@notify/security';

/** Categories a user can switch off; community activity is stopped by leaving the community instead. */
const OPTIONAL_CATEGORIES: ReadonlySet<string> = new Set<NotificationCategory>([
  'mentions',
  'comments',
  'privateMessages',
]);

export function canUnsubscribe(category: string): category is NotificationCategory {
  return OPTIONAL_CATEGORIES.has(category);
}

/** Signed one-click unsubscribe links, verified by the preferences service with the same keys. */
export class UnsubscribeLinks {
  private readonly base: string;

  constructor(
    private readonly tokens: UnsubscribeTokens,
    baseUrl: string,
    private readonly ttlMs: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** The link for a category the user can switch off; `undefined` for any other category. */
  forCategory(userId: string, category: string, now: Date = new Date()): string | undefined {
    if (!canUnsubscribe(category)) {
      return undefined;
    }
    const token = this.tokens.sign({ userId, category }, new Date(now.getTime() + this.ttlMs));
    return `${this.base}/unsubscribe?token=${encodeURIComponent(token)}`;
  }
}
