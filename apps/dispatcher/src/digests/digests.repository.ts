import { Injectable } from '@nestjs/common';
import { withTransaction } from '@notify/persistence';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { WriteCoalescer } from '../database/write-coalescer';
import { toDelivery, type DeliveryRow } from '../deliveries/delivery-row';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import type { DigestFrequency, FailureReason, SkipReason } from '../policy/delivery-vocabulary';
import type { DuePeriod } from './digest-schedule';

export const ALERT_SUMMARY = 'alerts';

// The recipient's current frequency for a queued item's category decides which digest takes it.
const ITEM_PREFERENCE = `CASE d.category WHEN 'mentions' THEN p.mentions WHEN 'comments' THEN p.comments
  WHEN 'privateMessages' THEN p.private_messages ELSE p.community_activity END`;

/**
 * Items a digest of each kind takes: a daily digest also flushes items whose category is now immediate or never.
 * Alerts held back by the moderator alert cap are also queued, but only their hour's summary takes them.
 */
const TAKES_ITEM: Record<DigestFrequency, string> = {
  daily: `d.category <> 'transactional' AND ${ITEM_PREFERENCE} <> 'weekly'`,
  weekly: `d.category <> 'transactional' AND ${ITEM_PREFERENCE} = 'weekly'`,
};

/** Held alerts whose hour ended by $1 and that no summary took yet. */
const DUE_HELD_ALERT = `d.status = 'digest-queued' AND d.digest_id IS NULL AND d.category = 'transactional'
  AND d.next_attempt_at <= $1`;

const DETAIL_MAX = 2000;
const SENT_MARKS_PER_STATEMENT = 500;

interface DigestSentMark {
  id: string;
  claimVersion: number;
  sesMessageId: string;
  language: string;
}

/** The digest of a user's daily or weekly items, or the summary of a moderator's alerts held back in one hour. */
export type DigestKind = DigestFrequency | typeof ALERT_SUMMARY;

/** A digest this replica now owns until it records an outcome (or its claim is taken over). */
export interface ClaimedDigestOf<K extends DigestKind> {
  id: string;
  userId: string;
  kind: K;
  attempts: number;
  claimVersion: number;
}

export type ClaimedDigest = ClaimedDigestOf<DigestFrequency>;
export type ClaimedAlertSummary = ClaimedDigestOf<typeof ALERT_SUMMARY>;

/** One page of a digest run's opening: how many users it looked at, the last of them, and the digests opened. */
export interface DigestPage {
  users: number;
  lastUserId: string | null;
  opened: number;
}

/** What identifies one claim of a digest. */
export type DigestClaim = Pick<ClaimedDigest, 'id' | 'claimVersion'>;

/** Items change only while their digest still carries the claim ($1 digest id, $2 claim version). */
const ITEM_FENCE = `digest_id = $1 AND EXISTS (SELECT 1 FROM digests g WHERE g.id = $1 AND g.status = 'sending'
  AND g.claim_version = $2)`;

@Injectable()
export class DigestsRepository {
  private readonly sentMarks = new WriteCoalescer<DigestSentMark, boolean>(
    (marks) => this.markManySent(marks),
    SENT_MARKS_PER_STATEMENT,
  );

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Looks at the next `limit` users after `after` (in id order) with queued items, read from the queue's index, and
   * opens this period's digest for those who live in `timeZones` and have items it takes, moving up to `maxItems` of
   * each one's oldest items into it: one statement per page.
   * Users another replica is working on are skipped (their profile rows are locked with SKIP LOCKED); a user who has
   * this period's digest already keeps their items queued (the unique key refuses a second one, also when two
   * replicas race).
   */
  async openDigestPage(
    period: DuePeriod,
    timeZones: readonly string[],
    after: string,
    limit: number,
    maxItems: number,
  ): Promise<DigestPage> {
    const [page] = await queryRows<{ last_user_id: string | null; users: string; opened: string }>(
      this.dataSource,
      `WITH candidates AS (
         SELECT DISTINCT recipient_user_id AS user_id FROM deliveries
          WHERE status = 'digest-queued' AND digest_id IS NULL AND recipient_user_id > $1
          ORDER BY 1
          LIMIT $3
       ), locked AS (
         SELECT p.user_id, p.mentions, p.comments, p.private_messages, p.community_activity FROM profiles p
          WHERE p.user_id IN (SELECT user_id FROM candidates) AND p.time_zone = ANY($2::varchar[])
            AND EXISTS (SELECT 1 FROM deliveries d
                         WHERE d.recipient_user_id = p.user_id AND d.status = 'digest-queued' AND d.digest_id IS NULL
                           AND ${TAKES_ITEM[period.kind]})
          FOR UPDATE OF p SKIP LOCKED
       ), picked AS (
         SELECT item.id, p.user_id
           FROM locked p
           CROSS JOIN LATERAL (
             SELECT d.id FROM deliveries d
              WHERE d.recipient_user_id = p.user_id AND d.status = 'digest-queued' AND d.digest_id IS NULL
                AND ${TAKES_ITEM[period.kind]}
              ORDER BY d.id
              LIMIT $6) item
       ), opened AS (
         INSERT INTO digests (user_id, kind, period_start, status, item_count)
         SELECT user_id, $4, $5, 'pending', count(*) FROM picked GROUP BY user_id
         ON CONFLICT (user_id, kind, period_start) WHERE kind <> 'alerts' DO NOTHING
         RETURNING id, user_id
       ), moved AS (
         -- Through arrays, so that the items are found by primary key rather than by hashing the whole table.
         UPDATE deliveries d SET digest_id = m.digest_id, updated_at = now()
           FROM unnest(ARRAY(SELECT picked.id FROM picked JOIN opened USING (user_id) ORDER BY picked.id),
                       ARRAY(SELECT opened.id FROM picked JOIN opened USING (user_id) ORDER BY picked.id))
                AS m (id, digest_id)
          WHERE d.id = m.id AND d.status = 'digest-queued' AND d.digest_id IS NULL
          RETURNING d.id
       )
       SELECT (SELECT max(user_id) FROM candidates) AS last_user_id,
              (SELECT count(*) FROM candidates) AS users,
              (SELECT count(*) FROM opened) AS opened,
              (SELECT count(*) FROM moved) AS moved`,
      [after, timeZones, limit, period.kind, period.periodStart, maxItems],
    );
    return { lastUserId: page.last_user_id, users: Number(page.users), opened: Number(page.opened) };
  }

  /**
   * Opens one summary for each of up to `limit` moderators with held alerts whose hour ended by `at`, and moves
   * those alerts into it; moderators another replica is working on are skipped (profile rows locked with SKIP
   * LOCKED). Also forgets the alert counts of hours long over. Returns how many summaries were opened.
   */
  openAlertSummaries(at: Date, limit: number): Promise<number> {
    return withTransaction(this.dataSource, async (tx) => {
      await tx.query(
        `DELETE FROM moderator_alert_windows WHERE window_start < $1::timestamptz - interval '1 hour'`,
        [at],
      );
      const locked: { user_id: string }[] = await tx.query(
        `SELECT p.user_id FROM profiles p
          WHERE p.user_id IN (SELECT DISTINCT d.recipient_user_id FROM deliveries d WHERE ${DUE_HELD_ALERT} LIMIT $2)
          ORDER BY p.user_id
          FOR UPDATE OF p SKIP LOCKED`,
        [at, limit],
      );
      if (locked.length === 0) {
        return 0;
      }
      const opened: { id: string }[] = await tx.query(
        `INSERT INTO digests (user_id, kind, period_start, status)
         SELECT user_id, '${ALERT_SUMMARY}', ($2::timestamptz AT TIME ZONE 'UTC')::date, 'pending'
           FROM unnest($1::varchar[]) AS u (user_id)
         RETURNING id`,
        [locked.map((row) => row.user_id), at],
      );
      const summaryIds = opened.map((row) => row.id);
      await tx.query(
        `UPDATE deliveries d SET digest_id = g.id, updated_at = now()
           FROM digests g WHERE g.id = ANY($2::bigint[]) AND d.recipient_user_id = g.user_id AND ${DUE_HELD_ALERT}`,
        [at, summaryIds],
      );
      const counted = await queryRows<{ id: string; item_count: number }>(
        tx,
        `UPDATE digests g SET item_count = (SELECT count(*) FROM deliveries d WHERE d.digest_id = g.id)
          WHERE g.id = ANY($1::bigint[])
          RETURNING g.id, g.item_count`,
        [summaryIds],
      );
      // A summary whose alerts another replica took meanwhile stays empty: nothing to send.
      await tx.query(`DELETE FROM digests WHERE id = ANY($1::bigint[]) AND item_count = 0`, [summaryIds]);
      return counted.filter((row) => row.item_count > 0).length;
    });
  }

  /** Claims digests due for (re)sending under this replica's lease, committed before anything is sent. */
  async claimDue(limit: number, replicaId: string): Promise<(ClaimedDigest | ClaimedAlertSummary)[]> {
    const rows = await queryRows<{
      id: string;
      user_id: string;
      kind: DigestKind;
      attempts: number;
      claim_version: number;
    }>(
      this.dataSource,
      `UPDATE digests g
          SET status = 'sending', claimed_at = now(), claimed_by = $2, claim_version = g.claim_version + 1,
              attempts = g.attempts + 1, updated_at = now()
         FROM (SELECT id FROM digests WHERE status = 'pending' AND next_attempt_at <= now()
                  AND EXISTS (SELECT 1 FROM replica_leases WHERE replica_id = $2 AND expires_at > now())
                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE g.id = due.id
        RETURNING g.id, g.user_id, g.kind, g.attempts, g.claim_version`,
      [limit, replicaId],
    );
    return rows.map((row) => {
      const claim = {
        id: row.id,
        userId: row.user_id,
        attempts: row.attempts,
        claimVersion: row.claim_version,
      };
      return row.kind === ALERT_SUMMARY ? { ...claim, kind: row.kind } : { ...claim, kind: row.kind };
    });
  }

  /** The queued items of each of `digestIds`, in one statement; a digest without any has an empty list. */
  async itemsOf(digestIds: readonly string[]): Promise<Map<string, DeliveryEntity[]>> {
    const byDigest = new Map(digestIds.map((id) => [id, [] as DeliveryEntity[]]));
    if (digestIds.length === 0) {
      return byDigest;
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT * FROM deliveries WHERE digest_id = ANY($1::bigint[]) AND status = 'digest-queued' ORDER BY id`,
      [digestIds],
    );
    for (const item of rows.map(toDelivery)) {
      byDigest.get(item.digestId ?? '')?.push(item);
    }
    return byDigest;
  }

  /** Skips items of a claimed digest; nothing changes once its claim was taken over. */
  async skipItems(digest: DigestClaim, itemIds: readonly string[], reason: SkipReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'skipped', reason = $4, updated_at = now()
        WHERE id = ANY($3::bigint[]) AND status = 'digest-queued' AND ${ITEM_FENCE}`,
      [digest.id, digest.claimVersion, itemIds, reason],
    );
  }

  async failItems(
    digest: DigestClaim,
    itemIds: readonly string[],
    reason: FailureReason,
    detail: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'failed', reason = $4, detail = $5, updated_at = now()
        WHERE id = ANY($3::bigint[]) AND status = 'digest-queued' AND ${ITEM_FENCE}`,
      [digest.id, digest.claimVersion, itemIds, reason, detail.slice(0, DETAIL_MAX)],
    );
  }

  /**
   * Marks the digest and its remaining items sent; false when its claim was taken over. Marks arriving while an
   * earlier statement runs share the next one. `language`: what the email was written in, recorded on each item.
   */
  async markSent(digest: DigestClaim, sesMessageId: string, language: string): Promise<boolean> {
    const mark = { id: digest.id, claimVersion: digest.claimVersion, sesMessageId, language };
    return (await this.sentMarks.write(mark)) ?? false;
  }

  private async markManySent(marks: readonly DigestSentMark[]): Promise<boolean[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `WITH marks AS (
         SELECT * FROM unnest($1::bigint[], $2::integer[], $3::varchar[], $4::varchar[])
                    AS m (id, claim_version, ses_message_id, language)
       ),
       sent AS (
         UPDATE digests g
            SET status = 'sent', ses_message_id = m.ses_message_id, sent_at = now(), claimed_at = NULL,
                claimed_by = NULL, updated_at = now()
           FROM marks m
          WHERE g.id = m.id AND g.status = 'sending' AND g.claim_version = m.claim_version
          RETURNING g.id, m.ses_message_id, m.language
       ),
       items AS (
         UPDATE deliveries d
            SET status = 'sent', ses_message_id = s.ses_message_id, language = s.language, sent_at = now(),
                updated_at = now()
           FROM sent s
          WHERE d.digest_id = s.id AND d.status = 'digest-queued'
       )
       SELECT id FROM sent`,
      [
        marks.map((mark) => mark.id),
        marks.map((mark) => mark.claimVersion),
        marks.map((mark) => mark.sesMessageId),
        marks.map((mark) => mark.language),
      ],
    );
    const recorded = new Set(rows.map((row) => String(row.id)));
    return marks.map((mark) => recorded.has(mark.id));
  }

  async markSkipped(digest: DigestClaim, reason: SkipReason): Promise<boolean> {
    return this.closeClaim(digest, `status = 'skipped', reason = $3`, undefined, [reason]);
  }

  async markFailed(digest: DigestClaim, reason: FailureReason, detail: string): Promise<boolean> {
    return this.closeClaim(
      digest,
      `status = 'failed', reason = $3, detail = $4`,
      `status = 'failed', reason = $3, detail = $4`,
      [reason, detail.slice(0, DETAIL_MAX)],
    );
  }

  async retryLater(digest: DigestClaim, at: Date, detail: string, countAttempt: boolean): Promise<boolean> {
    return this.closeClaim(
      digest,
      `status = 'pending', next_attempt_at = $3, detail = $4,
       attempts = CASE WHEN $5 THEN attempts ELSE greatest(attempts - 1, 0) END`,
      undefined,
      [at, detail.slice(0, DETAIL_MAX), countAttempt],
    );
  }

  /**
   * Ends a claim with `digestSet` (and `itemsSet` on its queued items), only while the digest still carries that
   * claim: a late or repeated result after a takeover changes nothing. True when it was recorded.
   */
  private async closeClaim(
    digest: DigestClaim,
    digestSet: string,
    itemsSet: string | undefined,
    parameters: unknown[],
  ): Promise<boolean> {
    const closeDigest = `UPDATE digests SET ${digestSet}, claimed_at = NULL, claimed_by = NULL, updated_at = now()
       WHERE id = $1 AND status = 'sending' AND claim_version = $2 RETURNING id`;
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      itemsSet
        ? `WITH digest AS (${closeDigest}),
                items AS (UPDATE deliveries SET ${itemsSet}, updated_at = now()
                           WHERE digest_id = (SELECT id FROM digest) AND status = 'digest-queued')
           SELECT id FROM digest`
        : closeDigest,
      [digest.id, digest.claimVersion, ...parameters],
    );
    return rows.length > 0;
  }
}
