import { EventTypes } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { RecipientRole } from '../policy/recipient-rules';
import { communityOf, deliveryRow, profileOf } from '../testing/fixtures';
import { NotificationContext } from './notification-context';

const MODERATOR = 'user-moderator-1';
const PROFILE_ADDRESS = 'marta.private@example.org';
const CONTACT_ADDRESS = 'moderators@green-buyers.example.org';

/** The moderator's contact address as the community lists it, and whether the moderator has a profile. */
function contextWith(options: {
  contactEmail: string;
  profile: boolean;
  suppressed?: string[];
}): NotificationContext {
  const community = communityOf({
    moderators: [{ userId: MODERATOR, displayName: 'Marta Moderator', contactEmail: options.contactEmail }],
  });
  const profiles = options.profile ? [profileOf(MODERATOR, { email: PROFILE_ADDRESS })] : [];
  return new NotificationContext(
    new Map([['8', sampleCloudEvent(EventTypes.AccessRequested)]]),
    new Map([[community.communityId, community]]),
    new Map(profiles.map((profile) => [profile.userId, profile])),
    new Set(),
    new Set(options.suppressed ?? []),
  );
}

describe('the address an email is written to', () => {
  it.each<[string, RecipientRole, { contactEmail: string; profile: boolean }, string | undefined]>([
    [
      'a moderator with a profile and another contact address',
      'moderator',
      { contactEmail: CONTACT_ADDRESS, profile: true },
      PROFILE_ADDRESS,
    ],
    [
      'a moderator whose contact address is their profile address',
      'moderator',
      { contactEmail: PROFILE_ADDRESS, profile: true },
      PROFILE_ADDRESS,
    ],
    [
      'a moderator without a profile',
      'moderator',
      { contactEmail: CONTACT_ADDRESS, profile: false },
      undefined,
    ],
    [
      'a requester with a profile',
      'requester',
      { contactEmail: CONTACT_ADDRESS, profile: true },
      PROFILE_ADDRESS,
    ],
    [
      'a requester without a profile',
      'requester',
      { contactEmail: CONTACT_ADDRESS, profile: false },
      undefined,
    ],
  ])('%s (%s)', (_name, role, situation, expected) => {
    const row = deliveryRow({
      eventRef: '8',
      recipientUserId: MODERATOR,
      recipientRole: role,
      category: 'transactional',
    });
    const context = contextWith(situation);

    expect(context.recipient(row)?.email).toBe(expected);
    expect(context.situation(row).hasAddress).toBe(expected !== undefined);
  });

  it('checks suppression on the profile address, not on the contact address', () => {
    const row = deliveryRow({ eventRef: '8', recipientUserId: MODERATOR, recipientRole: 'moderator' });

    expect(
      contextWith({ contactEmail: CONTACT_ADDRESS, profile: true, suppressed: [CONTACT_ADDRESS] }).situation(
        row,
      ).suppressed,
    ).toBe(false);
    expect(
      contextWith({ contactEmail: CONTACT_ADDRESS, profile: true, suppressed: [PROFILE_ADDRESS] }).situation(
        row,
      ).suppressed,
    ).toBe(true);
  });
});
