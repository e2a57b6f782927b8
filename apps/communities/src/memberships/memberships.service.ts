import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { MembershipEndCause } from '@notify/contracts';
import { withTransaction } from '@notify/persistence';
import { assertActsFor, type Principal } from '@notify/security';
import { DataSource, EntityManager } from 'typeorm';
import { CommunitiesRepository } from '../communities/communities.repository';
import { CommunityAccessPolicy } from '../communities/community-access.policy';
import type { Community } from '../entities/community.entity';
import { CommunityEventsPublisher } from '../events/community-events.publisher';
import { AccessRequestsRepository, PendingAccessRequestExistsError } from './access-requests.repository';
import type { Membership } from '../entities/membership.entity';
import { MembershipsRepository } from '../communities/memberships.repository';

export type JoinOutcome =
  | { status: 'member'; membership: Membership }
  | { status: 'pending'; accessRequestId: string; requestedAt: Date };

@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly communities: CommunitiesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly accessRequests: AccessRequestsRepository,
    private readonly access: CommunityAccessPolicy,
    private readonly events: CommunityEventsPublisher,
  ) {}

  /** Joins an open community at once; asks the moderators of a restricted one. */
  async join(
    principal: Principal,
    communityId: string,
    userId: string,
    message?: string,
  ): Promise<JoinOutcome> {
    assertActsFor(principal, userId);
    return withTransaction(this.dataSource, async (tx) => {
      const community = await this.findCommunity(tx, communityId);
      if (await this.memberships.isMember(communityId, userId, tx)) {
        throw new ConflictException(`User ${userId} is already a member of community ${communityId}`);
      }
      return community.visibility === 'open'
        ? this.joinOpen(tx, communityId, userId)
        : this.requestAccess(tx, communityId, userId, message ?? null);
    });
  }

  /** The member leaves, or a moderator of the community or a platform service removes them. */
  async remove(principal: Principal, communityId: string, userId: string): Promise<void> {
    await withTransaction(this.dataSource, async (tx) => {
      const community = await this.findCommunity(tx, communityId);
      const cause = this.endCause(principal, community, userId);
      if (!(await this.memberships.remove(tx, communityId, userId))) {
        throw new NotFoundException(`User ${userId} is not a member of community ${communityId}`);
      }
      await this.events.memberLeft(tx, communityId, userId, cause);
    });
  }

  private endCause(principal: Principal, community: Community, userId: string): MembershipEndCause {
    if (principal.userId === userId) {
      return 'left';
    }
    if (this.access.canManage(principal, community)) {
      return 'removed';
    }
    throw new ForbiddenException(
      `Only the member, a moderator of community ${community.id} or a platform service may remove a member`,
    );
  }

  private async joinOpen(tx: EntityManager, communityId: string, userId: string): Promise<JoinOutcome> {
    const membership = await this.memberships.add(tx, communityId, userId, 'open-join');
    if (!membership) {
      throw new ConflictException(`User ${userId} is already a member of community ${communityId}`);
    }
    await this.events.memberJoined(tx, membership);
    return { status: 'member', membership };
  }

  private async requestAccess(
    tx: EntityManager,
    communityId: string,
    userId: string,
    message: string | null,
  ): Promise<JoinOutcome> {
    try {
      const request = await this.accessRequests.create(tx, communityId, userId, message);
      await this.events.accessRequested(tx, request);
      return { status: 'pending', accessRequestId: request.id, requestedAt: request.requestedAt };
    } catch (error) {
      if (error instanceof PendingAccessRequestExistsError) {
        throw new ConflictException(error.message);
      }
      throw error;
    }
  }

  private async findCommunity(tx: EntityManager, communityId: string): Promise<Community> {
    const community = await this.communities.findById(communityId, { tx });
    if (!community) {
      throw new NotFoundException(`Community ${communityId} not found`);
    }
    return community;
  }
}
