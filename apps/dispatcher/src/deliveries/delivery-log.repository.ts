import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryEntity } from './delivery.entity';

/** A delivery with the event that caused it, as support reads it. */
export interface DeliveryLogEntry {
  id: string;
  status: DeliveryEntity['status'];
  reason: string | null;
  detail: string | null;
  category: DeliveryEntity['category'];
  template: DeliveryEntity['template'];
  communityId: string | null;
  frequency: DeliveryEntity['frequency'];
  attempts: number;
  digestId: string | null;
  sesMessageId: string | null;
  language: string | null;
  eventId: string;
  eventSource: string;
  eventType: string;
  eventTime: Date;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  statusChangedAt: Date | null;
}

interface LogRow {
  id: string;
  status: DeliveryEntity['status'];
  reason: string | null;
  detail: string | null;
  category: DeliveryEntity['category'];
  template: DeliveryEntity['template'];
  community_id: string | null;
  frequency: DeliveryEntity['frequency'];
  attempts: number;
  digest_id: string | null;
  ses_message_id: string | null;
  language: string | null;
  event_id: string;
  source: string;
  type: string;
  occurred_at: Date;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  status_changed_at: Date | null;
}

@Injectable()
export class DeliveryLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's deliveries, newest first, with ids below `beforeId` when given. */
  async listForRecipient(
    userId: string,
    limit: number,
    beforeId: string | undefined,
  ): Promise<DeliveryLogEntry[]> {
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT d.id, d.status, d.reason, d.detail, d.category, d.template, d.community_id, d.frequency, d.attempts,
              d.digest_id, d.ses_message_id, d.language, e.event_id, e.source, e.type, e.occurred_at, d.created_at,
              d.updated_at, d.sent_at, d.status_changed_at
         FROM deliveries d JOIN notification_events e ON e.id = d.event_ref
        WHERE d.recipient_user_id = $1 AND ($2::bigint IS NULL OR d.id < $2::bigint)
        ORDER BY d.id DESC
        LIMIT $3`,
      [userId, beforeId ?? null, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      reason: row.reason,
      detail: row.detail,
      category: row.category,
      template: row.template,
      communityId: row.community_id,
      frequency: row.frequency,
      attempts: row.attempts,
      digestId: row.digest_id,
      sesMessageId: row.ses_message_id,
      language: row.language,
      eventId: row.event_id,
      eventSource: row.source,
      eventType: row.type,
      eventTime: row.occurred_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      sentAt: row.sent_at,
      statusChangedAt: row.status_changed_at,
    }));
  }

  /** One of the user's deliveries; `undefined` when the id is unknown or the delivery is someone else's. */
  async findForRecipient(userId: string, deliveryId: string): Promise<DeliveryEntity | undefined> {
    const row = await this.dataSource
      .getRepository(DeliveryEntity)
      .findOneBy({ id: deliveryId, recipientUserId: userId });
    return row ?? undefined;
  }
}
