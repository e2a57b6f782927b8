import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MembershipState } from './membership.entity';

export interface MembershipKey {
  communityId: string;
  userId: string;
}

export function membershipKey({ communityId, userId }: MembershipKey): string {
  return `${communityId}\u0000${userId}`;
}

@Injectable()
export class MembershipsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a join or a departure unless a later event already did; on equal times a departure wins, so
   * membership is never granted by mistake.
   */
  async record(
    key: MembershipKey,
    state: MembershipState,
    changedAt: Date,
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO memberships AS m (community_id, user_id, state, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (community_id, user_id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at
       WHERE m.changed_at < excluded.changed_at
          OR (m.changed_at = excluded.changed_at AND excluded.state = 'left')`,
      [key.communityId, key.userId, state, changedAt],
    );
  }

  /** The subset of the given (community, user) pairs that are current memberships, as `membershipKey` strings. */
  async currentMemberships(
    keys: readonly MembershipKey[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (keys.length === 0) {
      return new Set();
    }
    const rows: { community_id: string; user_id: string }[] = await manager.query(
      `SELECT m.community_id, m.user_id
         FROM unnest($1::varchar[], $2::varchar[]) AS k (community_id, user_id)
         JOIN memberships m ON m.community_id = k.community_id AND m.user_id = k.user_id
        WHERE m.state = 'joined'`,
      [keys.map((key) => key.communityId), keys.map((key) => key.userId)],
    );
    return new Set(rows.map((row) => membershipKey({ communityId: row.community_id, userId: row.user_id })));
  }
}
