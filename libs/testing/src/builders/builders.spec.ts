import { EventTypes, validatePayload } from '@notify/contracts';
import { cloudEventFactory } from './cloud-event.factory';
import { communityFactory } from './community.factory';
import { userProfileFactory } from './user-profile.factory';

describe('builders', () => {
  it('build valid, distinct communities', async () => {
    const first = communityFactory.build();
    const second = communityFactory.build({ visibility: 'open', moderated: false });

    expect(first.communityId).not.toBe(second.communityId);
    expect(second).toMatchObject({ visibility: 'open', moderated: false });
    await expect(validatePayload(EventTypes.CommunityCreated, second)).resolves.toMatchObject({
      visibility: 'open',
    });
  });

  it('build valid profiles with unique addresses', async () => {
    const profile = userProfileFactory.build({ locale: 'de' });

    expect(profile.email).not.toBe(userProfileFactory.build().email);
    await expect(validatePayload(EventTypes.PreferenceProfileChanged, profile)).resolves.toMatchObject({
      locale: 'de',
    });
  });

  it('build events with fresh ids and overridden data', async () => {
    const first = cloudEventFactory.build(EventTypes.MemberLeft, { cause: 'removed' });
    const second = cloudEventFactory.build(EventTypes.MemberLeft, {}, { subject: 'user-1' });

    expect(first.id).not.toBe(second.id);
    expect(first).toMatchObject({
      specversion: '1.0',
      type: 'communities.member.left',
      data: { cause: 'removed' },
    });
    expect(second.subject).toBe('user-1');
    await expect(validatePayload(first.type, first.data)).resolves.toMatchObject({ cause: 'removed' });
  });
});
