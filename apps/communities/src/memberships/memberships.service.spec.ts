import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { servicePrincipal, stubDataSource, stubTransaction, userPrincipal } from '@notify/testing';
import type { CommunitiesRepository } from '../communities/communities.repository';
import { CommunityAccessPolicy } from '../communities/community-access.policy';
import type { MembershipsRepository } from '../communities/memberships.repository';
import type { CommunityEventsPublisher } from '../events/community-events.publisher';
import { community } from '../../test/support/unit-fixtures';
import type { AccessRequest } from '../entities/access-request.entity';
import { AccessRequestsRepository, PendingAccessRequestExistsError } from './access-requests.repository';
import { MembershipsService } from './memberships.service';

const open = community({ visibility: 'open' });
const restricted = community({ visibility: 'restricted' });
const joinedAt = new Date('2026-02-01T08:00:00Z');

function setup() {
  const communities = { findById: jest.fn() } as unknown as jest.Mocked<CommunitiesRepository>;
  const memberships = {
    isMember: jest.fn().mockResolvedValue(false),
    add: jest.fn((_tx, communityId: string, userId: string, joinedVia: string) =>
      Promise.resolve({ communityId, userId, joinedVia, joinedAt }),
    ),
    remove: jest.fn().mockResolvedValue(true),
  } as unknown as jest.Mocked<MembershipsRepository>;
  const accessRequests = { create: jest.fn() } as unknown as jest.Mocked<AccessRequestsRepository>;
  const events = {
    memberJoined: jest.fn(),
    memberLeft: jest.fn(),
    accessRequested: jest.fn(),
  } as unknown as jest.Mocked<CommunityEventsPublisher>;
  const service = new MembershipsService(
    stubDataSource(),
    communities,
    memberships,
    accessRequests,
    new CommunityAccessPolicy(memberships),
    events,
  );
  return { service, communities, memberships, accessRequests, events };
}

describe('MembershipsService.join', () => {
  it('makes the user a member of an open community at once and announces it', async () => {
    const { service, communities, memberships, events } = setup();
    communities.findById.mockResolvedValue(open);

    const outcome = await service.join(userPrincipal('alice'), open.id, 'alice');

    expect(outcome).toEqual({
      status: 'member',
      membership: { communityId: open.id, userId: 'alice', joinedVia: 'open-join', joinedAt },
    });
    expect(memberships.add).toHaveBeenCalledWith(stubTransaction, open.id, 'alice', 'open-join');
    expect(events.memberJoined).toHaveBeenCalledWith(
      stubTransaction,
      expect.objectContaining({ userId: 'alice', joinedVia: 'open-join' }),
    );
  });

  it('files an access request for a restricted community instead of a membership', async () => {
    const { service, communities, memberships, accessRequests, events } = setup();
    communities.findById.mockResolvedValue(restricted);
    const request = {
      id: 'req-1',
      communityId: restricted.id,
      userId: 'bob',
      message: 'Please',
      requestedAt: joinedAt,
    } as AccessRequest;
    accessRequests.create.mockResolvedValue(request);

    const outcome = await service.join(userPrincipal('bob'), restricted.id, 'bob', 'Please');

    expect(outcome).toEqual({ status: 'pending', accessRequestId: 'req-1', requestedAt: joinedAt });
    expect(accessRequests.create).toHaveBeenCalledWith(stubTransaction, restricted.id, 'bob', 'Please');
    expect(events.accessRequested).toHaveBeenCalledWith(stubTransaction, request);
    expect(memberships.add).not.toHaveBeenCalled();
  });

  it('lets a platform service join on behalf of a user', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(open);

    await expect(service.join(servicePrincipal, open.id, 'carol')).resolves.toMatchObject({
      status: 'member',
    });
  });

  it('refuses a user joining for somebody else', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(open);

    await expect(service.join(userPrincipal('mallory'), open.id, 'alice')).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('answers 404 for an unknown community', async () => {
    const { service, communities } = setup();
    communities.findById.mockResolvedValue(null);

    await expect(service.join(userPrincipal('alice'), open.id, 'alice')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('answers 409 when the user already is a member', async () => {
    const { service, communities, memberships, events } = setup();
    communities.findById.mockResolvedValue(open);
    memberships.isMember.mockResolvedValue(true);

    await expect(service.join(userPrincipal('alice'), open.id, 'alice')).rejects.toThrow(
      new ConflictException(`User alice is already a member of community ${open.id}`),
    );
    expect(events.memberJoined).not.toHaveBeenCalled();
  });

  it('answers 409 when a concurrent join won the race', async () => {
    const { service, communities, memberships, events } = setup();
    communities.findById.mockResolvedValue(open);
    memberships.add.mockResolvedValue(null);

    await expect(service.join(userPrincipal('alice'), open.id, 'alice')).rejects.toBeInstanceOf(
      ConflictException,
    );
    expect(events.memberJoined).not.toHaveBeenCalled();
  });

  it('answers 409 when an access request is already pending', async () => {
    const { service, communities, accessRequests, events } = setup();
    communities.findById.mockResolvedValue(restricted);
    accessRequests.create.mockRejectedValue(new PendingAccessRequestExistsError(restricted.id, 'bob'));

    await expect(service.join(userPrincipal('bob'), restricted.id, 'bob')).rejects.toBeInstanceOf(
      ConflictException,
    );
    expect(events.accessRequested).not.toHaveBeenCalled();
  });
});

describe('MembershipsService.remove', () => {
  it('records a member leaving on their own', async () => {
    const { service, communities, memberships, events } = setup();
    communities.findById.mockResolvedValue(open);

    await service.remove(userPrincipal('alice'), open.id, 'alice');

    expect(memberships.remove).toHaveBeenCalledWith(stubTransaction, open.id, 'alice');
    expect(events.memberLeft).toHaveBeenCalledWith(stubTransaction, open.id, 'alice', 'left');
  });

  it.each([
    ['a moderator of the community', userPrincipal('mod-1')],
    ['a platform service', servicePrincipal],
  ])('records a removal by %s', async (_who, principal) => {
    const { service, communities, events } = setup();
    communities.findById.mockResolvedValue(open);

    await service.remove(principal, open.id, 'alice');

    expect(events.memberLeft).toHaveBeenCalledWith(stubTransaction, open.id, 'alice', 'removed');
  });

  it('forbids another member to remove someone', async () => {
    const { service, communities, memberships } = setup();
    communities.findById.mockResolvedValue(open);

    await expect(service.remove(userPrincipal('bob'), open.id, 'alice')).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    expect(memberships.remove).not.toHaveBeenCalled();
  });

  it('answers 404 when the user is not a member', async () => {
    const { service, communities, memberships, events } = setup();
    communities.findById.mockResolvedValue(open);
    memberships.remove.mockResolvedValue(false);

    await expect(service.remove(userPrincipal('alice'), open.id, 'alice')).rejects.toThrow(
      `User alice is not a member of community ${open.id}`,
    );
    expect(events.memberLeft).not.toHaveBeenCalled();
  });
});
