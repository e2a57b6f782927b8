import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { NotifiableEvent } from '../policy/notifiable-event';
import { NotificationEventEntity } from './notification-event.entity';

@Injectable()
export class NotificationEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the event and returns its row id, or `null` when (source, id) was stored before: the event has already
   * been turned into deliveries, even if the consumer's inbox has forgotten it since.
   */
  async insertOnce(event: NotifiableEvent, tx: EntityManager): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO notification_events (source, event_id, type, occurred_at, data) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING id`,
      [event.source, event.id, event.type, event.time, JSON.stringify(event.data)],
    );
    return rows[0]?.id ?? null;
  }

  findByIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NotificationEventEntity[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return manager.findBy(NotificationEventEntity, { id: In([...new Set(ids)]) });
  }
}
