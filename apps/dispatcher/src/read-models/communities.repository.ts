import { Injectable } from '@nestjs/common';
import type { CommunityData } from '@notify/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CommunityEntity } from './community.entity';

@Injectable()
export class CommunitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the community's state unless a later event already described it. */
  async upsert(community: CommunityData, changedAt: Date, tx: EntityManager): Promise<void> {
    const moderators = community.moderators.map(({ userId, displayName, contactEmail }) => ({
      userId,
      displayName,
      contactEmail,
    }));
    await tx.query(
      `INSERT INTO communities AS c (community_id, name, visibility, moderated, confidential, moderators, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (community_id) DO UPDATE SET
         name = excluded.name, visibility = excluded.visibility, moderated = excluded.moderated,
         confidential = excluded.confidential, moderators = excluded.moderators, changed_at = excluded.changed_at
       WHERE c.changed_at <= excluded.changed_at`,
      [
        community.communityId,
        community.name,
        community.visibility,
        community.moderated,
        community.confidential,
        JSON.stringify(moderators),
        changedAt,
      ],
    );
  }

  findById(
    communityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CommunityEntity | null> {
    return manager.findOneBy(CommunityEntity, { communityId });
  }

  findByIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CommunityEntity[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return manager.findBy(CommunityEntity, { communityId: In([...new Set(ids)]) });
  }
}
