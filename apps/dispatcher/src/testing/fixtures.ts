import { DEFAULT_PREFERENCES, type NotificationPreferences } from '@notify/contracts';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { CommunityEntity } from '../read-models/community.entity';
import { ProfileEntity } from '../read-models/profile.entity';
import type { TemplateSettings } from '../templates/template-settings';

// Builders for unit specs of the dispatcher's services.

/** Renderer settings for template specs. */
export const TEMPLATE_TEST_SETTINGS: TemplateSettings = {
  platformName: 'Public Buyers Community',
  supportEmail: 'support@buyers.example.eu',
  publicBaseUrl: 'https://portal.example.org',
  previewEnabled: false,
};

export function deliveryRow(overrides: Partial<DeliveryEntity> = {}): DeliveryEntity {
  return Object.assign(new DeliveryEntity(), {
    id: '41',
    eventRef: '7',
    recipientUserId: 'user-1',
    recipientRole: 'recipient',
    template: 'activity.mention',
    category: 'mentions',
    communityId: 'community-1',
    membersOnly: false,
    status: 'sending',
    reason: null,
    detail: null,
    frequency: null,
    attempts: 1,
    nextAttemptAt: new Date(),
    claimedAt: new Date(),
    claimedBy: 'replica-1',
    claimVersion: 1,
    digestId: null,
    sesMessageId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    sentAt: null,
    statusChangedAt: null,
    ...overrides,
  });
}

export function profileOf(
  userId: string,
  overrides: Partial<Omit<ProfileEntity, 'userId'>> & { preferences?: Partial<NotificationPreferences> } = {},
): ProfileEntity {
  const { preferences, ...fields } = overrides;
  return Object.assign(new ProfileEntity(), {
    userId,
    email: `${userId}@example.org`,
    displayName: `Name of ${userId}`,
    locale: 'en',
    timeZone: 'Europe/Brussels',
    ...DEFAULT_PREFERENCES,
    ...preferences,
    revision: '1',
    updatedAt: new Date(),
    ...fields,
  });
}

export function communityOf(overrides: Partial<CommunityEntity> = {}): CommunityEntity {
  return Object.assign(new CommunityEntity(), {
    communityId: 'community-1',
    name: 'Green buyers',
    visibility: 'restricted',
    moderated: true,
    confidential: false,
    moderators: [
      { userId: 'user-moderator-1', displayName: 'Marta Moderator', contactEmail: 'marta@example.org' },
    ],
    changedAt: new Date(),
    ...overrides,
  });
}
