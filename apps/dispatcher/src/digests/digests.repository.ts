import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { toDelivery, type DeliveryRow } from '../deliveries/delivery-row';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import type { DigestFrequency, FailureReason, SkipReason } from '../policy/delivery-vocabulary';
import type { DuePeriod } from './digest-schedule';

// The recipient's current frequency for a queued item's category decides which digest takes it.
const ITEM_PREFERENCE = `CASE d.category WHEN 'mentions' THEN p.mentions WHEN 'comments' THEN p.comments
  WHEN 'privateMessages' THEN p.private_messages ELSE p.community_activity END`;

/** Items a digest of each kind takes: a daily digest also flushes items whose category is now immediate or never. */
const TAKES_ITEM: Record<DigestFrequency, string> = {
  daily: `${ITEM_PREFERENCE} <> 'weekly'`,
  weekly: `${ITEM_PREFERENCE} = 'weekly'`,
};

const DETAIL_MAX = 2000;

/** A digest this replica now owns until it records an outcome (or its claim expires). */
export interface ClaimedDigest {
  id: string;
  userId: string;
  kind: DigestFrequency;
  attempts: number;
}

@Injectable()
export class DigestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Next users, in id order after `after`, with queued items not yet in a digest. */
  async usersWithQueuedItems(after: string, limit: number): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT recipient_user_id AS user_id FROM deliveries
        WHERE status = 'digest-queued' AND digest_id IS NULL AND recipient_user_id > $1
        ORDER BY 1 LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => row.user_id);
  }

  /**
   * Opens this period's digest for those of `userIds` who live in `timeZones`, have items it takes and no digest for
   * the period yet, and moves up to `maxItems` of their oldest items into it. Users another replica is working on are
   * skipped (their profile rows are locked with SKIP LOCKED). Returns the ids of the digests opened.
   */
  openDigests(
    period: DuePeriod,
    timeZones: readonly string[],
    userIds: readonly string[],
    maxItems: number,
  ): Promise<string[]> {
    return this.dataSource.transaction('READ COMMITTED', async (tx) => {
      const locked: { user_id: string }[] = await tx.query(
        `SELECT p.user_id FROM profiles p
          WHERE p.user_id = ANY($1::varchar[]) AND p.time_zone = ANY($2::varchar[])
            AND NOT EXISTS (SELECT 1 FROM digests g WHERE g.user_id = p.user_id AND g.kind = $3 AND g.period_start = $4)
            AND EXISTS (SELECT 1 FROM deliveries d
                         WHERE d.recipient_user_id = p.user_id AND d.status = 'digest-queued' AND d.digest_id IS NULL
                           AND ${TAKES_ITEM[period.kind]})
          ORDER BY p.user_id
          FOR UPDATE OF p SKIP LOCKED`,
        [userIds, timeZones, period.kind, period.periodStart],
      );
      if (locked.length === 0) {
        return [];
      }
      const opened: { id: string }[] = await tx.query(
        `INSERT INTO digests (user_id, kind, period_start, status)
         SELECT user_id, $2, $3, 'pending' FROM unnest($1::varchar[]) AS u (user_id)
         ON CONFLICT (user_id, kind, period_start) DO NOTHING
         RETURNING id`,
        [locked.map((row) => row.user_id), period.kind, period.periodStart],
      );
      const digestIds = opened.map((row) => row.id);
      await tx.query(
        `WITH picked AS (
           SELECT d.id, g.id AS digest_id, row_number() OVER (PARTITION BY g.id ORDER BY d.id) AS position
             FROM digests g
             JOIN profiles p ON p.user_id = g.user_id
             JOIN deliveries d ON d.recipient_user_id = g.user_id AND d.status = 'digest-queued' AND d.digest_id IS NULL
            WHERE g.id = ANY($1::bigint[]) AND ${TAKES_ITEM[period.kind]}
         )
         UPDATE deliveries d SET digest_id = picked.digest_id, updated_at = now()
           FROM picked WHERE d.id = picked.id AND picked.position <= $2`,
        [digestIds, maxItems],
      );
      await tx.query(
        `UPDATE digests g SET item_count = (SELECT count(*) FROM deliveries d WHERE d.digest_id = g.id)
          WHERE g.id = ANY($1::bigint[])`,
        [digestIds],
      );
      return digestIds;
    });
  }

  /** Claims digests due for (re)sending, committed before anything is sent; other replicas skip them. */
  async claimDue(limit: number): Promise<ClaimedDigest[]> {
    const rows = await queryRows<{ id: string; user_id: string; kind: DigestFrequency; attempts: number }>(
      this.dataSource,
      `UPDATE digests g SET status = 'sending', claimed_at = now(), attempts = g.attempts + 1, updated_at = now()
         FROM (SELECT id FROM digests WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE g.id = due.id
        RETURNING g.id, g.user_id, g.kind, g.attempts`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, userId: row.user_id, kind: row.kind, attempts: row.attempts }));
  }

  async releaseStaleClaims(timeoutMs: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE digests SET status = 'pending', claimed_at = NULL, next_attempt_at = now(), updated_at = now()
        WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1::double precision / 1000)
        RETURNING id`,
      [timeoutMs],
    );
    return rows.length;
  }

  async items(digestId: string): Promise<DeliveryEntity[]> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT * FROM deliveries WHERE digest_id = $1 AND status = 'digest-queued' ORDER BY id`,
      [digestId],
    );
    return rows.map(toDelivery);
  }

  async skipItems(itemIds: readonly string[], reason: SkipReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'skipped', reason = $2, updated_at = now() WHERE id = ANY($1::bigint[])`,
      [itemIds, reason],
    );
  }

  async failItems(itemIds: readonly string[], reason: FailureReason, detail: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'failed', reason = $2, detail = $3, updated_at = now() WHERE id = ANY($1::bigint[])`,
      [itemIds, reason, detail.slice(0, DETAIL_MAX)],
    );
  }

  /** Marks the digest and its remaining items sent in one statement. */
  /** `language`: what the email was written in, recorded on each of its items. */
  async markSent(digestId: string, sesMessageId: string, language: string): Promise<void> {
    await this.dataSource.query(
      `WITH digest AS (
         UPDATE digests SET status = 'sent', ses_message_id = $2, sent_at = now(), claimed_at = NULL, updated_at = now()
          WHERE id = $1 RETURNING id
       )
       UPDATE deliveries SET status = 'sent', ses_message_id = $2, language = $3, sent_at = now(), updated_at = now()
        WHERE digest_id = (SELECT id FROM digest) AND status = 'digest-queued'`,
      [digestId, sesMessageId, language],
    );
  }

  async markSkipped(digestId: string, reason: SkipReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE digests SET status = 'skipped', reason = $2, claimed_at = NULL, updated_at = now() WHERE id = $1`,
      [digestId, reason],
    );
  }

  async markFailed(digestId: string, reason: FailureReason, detail: string): Promise<void> {
    await this.dataSource.query(
      `WITH digest AS (
         UPDATE digests SET status = 'failed', reason = $2, detail = $3, claimed_at = NULL, updated_at = now()
          WHERE id = $1 RETURNING id
       )
       UPDATE deliveries SET status = 'failed', reason = $2, detail = $3, updated_at = now()
        WHERE digest_id = (SELECT id FROM digest) AND status = 'digest-queued'`,
      [digestId, reason, detail.slice(0, DETAIL_MAX)],
    );
  }

  async retryLater(digestId: string, at: Date, detail: string, countAttempt: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE digests
          SET status = 'pending', next_attempt_at = $2, detail = $3, claimed_at = NULL, updated_at = now(),
              attempts = CASE WHEN $4 THEN attempts ELSE greatest(attempts - 1, 0) END
        WHERE id = $1`,
      [digestId, at, detail.slice(0, DETAIL_MAX), countAttempt],
    );
  }
}
