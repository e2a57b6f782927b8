import type { NotifiableEvent } from '../policy/notifiable-event';
import type { CommunityEntity } from '../read-models/community.entity';
import { ProfileEntity } from '../read-models/profile.entity';
import { toDelivery, type DeliveryRow } from './delivery-row';
import type { DeliveryEntity } from './delivery.entity';
import { NotificationEventEntity } from './notification-event.entity';
import { toNotifiableEvent } from './stored-event';

/** A claimed delivery with its event, community and recipient's profile, as the claim statement returns it. */
export interface ClaimedContextRow extends DeliveryRow {
  e_source: string | null;
  e_event_id: string;
  e_type: string;
  e_occurred_at: Date;
  e_data: object;
  e_received_at: Date;
  e_traceparent: string | null;
  co_name: string | null;
  co_visibility: CommunityEntity['visibility'];
  co_moderated: boolean;
  co_confidential: boolean;
  co_moderators: CommunityEntity['moderators'];
  co_changed_at: Date;
  p_email: string | null;
  p_display_name: string;
  p_locale: string;
  p_time_zone: string;
  p_mentions: ProfileEntity['mentions'];
  p_comments: ProfileEntity['comments'];
  p_private_messages: ProfileEntity['privateMessages'];
  p_community_activity: ProfileEntity['communityActivity'];
  p_revision: string;
  p_updated_at: Date;
  /** The address as the database normalises it, to match the suppression list. */
  p_email_key: string | null;
  is_member: boolean;
  suppressed: boolean;
}

export interface ClaimedBatchParts {
  rows: DeliveryEntity[];
  events: Map<string, NotifiableEvent>;
  communities: Map<string, CommunityEntity>;
  profiles: Map<string, ProfileEntity>;
  /** Recipients' addresses, as their profiles have them, that are suppressed. */
  suppressed: Set<string>;
}

/** Splits the claim statement's rows into the deliveries and the read-model entities they refer to. */
export function claimedBatchParts(claimed: readonly ClaimedContextRow[]): ClaimedBatchParts {
  const parts: ClaimedBatchParts = {
    rows: [],
    events: new Map(),
    communities: new Map(),
    profiles: new Map(),
    suppressed: new Set(),
  };
  for (const row of claimed) {
    parts.rows.push(toDelivery(row));
    if (row.e_source !== null && !parts.events.has(row.event_ref)) {
      parts.events.set(row.event_ref, toNotifiableEvent(eventOf(row)));
    }
    if (row.community_id !== null && row.co_name !== null) {
      parts.communities.set(row.community_id, communityOf(row, row.community_id, row.co_name));
    }
    if (row.p_email !== null) {
      parts.profiles.set(row.recipient_user_id, profileOf(row, row.p_email));
      if (row.suppressed) {
        parts.suppressed.add(row.p_email);
      }
    }
  }
  return parts;
}

function eventOf(row: ClaimedContextRow): NotificationEventEntity {
  return Object.assign(new NotificationEventEntity(), {
    id: row.event_ref,
    source: row.e_source,
    eventId: row.e_event_id,
    type: row.e_type,
    occurredAt: row.e_occurred_at,
    data: row.e_data,
    receivedAt: row.e_received_at,
    traceparent: row.e_traceparent,
  });
}

function communityOf(row: ClaimedContextRow, communityId: string, name: string): CommunityEntity {
  return {
    communityId,
    name,
    visibility: row.co_visibility,
    moderated: row.co_moderated,
    confidential: row.co_confidential,
    moderators: row.co_moderators,
    changedAt: row.co_changed_at,
  };
}

function profileOf(row: ClaimedContextRow, email: string): ProfileEntity {
  return Object.assign(new ProfileEntity(), {
    userId: row.recipient_user_id,
    email,
    displayName: row.p_display_name,
    locale: row.p_locale,
    timeZone: row.p_time_zone,
    mentions: row.p_mentions,
    comments: row.p_comments,
    privateMessages: row.p_private_messages,
    communityActivity: row.p_community_activity,
    revision: row.p_revision,
    updatedAt: row.p_updated_at,
  });
}
