import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface InboxEntry {
  source: string;
  eventId: string;
  topic: string;
  eventType: string;
}

/** The deduplication record of consumed events, keyed by CloudEvents (source, id). */
@Injectable()
export class InboxRepository {
  /**
   * Records the event in the caller's transaction; false when it was already recorded (a redelivery). A
   * concurrent delivery of the same event waits on the row lock and then sees it, so only one transaction wins.
   */
  async claim(manager: EntityManager, entry: InboxEntry): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO inbox (source, event_id, topic, event_type) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source, event_id) DO NOTHING RETURNING event_id`,
      [entry.source, entry.eventId, entry.topic, entry.eventType],
    );
    return rows.length === 1;
  }
}
