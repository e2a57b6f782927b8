import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { withTransaction } from '@notify/persistence';
import type { Principal } from '@notify/security';
import { DataSource } from 'typeorm';
import { CommunityEventsPublisher } from '../events/community-events.publisher';
import { MembershipsRepository } from './memberships.repository';
import { CommunitiesRepository, CommunityDraft, CommunityUpdate } from './communities.repository';
import { CommunityAccessPolicy } from './community-access.policy';
import { Community } from '../entities/community.entity';

@Injectable()
export class CommunitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly communities: CommunitiesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly access: CommunityAccessPolicy,
    private readonly events: CommunityEventsPublisher,
  ) {}

  /** Creates the community; its moderators become its first members. */
  async create(principal: Principal, draft: CommunityDraft): Promise<Community> {
    if (!this.access.canCreate(principal)) {
      throw new ForbiddenException(
        'Only a platform service or a platform administrator may create a community',
      );
    }
    return withTransaction(this.dataSource, async (tx) => {
      const community = await this.communities.insert(tx, draft);
      await this.events.communityCreated(tx, community);
      for (const moderator of community.moderators) {
        const membership = await this.memberships.add(
          tx,
          community.id,
          moderator.userId,
          'community-created',
        );
        if (membership) {
          await this.events.memberJoined(tx, membership);
        }
      }
      return community;
    });
  }

  async get(principal: Principal, id: string): Promise<Community> {
    const community = await this.communities.findById(id);
    if (!community || !(await this.access.canView(principal, community))) {
      throw new NotFoundException(`Community ${id} not found`);
    }
    return community;
  }

  /** Changes settings and, when given, replaces the moderators; memberships are left as they are. */
  async update(principal: Principal, id: string, changes: CommunityUpdate): Promise<Community> {
    return withTransaction(this.dataSource, async (tx) => {
      const current = await this.communities.findById(id, { tx, lock: true });
      if (!current) {
        throw new NotFoundException(`Community ${id} not found`);
      }
      if (!this.access.canChange(principal, current, changes)) {
        throw new ForbiddenException(
          changes.moderators === undefined
            ? `Only a moderator of community ${id}, a platform service or a platform administrator may change it`
            : `Only a platform service or a platform administrator may change the moderators of community ${id}`,
        );
      }
      const { moderators, ...settings } = changes;
      await this.communities.update(tx, id, settings);
      if (moderators) {
        await this.communities.replaceModerators(tx, id, moderators);
      }
      const updated = await this.communities.require(tx, id);
      await this.events.communityUpdated(tx, updated);
      return updated;
    });
  }
}
