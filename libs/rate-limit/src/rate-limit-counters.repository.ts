import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FixedWindow } from './fixed-window';

const CLEANUP_BATCH = 5000;

/** Fixed-window counters in the service's own schema, so every replica counts into the same row. */
@Injectable()
export class RateLimitCountersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one request and returns the subject's count in the window, this request included. */
  async increment(subject: string, action: string, window: FixedWindow): Promise<number> {
    const rows: { count: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_counters (subject, action, window_start, window_end, count)
       VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (subject, action, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
       RETURNING count`,
      [subject, action, window.start, window.end],
    );
    return rows[0].count;
  }

  /** Deletes the counters of windows that ended before `before`, in batches; returns how many. */
  async deleteEnded(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM rate_limit_counters WHERE ctid IN (
           SELECT ctid FROM rate_limit_counters WHERE window_end < $1 LIMIT ${CLEANUP_BATCH})`,
        [before],
      );
      total += deleted;
      if (deleted < CLEANUP_BATCH) {
        return total;
      }
    }
  }
}

/** Right to erasure: forgets a user's counters in the caller's transaction. */
export async function forgetRateLimitSubject(manager: EntityManager, subject: string): Promise<void> {
  await manager.query(`DELETE FROM rate_limit_counters WHERE subject = $1`, [subject]);
}
