import type { Principal } from '@notify/security';
import type { DataSource, EntityManager } from 'typeorm';
import type { ModerationItem } from '../../src/queue/moderation-item.entity';

/** Stands for the transaction's EntityManager in unit specs; repositories are mocked, so it is never used. */
export const tx = { transactional: true } as unknown as EntityManager;

/** A DataSource whose transactions just run their work with `tx`. */
export function fakeDataSource(): DataSource {
  const transaction = jest.fn((_isolation: string, work: (manager: EntityManager) => Promise<unknown>) =>
    work(tx),
  );
  return { transaction, manager: tx } as unknown as DataSource;
}

export function user(userId: string): Principal {
  return { userId, isService: false, roles: [] };
}

export const platformService: Principal = { userId: 'portal-backend', isService: true, roles: ['service'] };

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
