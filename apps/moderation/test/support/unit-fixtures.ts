import type { ModerationItem } from '../../src/queue/moderation-item.entity';

export function pendingItem(overrides: Partial<ModerationItem> = {}): ModerationItem {
  return {
    kind: 'access-request',
    id: 'req-1',
    communityId: 'c-1',
    requesterId: 'bob',
    message: 'I work for a city procurement office',
    title: null,
    url: null,
    excerpt: null,
    status: 'pending',
    pendingSince: new Date('2026-03-01T09:00:00Z'),
    receivedAt: new Date('2026-03-01T09:00:01Z'),
    decidedAt: null,
    decidedByUserId: null,
    decidedByDisplayName: null,
    decidedByContactEmail: null,
    reason: null,
    remindedAt: null,
    ...overrides,
  };
}

export function pendingSubmission(overrides: Partial<ModerationItem> = {}): ModerationItem {
  return pendingItem({
    kind: 'submission',
    id: 'sub-1',
    requesterId: 'alice',
    message: null,
    title: 'Tender guide',
    url: 'https://portal.example.org/content/1',
    excerpt: 'How to write a tender',
    ...overrides,
  });
}
