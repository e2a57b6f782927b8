import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { NotifiableEvent } from '../policy/notifiable-event';
import { NotificationEventEntity } from './notification-event.entity';

/** Identity of an event among stored events: its CloudEvents (source, id). */
export function storedEventKey(event: Pick<NotifiableEvent, 'source' | 'id'>): string {
  return `${event.source}\u0000${event.id}`;
}

@Injectable()
export class NotificationEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the events in one statement and returns the row id of each one stored now, by `storedEventKey`. An event
   * missing from the result was stored before: it has already been turned into deliveries, even if the consumer's
   * inbox has forgotten it since.
   */
  async insertMany(events: readonly NotifiableEvent[], tx: EntityManager): Promise<Map<string, string>> {
    if (events.length === 0) {
      return new Map();
    }
    const rows: { id: string; source: string; event_id: string }[] = await tx.query(
      `INSERT INTO notification_events (source, event_id, type, occurred_at, data, traceparent)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::jsonb[], $6::varchar[])
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING id, source, event_id`,
      [
        events.map((event) => event.source),
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => event.time),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => event.traceparent ?? null),
      ],
    );
    return new Map(rows.map((row) => [storedEventKey({ source: row.source, id: row.event_id }), row.id]));
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
