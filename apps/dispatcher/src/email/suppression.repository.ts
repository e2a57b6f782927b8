import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EmailSuppression, type SuppressionReason } from './suppression.entity';

export interface SuppressionRecord {
  email: string;
  reason: SuppressionReason;
  detail?: string;
  messageId?: string;
  occurredAt: Date;
  event?: EventRef;
}

/** CloudEvents source and id of the event behind a change. */
export interface EventRef {
  source: string;
  id: string;
}

/** A suppression as support reads it. */
export type SuppressionEntry = Omit<EmailSuppression, 'createdAt'>;

@Injectable()
export class SuppressionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of these (normalised) addresses are suppressed. */
  async findSuppressed(emails: readonly string[]): Promise<Set<string>> {
    if (emails.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource
      .getRepository(EmailSuppression)
      .createQueryBuilder('suppression')
      .select('suppression.email', 'email')
      .where('suppression.email = ANY(:emails)', { emails })
      .getRawMany<{ email: string }>();
    return new Set(rows.map((row) => row.email));
  }

  async findOne(email: string): Promise<SuppressionEntry | null> {
    return this.dataSource.getRepository(EmailSuppression).findOneBy({ email });
  }

  /** Removes the suppression and keeps a removal row with who removed it and why; false when there was none. */
  async removeWithAudit(email: string, removedBy: string, removalReason: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH removed AS (DELETE FROM email_suppressions WHERE email = $1 RETURNING *)
       INSERT INTO email_suppression_removals
              (email, suppression_reason, suppression_detail, suppressed_at, event_source, event_id, removed_by,
               removal_reason)
       SELECT email, reason, detail, occurred_at, event_source, event_id, $2, $3 FROM removed
       RETURNING id`,
      [email, removedBy, removalReason],
    );
    return rows.length > 0;
  }

  /** Records the suppression unless the address is already suppressed; the first reason is kept. */
  async insert(tx: EntityManager, record: SuppressionRecord): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(EmailSuppression)
      .values({
        email: record.email,
        reason: record.reason,
        detail: record.detail ?? null,
        messageId: record.messageId ?? null,
        eventSource: record.event?.source ?? null,
        eventId: record.event?.id ?? null,
        occurredAt: record.occurredAt,
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
