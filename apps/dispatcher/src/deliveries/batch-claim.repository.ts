import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { normaliseEmail, SuppressionService } from '../email/suppression.service';
import { membershipKey } from '../read-models/memberships.repository';
import { ProfilesRepository } from '../read-models/profiles.repository';
import { usersNamedBy } from '../sending/email-models';
import { CLAIM_DUE_SQL, claimParameters } from './deliveries.repository';
import type { DeliveryEntity } from './delivery.entity';
import { NotificationContext } from './notification-context';
import { claimedBatchParts, type ClaimedContextRow } from './claimed-context-row';

/** Deliveries this replica now owns, with what the read models say about them at the moment of the claim. */
export interface ClaimedBatch {
  rows: DeliveryEntity[];
  context: NotificationContext;
}

/**
 * Claims a batch and reads what deciding and rendering it needs in the same statement: the stored events, the
 * communities, the recipients' profiles, their memberships of members-only communities and whether their addresses
 * are suppressed. Only profiles of other users an event names (its author, a requester) need a second statement.
 */
@Injectable()
export class BatchClaimRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfilesRepository,
    private readonly suppressions: SuppressionService,
  ) {}

  async claim(limit: number, replicaId: string): Promise<ClaimedBatch> {
    const claimed = await queryRows<ClaimedContextRow>(
      this.dataSource,
      `WITH claimed AS (${CLAIM_DUE_SQL})
       SELECT c.*,
              e.source AS e_source, e.event_id AS e_event_id, e.type AS e_type, e.occurred_at AS e_occurred_at,
              e.data AS e_data, e.received_at AS e_received_at, e.traceparent AS e_traceparent,
              co.name AS co_name, co.visibility AS co_visibility, co.moderated AS co_moderated,
              co.confidential AS co_confidential, co.moderators AS co_moderators, co.changed_at AS co_changed_at,
              p.email AS p_email, p.display_name AS p_display_name, p.locale AS p_locale, p.time_zone AS p_time_zone,
              p.mentions AS p_mentions, p.comments AS p_comments, p.private_messages AS p_private_messages,
              p.community_activity AS p_community_activity, p.revision AS p_revision, p.updated_at AS p_updated_at,
              lower(btrim(p.email)) AS p_email_key,
              (c.members_only AND EXISTS (SELECT 1 FROM memberships m
                 WHERE m.community_id = c.community_id AND m.user_id = c.recipient_user_id AND m.state = 'joined'))
                AS is_member,
              EXISTS (SELECT 1 FROM email_suppressions s WHERE s.email = lower(btrim(p.email))) AS suppressed
         FROM claimed c
         LEFT JOIN notification_events e ON e.id = c.event_ref
         LEFT JOIN communities co ON co.community_id = c.community_id
         LEFT JOIN profiles p ON p.user_id = c.recipient_user_id
        ORDER BY c.priority, c.id`,
      claimParameters(limit, replicaId),
    );
    const parts = claimedBatchParts(claimed);
    const named = [...parts.events.values()]
      .flatMap(usersNamedBy)
      .filter((userId) => !parts.profiles.has(userId));
    for (const profile of await this.profiles.findByIds(named)) {
      parts.profiles.set(profile.userId, profile);
    }
    // The database lowercases ASCII only; an address it cannot normalise as the suppression list does is looked up.
    const unsure = claimed.flatMap((row) =>
      row.p_email !== null && normaliseEmail(row.p_email) !== row.p_email_key ? [row.p_email] : [],
    );
    if (unsure.length > 0) {
      for (const email of await this.suppressions.suppressedAmong(unsure)) {
        parts.suppressed.add(email);
      }
    }
    return {
      rows: parts.rows,
      context: new NotificationContext(
        parts.events,
        parts.communities,
        parts.profiles,
        new Set(
          claimed.flatMap((row) =>
            row.is_member && row.community_id !== null
              ? [membershipKey({ communityId: row.community_id, userId: row.recipient_user_id })]
              : [],
          ),
        ),
        parts.suppressed,
      ),
    };
  }
}
