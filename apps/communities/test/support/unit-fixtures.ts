import type { Principal } from '@notify/security';
import type { DataSource, EntityManager } from 'typeorm';
import type { Community } from '../../src/communities/community.entity';

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

export function community(overrides: Partial<Community> = {}): Community {
  return {
    id: '7d1c3a52-4a8e-4bb0-9a53-6f0f6f2b1c11',
    name: 'Green public procurement',
    visibility: 'restricted',
    moderated: true,
    confidential: false,
    moderators: [
      {
        communityId: '7d1c3a52-4a8e-4bb0-9a53-6f0f6f2b1c11',
        userId: 'mod-1',
        displayName: 'Marta',
        contactEmail: 'marta@example.org',
      },
    ],
    createdAt: new Date('2026-01-01T10:00:00Z'),
    updatedAt: new Date('2026-01-01T10:00:00Z'),
    ...overrides,
  };
}
