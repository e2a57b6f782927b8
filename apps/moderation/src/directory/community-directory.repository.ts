import { Injectable } from '@nestjs/common';
import type { ModeratorContact } from '@notify/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CommunityModerator } from './community-moderator.entity';
import { ModeratedCommunity } from './moderated-community.entity';

export interface CommunitySnapshot {
  communityId: string;
  name: string;
  moderators: ModeratorContact[];
}

/** This service's copy of each community's moderators and their contact. */
@Injectable()
export class CommunityDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces what is known of the community with the snapshot. */
  async save(tx: EntityManager, snapshot: CommunitySnapshot): Promise<void> {
    const { communityId, name, moderators } = snapshot;
    await tx.upsert(ModeratedCommunity, { id: communityId, name, updatedAt: new Date() }, ['id']);
    await tx.delete(CommunityModerator, { communityId });
    if (moderators.length > 0) {
      await tx.insert(
        CommunityModerator,
        moderators.map(({ userId, displayName, contactEmail }) => ({
          communityId,
          userId,
          displayName,
          contactEmail,
        })),
      );
    }
  }

  async findModerator(
    communityId: string,
    userId: string,
    tx?: EntityManager,
  ): Promise<ModeratorContact | null> {
    const moderator = await (tx ?? this.dataSource.manager).findOne(CommunityModerator, {
      where: { communityId, userId },
    });
    return (
      moderator && {
        userId: moderator.userId,
        displayName: moderator.displayName,
        contactEmail: moderator.contactEmail,
      }
    );
  }
}
