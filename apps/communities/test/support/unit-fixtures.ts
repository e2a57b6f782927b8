import type { Community } from '../../src/entities/community.entity';

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
