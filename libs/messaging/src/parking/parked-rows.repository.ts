import { Injectable } from '@nestjs/common';
import { withTransaction } from '@notify/persistence';
import { DataSource } from 'typeorm';
import { MESSAGE_KEY_LOCK_SQL, OUTBOX_CHANNEL_SQL, type SqlRunner } from '../shared/outbox-sql';
import type { DeadLetterRecord, OutboxParking, ParkedDeadLetter, ParkedRow } from './parked-row';
import type { ParkedKind } from './parking-rules';

interface ParkedRecord {
  id: string;
  kind: ParkedRow['kind'];
  reason: ParkedRow['reason'];
  error: string;
  topic: string;
  message_key: string | null;
  event_type: string | null;
  event_id: string | null;
  size_bytes: number;
  attempts: number;
  created_at: Date;
  first_attempt_at: Date;
  last_attempt_at: Date;
  parked_at: Date;
}

const LISTED_COLUMNS = `id, kind, reason, error, topic, message_key, event_type, event_id, size_bytes, attempts,
  created_at, first_attempt_at, last_attempt_at, parked_at`;

/** SQL of the `outbox_parked` table (unqualified: search_path is the service schema). */
@Injectable()
export class ParkedRowsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Moves an unpublished outbox row to the parked table in one statement; false when it was gone already. */
  async parkOutboxRow(runner: SqlRunner, id: string, parking: OutboxParking): Promise<boolean> {
    const moved = await runner.query<unknown[]>(
      `WITH moved AS (
         DELETE FROM outbox WHERE id = $1 AND published_at IS NULL
         RETURNING topic, message_key, event_type, event_id, payload, headers, attempts, created_at,
                   first_attempt_at)
       INSERT INTO outbox_parked (kind, reason, error, topic, message_key, event_type, event_id, payload, headers,
                                  size_bytes, attempts, created_at, first_attempt_at, last_attempt_at)
       SELECT 'outbox', $2, $3, topic, message_key, event_type, event_id, payload, headers, $4, attempts,
              created_at, coalesce(first_attempt_at, now()), now()
         FROM moved
       RETURNING id`,
      [id, parking.reason, parking.error, parking.sizeBytes],
    );
    return moved.length > 0;
  }

  async parkDeadLetter(record: ParkedDeadLetter): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO outbox_parked (kind, reason, error, topic, message_key, event_type, event_id, value, headers,
                                  size_bytes, attempts, created_at, first_attempt_at, last_attempt_at)
       VALUES ('dead-letter', $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $11, now())`,
      [
        record.reason,
        record.error,
        record.topic,
        record.key,
        record.eventType ?? null,
        record.eventId ?? null,
        record.value,
        JSON.stringify(record.headers),
        record.sizeBytes,
        record.attempts,
        record.firstAttemptAt,
      ],
    );
  }

  /** Parked rows in id order, after `afterId` when given. */
  async list(limit: number, afterId?: string): Promise<ParkedRow[]> {
    const records = await this.dataSource.query<ParkedRecord[]>(
      `SELECT ${LISTED_COLUMNS} FROM outbox_parked WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId ?? '0', limit],
    );
    return records.map(toParkedRow);
  }

  async kindOf(id: string): Promise<ParkedKind | undefined> {
    const [record] = await this.dataSource.query<{ kind: ParkedKind }[]>(
      `SELECT kind FROM outbox_parked WHERE id = $1`,
      [id],
    );
    return record?.kind;
  }

  /**
   * Moves a parked outbox row back to the outbox as a new row (so it is published after the key's later events)
   * and wakes the relay; the new outbox id, or undefined when no such parked row exists.
   */
  moveToOutbox(id: string): Promise<string | undefined> {
    return withTransaction(this.dataSource, async (manager) => {
      const [parked] = await manager.query<{ message_key: string }[]>(
        `SELECT message_key FROM outbox_parked WHERE id = $1 AND kind = 'outbox' FOR UPDATE`,
        [id],
      );
      if (!parked) {
        return undefined;
      }
      // Like a write: ids of one key are taken in commit order (see OutboxRepository.insert).
      await manager.query(`SELECT pg_advisory_xact_lock(${MESSAGE_KEY_LOCK_SQL})`, [parked.message_key]);
      const [inserted] = await manager.query<{ id: string }[]>(
        `WITH moved AS (DELETE FROM outbox_parked WHERE id = $1 RETURNING *)
         INSERT INTO outbox (topic, message_key, event_type, event_id, payload, headers)
         SELECT topic, message_key, event_type, event_id, payload, headers FROM moved
         RETURNING id`,
        [id],
      );
      await manager.query(`SELECT pg_notify(${OUTBOX_CHANNEL_SQL}, '')`);
      return String(inserted.id);
    });
  }

  async findDeadLetter(id: string): Promise<DeadLetterRecord | undefined> {
    const [record] = await this.dataSource.query<
      { topic: string; message_key: string | null; value: Buffer | null; headers: Record<string, string> }[]
    >(`SELECT topic, message_key, value, headers FROM outbox_parked WHERE id = $1 AND kind = 'dead-letter'`, [
      id,
    ]);
    return (
      record && { topic: record.topic, key: record.message_key, value: record.value, headers: record.headers }
    );
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM outbox_parked WHERE id = $1`, [id]);
  }

  /** Number of parked rows per logical topic. */
  async countByTopic(): Promise<Map<string, number>> {
    const records = await this.dataSource.query<{ topic: string; count: string }[]>(
      `SELECT topic, count(*) AS count FROM outbox_parked GROUP BY topic`,
    );
    return new Map(records.map((record) => [record.topic, Number(record.count)]));
  }
}

function toParkedRow(record: ParkedRecord): ParkedRow {
  return {
    id: String(record.id),
    kind: record.kind,
    reason: record.reason,
    error: record.error,
    topic: record.topic,
    key: record.message_key,
    eventType: record.event_type,
    eventId: record.event_id,
    sizeBytes: record.size_bytes,
    attempts: record.attempts,
    createdAt: record.created_at,
    firstAttemptAt: record.first_attempt_at,
    lastAttemptAt: record.last_attempt_at,
    parkedAt: record.parked_at,
  };
}
