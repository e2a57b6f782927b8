import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EmailSuppression, type SuppressionReason } from './suppression.entity';

export interface SuppressionRecord {
  email: string;
  reason: SuppressionReason;
  detail?: string;
  messageId?: string;
  occurredAt: Date;
}

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
        occurredAt: record.occurredAt,
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
