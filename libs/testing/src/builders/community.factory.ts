import type { CommunityData, ModeratorContact } from '@notify/contracts';
import { uniqueEmail, uniqueId } from './unique-id';

export const moderatorFactory = {
  build(overrides: Partial<ModeratorContact> = {}): ModeratorContact {
    return {
      userId: uniqueId('moderator'),
      displayName: 'Marta Moderator',
      contactEmail: uniqueEmail('moderator'),
      ...overrides,
    };
  },
};

/** A restricted, moderated, non-confidential community with one moderator unless overridden. */
export const communityFactory = {
  build(overrides: Partial<CommunityData> = {}): CommunityData {
    return {
      communityId: uniqueId('community'),
      name: 'Green public procurement',
      visibility: 'restricted',
      moderated: true,
      confidential: false,
      moderators: [moderatorFactory.build()],
      ...overrides,
    };
  },
};
