import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { WriteCoalescer } from '../database/write-coalescer';
import { ALERT_CAP_REASON, type HeldAlert } from '../policy/moderator-alert-cap';
import type { EventDecision } from '../policy/notification-policy';
import type { DeliveryCategory, FailureReason, SkipReason } from '../policy/delivery-vocabulary';
import type { RecipientRole } from '../policy/recipient-rules';
import type { TemplateId } from '../templates/template-id';
import { DELIVERY_CHANNEL_SQL } from '../database/delivery-channel';
import {
  byPriority,
  CLAIMABLE_DELIVERIES_SQL,
  deliveryPriority,
  reservedPerLowerClass,
} from './delivery-priority';
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
  decision: EventDecision | HeldAlert;
}

/** What identifies one claim of a delivery: an outcome is recorded only while the row still carries it. */
export type DeliveryClaim = Pick<DeliveryEntity, 'id' | 'claimVersion'>;

interface SentMark {
  id: string;
  claimVersion: number;
  sesMessageId: string;
  language: string;
}

/** The claim fence: still claimed, by the same claim (a takeover resets the status, a new claim the version). */
const fence = (claimVersion: string): string => `d.status = 'sending' AND d.claim_version = ${claimVersion}`;

/**
 * The claim of up to $1 due deliveries for replica $2, $3 of them kept for each lower priority class (see
 * `claimParameters`), returning the claimed rows; nothing is locked or claimed unless the replica's lease is live.
 * The one statement that decides which deliveries go next, also used as the first step of a larger statement.
 */
export const CLAIM_DUE_SQL = `WITH live_lease AS (
    SELECT 1 FROM replica_leases WHERE replica_id = $2 AND expires_at > now()
  ),
  ${CLAIMABLE_DELIVERIES_SQL}
  UPDATE deliveries d
     SET status = 'sending', claimed_at = now(), claimed_by = $2, claim_version = d.claim_version + 1,
         attempts = d.attempts + 1, updated_at = now()
    FROM claimable due
   WHERE d.id = due.id
   RETURNING d.*`;

/** The parameters of `CLAIM_DUE_SQL` for a claim of `limit` rows by `replicaId`. */
export function claimParameters(limit: number, replicaId: string): [number, string, number] {
  return [limit, replicaId, reservedPerLowerClass(limit)];
}

const DETAIL_MAX = 2000;
const SENT_MARKS_PER_STATEMENT = 500;

@Injectable()
export class DeliveriesRepository {
  private readonly notifiedTransactions = new WeakSet<EntityManager>();
  private readonly sentMarks = new WriteCoalescer<SentMark, boolean>(
    (sent) => this.markManySent(sent),
    SENT_MARKS_PER_STATEMENT,
  );

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the rows in one statement; a row that exists already is left as it is. Returns how many are pending.
   * When any is, the same statement sends the transaction's NOTIFY (`wakeSenders`): the `woken` subquery runs once,
   * for the first row returned, and only if a pending row was inserted.
   */
  async insertMany(rows: readonly NewDelivery[], tx: EntityManager): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const column = <T>(pick: (row: NewDelivery) => T): T[] => rows.map(pick);
    const notified = this.notifiedTransactions.has(tx);
    const inserted: { status: string }[] = await tx.query(
      `WITH inserted AS (
         INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, community_id,
           members_only, status, reason, frequency, next_attempt_at, priority)
         SELECT event_ref, recipient_user_id, recipient_role, template, category, community_id, members_only, status,
                reason, frequency, coalesce(next_attempt_at, now()), priority
           FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
             $7::boolean[], $8::varchar[], $9::varchar[], $10::varchar[], $11::timestamptz[], $12::smallint[])
             AS u (event_ref, recipient_user_id, recipient_role, template, category, community_id, members_only,
                   status, reason, frequency, next_attempt_at, priority)
         ON CONFLICT (event_ref, recipient_user_id, template) DO NOTHING
         RETURNING status
       ), woken AS (
         SELECT pg_notify(${DELIVERY_CHANNEL_SQL}, '')
          WHERE NOT $13::boolean AND EXISTS (SELECT 1 FROM inserted WHERE status = 'pending')
       )
       SELECT status, (SELECT count(*) FROM woken) AS woken FROM inserted`,
      [
        column((row) => row.eventRef),
        column((row) => row.recipientUserId),
        column((row) => row.recipientRole),
        column((row) => row.template),
        column((row) => row.category),
        column((row) => row.communityId),
        column((row) => row.membersOnly),
        // A held alert waits in the queue of digest items until its hour's summary takes it.
        column((row) => (row.decision.status === 'held' ? 'digest-queued' : row.decision.status)),
        column((row) => reasonOf(row.decision)),
        column((row) => (row.decision.status === 'digest-queued' ? row.decision.frequency : null)),
        column((row) => (row.decision.status === 'held' ? row.decision.until : null)),
        column((row) => deliveryPriority(row.template)),
        notified,
      ],
    );
    const pending = inserted.filter((row) => row.status === 'pending').length;
    if (pending > 0) {
      this.notifiedTransactions.add(tx);
    }
    return pending;
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
   * Claims due deliveries for this replica: marked `sending`, owned by its lease and given a new claim version, and
   * committed before any email goes out. Nothing is claimed unless the replica's lease is live. Higher priorities
   * go first, each lower class keeping its share of the claim (`delivery-priority.ts`); the batch comes back in
   * sending order.
   */
  async claimDue(limit: number, replicaId: string): Promise<DeliveryEntity[]> {
    const rows = await queryRows<DeliveryRow>(
      this.dataSource,
      CLAIM_DUE_SQL,
      claimParameters(limit, replicaId),
    );
    return byPriority(rows.map(toDelivery));
  }

  /**
   * Records an email SES accepted; concurrent calls share one statement, so the sending lanes never queue on it.
   * False when the claim was taken over meanwhile (the fence): the row is left as it is.
   */
  async markSent(claim: DeliveryClaim, sesMessageId: string, language: string): Promise<boolean> {
    return (
      (await this.sentMarks.write({
        id: claim.id,
        claimVersion: claim.claimVersion,
        sesMessageId,
        language,
      })) === true
    );
  }

  private async markManySent(sent: readonly SentMark[]): Promise<boolean[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE deliveries d
          SET status = 'sent', ses_message_id = s.ses_message_id, language = s.language, sent_at = now(),
              claimed_at = NULL, claimed_by = NULL, updated_at = now()
         FROM unnest($1::bigint[], $2::integer[], $3::varchar[], $4::varchar[])
              AS s (id, claim_version, ses_message_id, language)
        WHERE d.id = s.id AND ${fence('s.claim_version')}
        RETURNING d.id`,
      [
        sent.map((mark) => mark.id),
        sent.map((mark) => mark.claimVersion),
        sent.map((mark) => mark.sesMessageId),
        sent.map((mark) => mark.language),
      ],
    );
    const recorded = new Set(rows.map((row) => String(row.id)));
    return sent.map((mark) => recorded.has(mark.id));
  }

  async markSkipped(claim: DeliveryClaim, reason: SkipReason): Promise<boolean> {
    return this.fenced(
      `UPDATE deliveries d SET status = 'skipped', reason = $3, claimed_at = NULL, claimed_by = NULL, updated_at = now()`,
      claim,
      [reason],
    );
  }

  async markFailed(claim: DeliveryClaim, reason: FailureReason, detail: string): Promise<boolean> {
    return this.fenced(
      `UPDATE deliveries d SET status = 'failed', reason = $3, detail = $4, claimed_at = NULL, claimed_by = NULL,
              updated_at = now()`,
      claim,
      [reason, detail.slice(0, DETAIL_MAX)],
    );
  }

  /** Back to pending for a later try; a try that never reached the provider (sending paused) is not counted. */
  async retryLater(claim: DeliveryClaim, at: Date, detail: string, countAttempt: boolean): Promise<boolean> {
    return this.fenced(
      `UPDATE deliveries d
          SET status = 'pending', next_attempt_at = $3, detail = $4, claimed_at = NULL, claimed_by = NULL,
              updated_at = now(), attempts = CASE WHEN $5 THEN attempts ELSE greatest(attempts - 1, 0) END`,
      claim,
      [at, detail.slice(0, DETAIL_MAX), countAttempt],
    );
  }

  /** Runs `update` on the claimed row only while it still carries its claim; true when it did. */
  private async fenced(update: string, claim: DeliveryClaim, parameters: unknown[]): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `${update} WHERE d.id = $1 AND ${fence('$2')} RETURNING d.id`,
      [claim.id, claim.claimVersion, ...parameters],
    );
    return rows.length > 0;
  }
}

function reasonOf(decision: EventDecision | HeldAlert): string | null {
  switch (decision.status) {
    case 'skipped':
      return decision.reason;
    case 'held':
      return ALERT_CAP_REASON;
    case 'pending':
    case 'digest-queued':
      return null;
  }
}
