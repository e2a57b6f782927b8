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

/** One community a user joined, as the dispatcher knows it: current or left, and since when. */
export interface UserMembership {
  communityId: string;
  communityName: string | null;
  state: MembershipState;
  changedAt: string;
}

const MEMBERSHIPS_SHOWN = 200;

@Injectable()
export class MembershipsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's memberships, latest change first: what decides whether community activity reaches them. */
  async ofUser(userId: string): Promise<UserMembership[]> {
    const rows: { community_id: string; name: string | null; state: MembershipState; changed_at: Date }[] =
      await this.dataSource.query(
        `SELECT m.community_id, c.name, m.state, m.changed_at
           FROM memberships m LEFT JOIN communities c ON c.community_id = m.community_id
          WHERE m.user_id = $1
          ORDER BY m.changed_at DESC
          LIMIT ${MEMBERSHIPS_SHOWN}`,
        [userId],
      );
    return rows.map((row) => ({
      communityId: row.community_id,
      communityName: row.name,
      state: row.state,
      changedAt: row.changed_at.toISOString(),
    }));
  }

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
