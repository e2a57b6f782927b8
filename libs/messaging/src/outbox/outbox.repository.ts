import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MESSAGE_KEY_LOCK_SQL, OUTBOX_CHANNEL_SQL, type SqlRunner } from '../shared/outbox-sql';
import type { NewOutboxEntry, OutboxRow } from './outbox-entry';

interface OutboxRecord {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: unknown;
  headers: Record<string, string>;
  created_at: Date;
}

/** SQL of the `outbox` table (unqualified: search_path is the service schema). */
@Injectable()
export class OutboxRepository {
  /**
   * Inserts the entry in the caller's transaction. The per-key advisory lock makes transactions writing the same
   * key take their ids in commit order, so the relay, which reads by id, can never see a later event of a key
   * before an earlier one has committed.
   */
  async insert(manager: EntityManager, entry: NewOutboxEntry): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${MESSAGE_KEY_LOCK_SQL})`, [entry.messageKey]);
    await manager.query(
      `INSERT INTO outbox (topic, message_key, event_type, event_id, payload, headers)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
      [
        entry.topic,
        entry.messageKey,
        entry.eventType,
        entry.eventId,
        JSON.stringify(entry.payload),
        JSON.stringify(entry.headers),
      ],
    );
    await manager.query(`SELECT pg_notify(${OUTBOX_CHANNEL_SQL}, '')`);
  }

  async findPending(runner: SqlRunner, limit: number): Promise<OutboxRow[]> {
    const records = await runner.query<OutboxRecord[]>(
      `SELECT id, topic, message_key, event_type, payload, headers, created_at
         FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [limit],
    );
    return records.map((record) => ({
      id: String(record.id),
      topic: record.topic,
      messageKey: record.message_key,
      eventType: record.event_type,
      payload: record.payload,
      headers: record.headers,
      createdAt: record.created_at,
    }));
  }

  async markPublished(runner: SqlRunner, ids: string[]): Promise<void> {
    // A published tombstone is of no use kept, and its key may be the id of a user who asked to be erased.
    await runner.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[]) AND payload = 'null'::jsonb`, [ids]);
    await runner.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async recordFailedAttempt(runner: SqlRunner, ids: string[], error: string): Promise<void> {
    await runner.query(
      `UPDATE outbox SET attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, now()),
              last_attempt_at = now(), last_error = $2
        WHERE id = ANY($1::bigint[])`,
      [ids, error],
    );
  }
}
