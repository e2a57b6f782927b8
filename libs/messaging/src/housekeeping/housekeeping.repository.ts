import { Injectable } from '@nestjs/common';
import { withTransaction } from '@notify/persistence';
import { DataSource, type EntityManager } from 'typeorm';

// Two-key advisory lock (own key space): one replica per schema sweeps at a time; the others skip their turn.
const SWEEP_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(740003, hashtext(current_schema())) AS locked`;

const DELETE_PUBLISHED_OUTBOX = `
  WITH doomed AS (
    SELECT id FROM outbox WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY published_at LIMIT $2
  )
  DELETE FROM outbox o USING doomed WHERE o.id = doomed.id`;

const DELETE_INBOX = `
  WITH doomed AS (
    SELECT source, event_id FROM inbox WHERE processed_at < $1 ORDER BY processed_at LIMIT $2
  )
  DELETE FROM inbox i USING doomed WHERE i.source = doomed.source AND i.event_id = doomed.event_id`;

export type SweptTable = 'outbox' | 'inbox';

/** Bounded deletes, each in its own short transaction, so retention never holds long locks. */
@Injectable()
export class HousekeepingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes up to `limit` expired rows; `undefined` when another replica is sweeping this schema right now. */
  deleteExpired(table: SweptTable, olderThan: Date, limit: number): Promise<number | undefined> {
    return withTransaction(this.dataSource, async (tx) => {
      if (!(await this.sweepLock(tx))) {
        return undefined;
      }
      const sql = table === 'outbox' ? DELETE_PUBLISHED_OUTBOX : DELETE_INBOX;
      const [, deleted] = await tx.query<[unknown, number]>(sql, [olderThan, limit]);
      return deleted;
    });
  }

  private async sweepLock(tx: EntityManager): Promise<boolean> {
    const [row] = await tx.query<{ locked: boolean }[]>(SWEEP_LOCK_SQL);
    return row?.locked === true;
  }
}
