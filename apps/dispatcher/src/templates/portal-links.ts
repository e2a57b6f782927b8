import type { PendingItemKind } from '@notify/contracts';

/** Builds links into the portal from the configured base URL; ids are path-encoded. */
export class PortalLinks {
  private readonly base: string;

  constructor(publicBaseUrl: string) {
    this.base = publicBaseUrl.replace(/\/+$/, '');
  }

  home(): string {
    return `${this.base}/`;
  }

  notificationSettings(): string {
    return `${this.base}/settings/notifications`;
  }

  community(communityId: string): string {
    return `${this.base}/communities/${encodeURIComponent(communityId)}`;
  }

  moderationQueue(): string {
    return `${this.base}/moderation`;
  }

  pendingItem(kind: PendingItemKind, itemId: string): string {
    const collection = kind === 'access-request' ? 'access-requests' : 'submissions';
    return `${this.base}/moderation/${collection}/${encodeURIComponent(itemId)}`;
  }
}
