import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { servicePrincipal, stubDataSource, stubTransaction, userPrincipal } from '@notify/testing';
import type { CommunityEventsPublisher } from '../events/community-events.publisher';
import { community } from '../../test/support/unit-fixtures';
import type { CommunitiesRepository, CommunityDraft } from './communities.repository';
import { CommunitiesService } from './communities.service';
import { CommunityAccessPolicy } from './community-access.policy';
import type { MembershipsRepository } from './memberships.repository';

const draft: CommunityDraft = {
  name: 'Green public procurement',
  visibility: 'restricted',
  moderated: true,
  confidential: false,
  moderators: [
    { userId: 'mod-1', displayName: 'Marta', contactEmail: 'marta@example.org' },
    { userId: 'mod-2', displayName: 'Jonas', contactEmail: 'jonas@example.org' },
  ],
};

function setup() {
  const created = community({ moderators: draft.moderators.map((m) => ({ ...m, communityId: 'c-1' })) });
  const communities = {
    insert: jest.fn().mockResolvedValue(created),
    findById: jest.fn(),
    update: jest.fn(),
    replaceModerators: jest.fn(),
    require: jest.fn(),
  } as unknown as jest.Mocked<CommunitiesRepository>;
  const memberships = {
    add: jest.fn((_tx, communityId: string, userId: string, joinedVia: string) =>
      Promise.resolve({ communityId, userId, joinedVia, joinedAt: new Date() }),
    ),
    isMember: jest.fn().mockResolvedValue(false),
  } as unknown as jest.Mocked<MembershipsRepository>;
  const events = {
    communityCreated: jest.fn(),
    communityUpdated: jest.fn(),
    memberJoined: jest.fn(),
  } as unknown as jest.Mocked<CommunityEventsPublisher>;
  const service = new CommunitiesService(
    stubDataSource(),
    communities,
    memberships,
    new CommunityAccessPolicy(memberships),
    events,
  );
  return { service, created, communities, memberships, events };
}

describe('CommunitiesService.create', () => {
  it('stores the community, announces it and makes each moderator a member', async () => {
    const { service, created, communities, memberships, events } = setup();

    await expect(service.create(servicePrincipal, draft)).resolves.toBe(created);

    expect(communities.insert).toHaveBeenCalledWith(stubTransaction, draft);
    expect(events.communityCreated).toHaveBeenCalledWith(stubTransaction, created);
    expect(memberships.add.mock.calls.map((call) => [call[2], call[3]])).toEqual([
      ['mod-1', 'community-created'],
      ['mod-2', 'community-created'],
    ]);
    expect(events.memberJoined).toHaveBeenCalledTimes(2);
  });

  it('lets a platform administrator create a community', async () => {
    const { service } = setup();

    await expect(service.create(userPrincipal('admin-1', ['platform-admin']), draft)).resolves.toBeDefined();
  });

  it.each([
    ['a user who is not among the moderators', 'alice'],
    ['a user who lists themselves among the moderators', 'mod-2'],
  ])('forbids %s', async (_who, userId) => {
    const { service, communities, events } = setup();

    await expect(service.create(userPrincipal(userId), draft)).rejects.toThrow(
      'Only a platform service or a platform administrator may create a community',
    );
    expect(communities.insert).not.toHaveBeenCalled();
    expect(events.communityCreated).not.toHaveBeenCalled();
  });
});

describe('CommunitiesService.get', () => {
  it('shows an open community to anyone', async () => {
    const { service, communities } = setup();
    const open = community({ visibility: 'open' });
    communities.findById.mockResolvedValue(open);

    await expect(service.get(userPrincipal('stranger'), open.id)).resolves.toBe(open);
  });

  it('shows a restricted community to its members', async () => {
    const { service, communities, memberships } = setup();
    const restricted = community();
    communities.findById.mockResolvedValue(restricted);
    memberships.isMember.mockResolvedValue(true);

    await expect(service.get(userPrincipal('alice'), restricted.id)).resolves.toBe(restricted);
    expect(memberships.isMember).toHaveBeenCalledWith(restricted.id, 'alice');
  });

  it.each([
    ['its moderator', userPrincipal('mod-1')],
    ['a platform service', servicePrincipal],
  ])('shows a restricted community to %s', async (_who, principal) => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(community());

    await expect(service.get(principal, community().id)).resolves.toBeDefined();
  });

  it('hides a restricted community from non-members as if it did not exist', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(community());

    await expect(service.get(userPrincipal('stranger'), community().id)).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('answers 404 for an unknown community', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(null);

    await expect(service.get(servicePrincipal, 'missing')).rejects.toThrow('Community missing not found');
  });
});

describe('CommunitiesService.update', () => {
  it('changes settings, replaces moderators and announces the new state', async () => {
    const { service, communities, events } = setup();
    const current = community();
    const updated = community({ name: 'Renamed' });
    communities.findById.mockResolvedValue(current);
    communities.require.mockResolvedValue(updated);
    const moderators = [{ userId: 'mod-3', displayName: 'Ines', contactEmail: 'ines@example.org' }];

    await expect(service.update(servicePrincipal, current.id, { name: 'Renamed', moderators })).resolves.toBe(
      updated,
    );

    expect(communities.findById).toHaveBeenCalledWith(current.id, { tx: stubTransaction, lock: true });
    expect(communities.update).toHaveBeenCalledWith(stubTransaction, current.id, { name: 'Renamed' });
    expect(communities.replaceModerators).toHaveBeenCalledWith(stubTransaction, current.id, moderators);
    expect(events.communityUpdated).toHaveBeenCalledWith(stubTransaction, updated);
  });

  it('keeps the moderators when none are given', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(community());
    communities.require.mockResolvedValue(community());

    await service.update(servicePrincipal, community().id, { confidential: true });

    expect(communities.replaceModerators).not.toHaveBeenCalled();
  });

  it('lets its moderator change its settings', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(community());
    communities.require.mockResolvedValue(community());

    await service.update(userPrincipal('mod-1'), community().id, { moderated: false });

    expect(communities.update).toHaveBeenCalledWith(stubTransaction, community().id, { moderated: false });
  });

  it('forbids its moderator to change the moderators', async () => {
    const { service, communities, events } = setup();
    communities.findById.mockResolvedValue(community());
    const moderators = [{ userId: 'mod-1', displayName: 'Marta', contactEmail: 'marta@example.org' }];

    await expect(service.update(userPrincipal('mod-1'), community().id, { moderators })).rejects.toThrow(
      `Only a platform service or a platform administrator may change the moderators of community ${community().id}`,
    );
    expect(communities.update).not.toHaveBeenCalled();
    expect(communities.replaceModerators).not.toHaveBeenCalled();
    expect(events.communityUpdated).not.toHaveBeenCalled();
  });

  it('forbids a caller who does not moderate the community', async () => {
    const { service, communities, events } = setup();
    communities.findById.mockResolvedValue(community());

    await expect(
      service.update(userPrincipal('alice'), community().id, { name: 'Mine' }),
    ).rejects.toBeInstanceOf(ForbiddenException);
    expect(communities.update).not.toHaveBeenCalled();
    expect(events.communityUpdated).not.toHaveBeenCalled();
  });

  it('answers 404 for an unknown community', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(null);

    await expect(service.update(servicePrincipal, 'missing', { name: 'x' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});
