import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One moderator's alerts in one hour. */
export interface AlertWindowCount {
  userId: string;
  windowStart: Date;
  added: number;
}

const windowKey = (userId: string, windowStart: Date): string =>
  `${userId}\u0000${windowStart.toISOString()}`;

/** Counts the alerts each moderator is sent per hour; all replicas count into the same rows. */
@Injectable()
export class ModeratorAlertWindowsRepository {
  /** Adds the counts in one statement; returns for each (moderator, hour) how many alerts it held before them. */
  async add(
    counts: readonly AlertWindowCount[],
    tx: EntityManager,
  ): Promise<(before: AlertWindowCount) => number> {
    if (counts.length === 0) {
      return () => 0;
    }
    const rows: { user_id: string; window_start: Date; alerts: number }[] = await tx.query(
      `INSERT INTO moderator_alert_windows (user_id, window_start, alerts)
       SELECT * FROM unnest($1::varchar[], $2::timestamptz[], $3::integer[])
       ON CONFLICT (user_id, window_start) DO UPDATE SET alerts = moderator_alert_windows.alerts + EXCLUDED.alerts
       RETURNING user_id, window_start, alerts`,
      [counts.map((c) => c.userId), counts.map((c) => c.windowStart), counts.map((c) => c.added)],
    );
    const totals = new Map(rows.map((row) => [windowKey(row.user_id, row.window_start), row.alerts]));
    return (count) => (totals.get(windowKey(count.userId, count.windowStart)) ?? count.added) - count.added;
  }
}
