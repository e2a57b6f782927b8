import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { WriteCoalescer } from '../database/write-coalescer';
import type { EventDecision } from '../policy/notification-policy';
import type { DeliveryCategory, FailureReason, SkipReason } from '../policy/delivery-vocabulary';
import type { RecipientRole } from '../policy/recipient-rules';
import type { TemplateId } from '../templates/template-id';
import { DELIVERY_CHANNEL_SQL } from './delivery-channel';
import { DeliveryEntity } from './delivery.entity';
import { toDelivery, type DeliveryRow } from './delivery-row';

/** A delivery decided when its event was handled. */
export interface NewDelivery {
  eventRef: string;
  recipientUserId: string;
  recipientRole: RecipientRole;
  template: TemplateId;
  category: DeliveryCategory;
  communityId: string | null;
  membersOnly: boolean;
  decision: EventDecision;
}

interface SentMark {
  id: string;
  sesMessageId: string;
  language: string;
}

const DETAIL_MAX = 2000;
const SENT_MARKS_PER_STATEMENT = 500;

@Injectable()
export class DeliveriesRepository {
  private readonly notifiedTransactions = new WeakSet<EntityManager>();
  private readonly sentMarks = new WriteCoalescer<SentMark>(
    (sent) => this.markManySent(sent),
    SENT_MARKS_PER_STATEMENT,
  );

  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the rows in one statement; a row that exists already is left as it is. Returns how many are pending. */
  async insertMany(rows: readonly NewDelivery[], tx: EntityManager): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const column = <T>(pick: (row: NewDelivery) => T): T[] => rows.map(pick);
    const inserted: { status: string }[] = await tx.query(
      `INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, community_id,
         members_only, status, reason, frequency)
       SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
         $7::boolean[], $8::varchar[], $9::varchar[], $10::varchar[])
       ON CONFLICT (event_ref, recipient_user_id, template) DO NOTHING
       RETURNING status`,
      [
        column((row) => row.eventRef),
        column((row) => row.recipientUserId),
        column((row) => row.recipientRole),
        column((row) => row.template),
        column((row) => row.category),
        column((row) => row.communityId),
        column((row) => row.membersOnly),
        column((row) => row.decision.status),
        column((row) => (row.decision.status === 'skipped' ? row.decision.reason : null)),
        column((row) => (row.decision.status === 'digest-queued' ? row.decision.frequency : null)),
      ],
    );
    return inserted.filter((row) => row.status === 'pending').length;
  }

  /** Wakes an idle sender lane on every replica once the caller's transaction commits; one NOTIFY per transaction. */
  async wakeSenders(tx: EntityManager): Promise<void> {
    if (this.notifiedTransactions.has(tx)) {
      return;
    }
    await tx.query(`SELECT pg_notify(${DELIVERY_CHANNEL_SQL}, '')`);
    this.notifiedTransactions.add(tx);
  }

  /**
   * Claims due deliveries for this replica: marked `sending` and committed before any email goes out, so another
   * replica skips them and a crash leaves a claim that `releaseStaleClaims` hands back.
   */
  async claimDue(limit: number): Promise<DeliveryEntity[]> {
    const rows = await queryRows<DeliveryRow>(
      this.dataSource,
      `UPDATE deliveries d
          SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1, updated_at = now()
         FROM (SELECT id FROM deliveries
                WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED) due
        WHERE d.id = due.id
        RETURNING d.*`,
      [limit],
    );
    return rows.map(toDelivery);
  }

  /** Hands claims older than `timeoutMs` back; each one may already have been sent (the counted duplicate window). */
  async releaseStaleClaims(timeoutMs: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE deliveries SET status = 'pending', claimed_at = NULL, next_attempt_at = now(), updated_at = now()
        WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1::double precision / 1000)
        RETURNING id`,
      [timeoutMs],
    );
    return rows.length;
  }

  /** Records an email SES accepted; concurrent calls share one statement, so the sending lanes never queue on it. */
  markSent(id: string, sesMessageId: string, language: string): Promise<void> {
    return this.sentMarks.write({ id, sesMessageId, language });
  }

  private async markManySent(sent: readonly SentMark[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries d
          SET status = 'sent', ses_message_id = s.ses_message_id, language = s.language, sent_at = now(),
              claimed_at = NULL, updated_at = now()
         FROM unnest($1::bigint[], $2::varchar[], $3::varchar[]) AS s (id, ses_message_id, language)
        WHERE d.id = s.id`,
      [sent.map((mark) => mark.id), sent.map((mark) => mark.sesMessageId), sent.map((mark) => mark.language)],
    );
  }

  async markSkipped(id: string, reason: SkipReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'skipped', reason = $2, claimed_at = NULL, updated_at = now() WHERE id = $1`,
      [id, reason],
    );
  }

  async markFailed(id: string, reason: FailureReason, detail: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'failed', reason = $2, detail = $3, claimed_at = NULL, updated_at = now()
        WHERE id = $1`,
      [id, reason, detail.slice(0, DETAIL_MAX)],
    );
  }

  /** Back to pending for a later try; a try that never reached the provider (sending paused) is not counted. */
  async retryLater(id: string, at: Date, detail: string, countAttempt: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries
          SET status = 'pending', next_attempt_at = $2, detail = $3, claimed_at = NULL, updated_at = now(),
              attempts = CASE WHEN $4 THEN attempts ELSE greatest(attempts - 1, 0) END
        WHERE id = $1`,
      [id, at, detail.slice(0, DETAIL_MAX), countAttempt],
    );
  }
}
