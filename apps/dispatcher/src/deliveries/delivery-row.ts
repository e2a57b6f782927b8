import { DeliveryEntity } from './delivery.entity';

/** A `deliveries` row as raw SQL returns it. */
export interface DeliveryRow {
  id: string;
  event_ref: string;
  recipient_user_id: string;
  recipient_role: DeliveryEntity['recipientRole'];
  template: DeliveryEntity['template'];
  category: DeliveryEntity['category'];
  community_id: string | null;
  members_only: boolean;
  status: DeliveryEntity['status'];
  reason: string | null;
  detail: string | null;
  frequency: DeliveryEntity['frequency'];
  attempts: number;
  next_attempt_at: Date;
  claimed_at: Date | null;
  claimed_by: string | null;
  claim_version: number;
  digest_id: string | null;
  ses_message_id: string | null;
  language: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  priority: number;
}

export function toDelivery(row: DeliveryRow): DeliveryEntity {
  return Object.assign(new DeliveryEntity(), {
    id: row.id,
    eventRef: row.event_ref,
    recipientUserId: row.recipient_user_id,
    recipientRole: row.recipient_role,
    template: row.template,
    category: row.category,
    communityId: row.community_id,
    membersOnly: row.members_only,
    status: row.status,
    reason: row.reason,
    detail: row.detail,
    frequency: row.frequency,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    claimedAt: row.claimed_at,
    claimedBy: row.claimed_by,
    claimVersion: row.claim_version,
    digestId: row.digest_id,
    sesMessageId: row.ses_message_id,
    language: row.language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    priority: row.priority,
  });
}
