import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';

/** Rows still in progress are never removed, however old. */
const FINISHED_DELIVERY = `status IN ('sent', 'skipped', 'failed')`;
const FINISHED_DIGEST = `status IN ('sent', 'skipped', 'failed')`;

/**
 * Bounded retention statements, each its own short transaction touching at most `limit` rows: they walk the
 * oldest rows by primary key (ids grow with time), so no extra index and no long lock is needed.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes up to `limit` finished deliveries created before `before`, oldest first. */
  async deleteDeliveries(before: Date, limit: number): Promise<number> {
    return this.count(
      `WITH oldest AS (SELECT id, created_at, status FROM deliveries ORDER BY id LIMIT $2)
       DELETE FROM deliveries d USING oldest
        WHERE d.id = oldest.id AND oldest.created_at < $1 AND oldest.${FINISHED_DELIVERY}
       RETURNING d.id`,
      [before, limit],
    );
  }

  /** Deletes up to `limit` finished digests created before `before`, oldest first. */
  async deleteDigests(before: Date, limit: number): Promise<number> {
    return this.count(
      `WITH oldest AS (SELECT id, created_at, status FROM digests ORDER BY id LIMIT $2)
       DELETE FROM digests g USING oldest
        WHERE g.id = oldest.id AND oldest.created_at < $1 AND oldest.${FINISHED_DIGEST}
       RETURNING g.id`,
      [before, limit],
    );
  }

  /**
   * Empties the payload of up to `limit` stored events received before `before`, after id `afterId`; the row stays
   * (source, id, type) for the delivery log. Answers the rows emptied and the last id looked at.
   */
  async emptyEventPayloads(
    before: Date,
    afterId: string,
    limit: number,
  ): Promise<{ emptied: number; lastId: string | undefined }> {
    const rows = await queryRows<{ id: string; old: boolean; emptied: boolean }>(
      this.dataSource,
      `WITH next AS (SELECT id, received_at FROM notification_events WHERE id > $2 ORDER BY id LIMIT $3),
            emptied AS (UPDATE notification_events e SET data = '{}'::jsonb FROM next
                         WHERE e.id = next.id AND next.received_at < $1 AND e.data <> '{}'::jsonb
                         RETURNING e.id)
       SELECT next.id, next.received_at < $1 AS old, emptied.id IS NOT NULL AS emptied
         FROM next LEFT JOIN emptied ON emptied.id = next.id ORDER BY next.id`,
      [before, afterId, limit],
    );
    const allOld = rows.length > 0 && rows.every((row) => row.old);
    // Past the cutoff nothing further is old enough: the walk ends there.
    return {
      emptied: rows.filter((row) => row.emptied).length,
      lastId: allOld ? rows[rows.length - 1].id : undefined,
    };
  }

  /** Deletes up to `limit` stored events older than `before` that no delivery refers to any more. */
  async deleteOrphanEvents(before: Date, limit: number): Promise<number> {
    return this.count(
      `WITH oldest AS (SELECT id, received_at FROM notification_events ORDER BY id LIMIT $2)
       DELETE FROM notification_events e USING oldest
        WHERE e.id = oldest.id AND oldest.received_at < $1
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_ref = e.id)
       RETURNING e.id`,
      [before, limit],
    );
  }

  /** Deletes up to `limit` finished fan-out jobs last advanced before `before`, oldest first. */
  async deleteFanOutJobs(before: Date, limit: number): Promise<number> {
    return this.count(
      `WITH oldest AS (SELECT id, updated_at, state FROM fan_out_jobs ORDER BY id LIMIT $2)
       DELETE FROM fan_out_jobs j USING oldest
        WHERE j.id = oldest.id AND oldest.updated_at < $1 AND oldest.state = 'done'
       RETURNING j.id`,
      [before, limit],
    );
  }

  private async count(sql: string, parameters: unknown[]): Promise<number> {
    return (await queryRows<{ id: string }>(this.dataSource, sql, parameters)).length;
  }
}
