import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MembershipOrigin } from '@notify/contracts';
import { Membership } from '../entities/membership.entity';

@Injectable()
export class MembershipsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the membership; `null` when the user already is a member (nothing written). */
  async add(
    tx: EntityManager,
    communityId: string,
    userId: string,
    joinedVia: MembershipOrigin,
  ): Promise<Membership | null> {
    const rows: { joined_at: Date }[] = await tx.query(
      `INSERT INTO memberships (community_id, user_id, joined_via, joined_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (community_id, user_id) DO NOTHING
       RETURNING joined_at`,
      [communityId, userId, joinedVia],
    );
    return rows.length === 0 ? null : { communityId, userId, joinedVia, joinedAt: rows[0].joined_at };
  }

  /** Removes the membership; false when there was none. */
  async remove(tx: EntityManager, communityId: string, userId: string): Promise<boolean> {
    const result = await tx.delete(Membership, { communityId, userId });
    return (result.affected ?? 0) > 0;
  }

  async isMember(communityId: string, userId: string, tx?: EntityManager): Promise<boolean> {
    return (tx ?? this.dataSource.manager).exists(Membership, { where: { communityId, userId } });
  }
}
