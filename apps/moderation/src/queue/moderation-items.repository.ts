import { Injectable } from '@nestjs/common';
import type { ModeratorContact, PendingItemKind } from '@notify/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ModerationItem } from './moderation-item.entity';
import type { QueuePosition } from './queue-cursor';

export type NewModerationItem = Pick<
  ModerationItem,
  'kind' | 'id' | 'communityId' | 'requesterId' | 'message' | 'title' | 'url' | 'excerpt' | 'pendingSince'
>;

export interface ItemDecision {
  status: 'approved' | 'rejected';
  decidedAt: Date;
  decidedBy: ModeratorContact;
  reason: string | null;
}

export interface QueuePageQuery {
  /** Only communities this user moderates; all communities when absent. */
  moderatorId?: string;
  communityId?: string;
  after?: QueuePosition;
  limit: number;
}

const ITEM = 'item';

@Injectable()
export class ModerationItemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the item unless it is already known; false when it was. */
  async addIfAbsent(tx: EntityManager, item: NewModerationItem): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO moderation_items (kind, id, community_id, requester_id, message, title, url, excerpt, pending_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (kind, id) DO NOTHING
       RETURNING id`,
      [
        item.kind,
        item.id,
        item.communityId,
        item.requesterId,
        item.message,
        item.title,
        item.url,
        item.excerpt,
        item.pendingSince,
      ],
    );
    return rows.length > 0;
  }

  async findById(kind: PendingItemKind, id: string, tx?: EntityManager): Promise<ModerationItem | null> {
    return (tx ?? this.dataSource.manager).findOne(ModerationItem, { where: { kind, id } });
  }

  /** Records the decision only if the item is still pending; `null` when another decision came first. */
  async decide(
    tx: EntityManager,
    kind: PendingItemKind,
    id: string,
    decision: ItemDecision,
  ): Promise<ModerationItem | null> {
    const { status, decidedAt, decidedBy, reason } = decision;
    const result = await tx
      .createQueryBuilder()
      .update(ModerationItem)
      .set({
        status,
        decidedAt,
        reason,
        decidedByUserId: decidedBy.userId,
        decidedByDisplayName: decidedBy.displayName,
        decidedByContactEmail: decidedBy.contactEmail,
      })
      .where('kind = :kind AND id = :id AND status = :pending', { kind, id, pending: 'pending' })
      .execute();
    return result.affected ? this.findById(kind, id, tx) : null;
  }

  /** One page of pending items in queue order (oldest first), with their community's name. */
  async pendingPage(query: QueuePageQuery): Promise<ModerationItem[]> {
    const builder = this.dataSource.manager
      .createQueryBuilder(ModerationItem, ITEM)
      .leftJoinAndSelect(`${ITEM}.community`, 'community')
      .where(`${ITEM}.status = 'pending'`)
      .orderBy(`${ITEM}.pending_since`, 'ASC')
      .addOrderBy(`${ITEM}.kind`, 'ASC')
      .addOrderBy(`${ITEM}.id`, 'ASC')
      .limit(query.limit);
    if (query.moderatorId !== undefined) {
      builder.innerJoin(
        'community_moderators',
        'moderator',
        `moderator.community_id = ${ITEM}.community_id AND moderator.user_id = :moderatorId`,
        { moderatorId: query.moderatorId },
      );
    }
    if (query.communityId !== undefined) {
      builder.andWhere(`${ITEM}.community_id = :communityId`, { communityId: query.communityId });
    }
    if (query.after) {
      builder.andWhere(`(${ITEM}.pending_since, ${ITEM}.kind, ${ITEM}.id) > (:since, :kind, :id)`, {
        since: query.after.pendingSince,
        kind: query.after.kind,
        id: query.after.id,
      });
    }
    return builder.getMany();
  }

  /**
   * Locks a batch of pending, never-reminded items waiting since `cutoff` or earlier. Rows another replica
   * holds are skipped, so replicas share the work instead of reminding twice.
   */
  async lockDueForReminder(tx: EntityManager, cutoff: Date, limit: number): Promise<ModerationItem[]> {
    return tx
      .createQueryBuilder(ModerationItem, ITEM)
      .where(
        `${ITEM}.status = 'pending' AND ${ITEM}.reminded_at IS NULL AND ${ITEM}.pending_since <= :cutoff`,
        { cutoff },
      )
      .orderBy(`${ITEM}.pending_since`, 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markReminded(tx: EntityManager, items: ModerationItem[], remindedAt: Date): Promise<void> {
    if (items.length === 0) {
      return;
    }
    await tx.query(
      `UPDATE moderation_items SET reminded_at = $1
       WHERE (kind, id) IN (SELECT * FROM unnest($2::varchar[], $3::varchar[]))`,
      [remindedAt, items.map((item) => item.kind), items.map((item) => item.id)],
    );
  }

  /**
   * Items of a community whose moderators were reminded, latest reminder first, decided ones included; `limit`
   * rows at most (`ix_items_reminded_by_community`).
   */
  async remindedIn(communityId: string, limit: number): Promise<ModerationItem[]> {
    return this.dataSource.manager
      .createQueryBuilder(ModerationItem, ITEM)
      .where(`${ITEM}.community_id = :communityId AND ${ITEM}.reminded_at IS NOT NULL`, { communityId })
      .orderBy(`${ITEM}.reminded_at`, 'DESC')
      .addOrderBy(`${ITEM}.kind`, 'ASC')
      .addOrderBy(`${ITEM}.id`, 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Whether the community or any item of it is known here (items never wait for the community's event). */
  async knowsCommunity(communityId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM communities WHERE id = $1 UNION ALL SELECT 1 FROM moderation_items WHERE community_id = $1 LIMIT 1`,
      [communityId],
    );
    return rows.length > 0;
  }
}
