import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface InboxEntry {
  source: string;
  eventId: string;
  topic: string;
  eventType: string;
}

/** Identity of an event in the inbox, as a map or set key. */
export function inboxKey(entry: Pick<InboxEntry, 'source' | 'eventId'>): string {
  return `${entry.source}\u0000${entry.eventId}`;
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

  /**
   * `claim` for many events in one statement; resolves with the `inboxKey`s recorded now (the others were
   * recorded before). Rows are written in key order, so two transactions claiming overlapping sets never deadlock.
   */
  async claimMany(manager: EntityManager, entries: readonly InboxEntry[]): Promise<Set<string>> {
    const unique = [...new Map(entries.map((entry) => [inboxKey(entry), entry])).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => entry);
    if (unique.length === 0) {
      return new Set();
    }
    const rows = await manager.query<{ source: string; event_id: string }[]>(
      `INSERT INTO inbox (source, event_id, topic, event_type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING source, event_id`,
      [
        unique.map((entry) => entry.source),
        unique.map((entry) => entry.eventId),
        unique.map((entry) => entry.topic),
        unique.map((entry) => entry.eventType),
      ],
    );
    return new Set(rows.map((row) => inboxKey({ source: row.source, eventId: row.event_id })));
  }
}
