import { Injectable } from '@nestjs/common';
import type { NotificationCategory } from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import { deliveryPriority } from '../deliveries/delivery-priority';
import type { FanOutRule } from '../policy/notification-policy';
import type { TemplateId } from '../templates/template-id';
import { FIRST_CURSOR, nextStep, type FanOutPage } from './fan-out-page';

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
   * Plans the first page of members in the caller's transaction (the event's): a community under one page is
   * planned entirely with its event, as before. A larger one leaves a fan-out job, committed with the event, that
   * the fan-out worker continues page by page from the cursor. Returns the rows pending immediate sending.
   */
  async insertForMembers(fanOut: MemberFanOut, pageSize: number, tx: EntityManager): Promise<number> {
    const page = await this.insertPage(fanOut, FIRST_CURSOR, pageSize, tx);
    const step = nextStep(page, pageSize);
    if (!step.done) {
      await tx.query(
        `INSERT INTO fan_out_jobs (event_ref, community_id, plan, after_user_id, pages) VALUES ($1, $2, $3, $4, 1)`,
        [fanOut.eventRef, fanOut.communityId, JSON.stringify(planOf(fanOut)), step.after],
      );
      await tx.query(`SELECT pg_notify(${FAN_OUT_CHANNEL_SQL}, '')`);
    }
    return page.pending;
  }

  /**
   * Inserts one delivery for each of the next `pageSize` current members after `after` (in user-id order), inside
   * the database: members are never loaded into this process. A delivery already planned for a member is left as
   * it is, so a page replayed after a lost commit adds nothing twice. Each member's profile is looked up by its key
   * (null without a profile): a join would let the planner hash the whole profiles table for every page.
   */
  async insertPage(
    fanOut: MemberFanOut,
    after: string,
    pageSize: number,
    tx: EntityManager,
  ): Promise<FanOutPage> {
    const rules = JSON.stringify(
      fanOut.rules.map(({ isActor, preference, decision }) => ({
        is_actor: isActor,
        preference,
        status: decision.status,
        reason: decision.status === 'skipped' ? decision.reason : null,
        frequency: decision.status === 'digest-queued' ? decision.frequency : null,
      })),
    );
    const [page]: { last_user_id: string | null; members: string; pending: string }[] = await tx.query(
      `WITH page AS (
         SELECT m.user_id,
                (SELECT ${PREFERENCE_COLUMN[fanOut.category]} FROM profiles p WHERE p.user_id = m.user_id) AS preference
           FROM memberships m
          WHERE m.community_id = $1 AND m.state = 'joined' AND m.user_id > $2 AND m.user_id <> ALL($3::varchar[])
          ORDER BY m.user_id
          LIMIT $4
       ), inserted AS (
         INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, community_id,
           members_only, status, reason, frequency, priority)
         SELECT $5, page.user_id, 'member', $6, $7, $1, $8, r.status, r.reason, r.frequency, $11
           FROM page
           JOIN jsonb_to_recordset($9::jsonb) AS r (is_actor boolean, preference text, status text, reason text,
                                                    frequency text)
             ON r.is_actor = (page.user_id IS NOT DISTINCT FROM $10::varchar)
            AND r.preference IS NOT DISTINCT FROM page.preference
         ON CONFLICT (event_ref, recipient_user_id, template) DO NOTHING
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
        deliveryPriority(fanOut.template),
      ],
    );
    return { lastUserId: page.last_user_id, members: Number(page.members), pending: Number(page.pending) };
  }
}

/** NOTIFY channel of this schema's fan-out jobs, so test schemas sharing a database do not wake each other. */
export const FAN_OUT_CHANNEL_SQL = `'fan_out_' || current_schema()`;

/** What a fan-out job stores to plan each further page: the fan-out without its event and community. */
export type MemberFanOutPlan = Omit<MemberFanOut, 'eventRef' | 'communityId'>;

function planOf({ eventRef: _eventRef, communityId: _communityId, ...plan }: MemberFanOut): MemberFanOutPlan {
  return plan;
}
