import { Injectable } from '@nestjs/common';
import type { NotificationCategory } from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import type { FanOutRule } from '../policy/notification-policy';
import type { TemplateId } from '../templates/template-id';

export interface MemberFanOut {
  eventRef: string;
  communityId: string;
  template: TemplateId;
  category: NotificationCategory;
  membersOnly: boolean;
  actorUserId: string | undefined;
  /** Members left out entirely (e.g. moderators who get their own alert for the same event). */
  excludedUserIds: readonly string[];
  /** The policy for every member situation; each member's row takes the decision of the rule it matches. */
  rules: readonly FanOutRule[];
}

// Fixed map: the column name is interpolated into SQL, so it never comes from input.
const PREFERENCE_COLUMN: Record<NotificationCategory, string> = {
  mentions: 'p.mentions',
  comments: 'p.comments',
  privateMessages: 'p.private_messages',
  communityActivity: 'p.community_activity',
};

@Injectable()
export class MemberFanOutRepository {
  /**
   * Inserts one delivery per current member, page by page in member order, inside the database: members are never
   * loaded into this process. Returns how many rows are pending immediate sending. The event was stored by the same
   * transaction, so none of its deliveries exists yet and the insert needs no conflict handling.
   */
  async insertForMembers(fanOut: MemberFanOut, pageSize: number, tx: EntityManager): Promise<number> {
    const rules = JSON.stringify(
      fanOut.rules.map(({ isActor, preference, decision }) => ({
        is_actor: isActor,
        preference,
        status: decision.status,
        reason: decision.status === 'skipped' ? decision.reason : null,
        frequency: decision.status === 'digest-queued' ? decision.frequency : null,
      })),
    );
    let after = '';
    let pending = 0;
    for (;;) {
      const [page]: { last_user_id: string | null; members: string; pending: string }[] = await tx.query(
        `WITH page AS (
           SELECT m.user_id FROM memberships m
            WHERE m.community_id = $1 AND m.state = 'joined' AND m.user_id > $2 AND m.user_id <> ALL($3::varchar[])
            ORDER BY m.user_id
            LIMIT $4
         ), inserted AS (
           INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, community_id,
             members_only, status, reason, frequency)
           SELECT $5, page.user_id, 'member', $6, $7, $1, $8, r.status, r.reason, r.frequency
             FROM page
             LEFT JOIN profiles p ON p.user_id = page.user_id
             JOIN jsonb_to_recordset($9::jsonb) AS r (is_actor boolean, preference text, status text, reason text,
                                                      frequency text)
               ON r.is_actor = (page.user_id IS NOT DISTINCT FROM $10::varchar)
              AND r.preference IS NOT DISTINCT FROM ${PREFERENCE_COLUMN[fanOut.category]}
           RETURNING status
         )
         SELECT (SELECT max(user_id) FROM page) AS last_user_id,
                (SELECT count(*) FROM page) AS members,
                (SELECT count(*) FROM inserted WHERE status = 'pending') AS pending`,
        [
          fanOut.communityId,
          after,
          fanOut.excludedUserIds,
          pageSize,
          fanOut.eventRef,
          fanOut.template,
          fanOut.category,
          fanOut.membersOnly,
          rules,
          fanOut.actorUserId ?? null,
        ],
      );
      pending += Number(page.pending);
      if (page.last_user_id === null || Number(page.members) < pageSize) {
        return pending;
      }
      after = page.last_user_id;
    }
  }
}
