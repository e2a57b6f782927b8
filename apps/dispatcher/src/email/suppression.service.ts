import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { EmailBouncedData, EmailComplainedData } from '@notify/contracts';
import { MetricsService } from '@notify/observability';
import type { EntityManager } from 'typeorm';
import type { SuppressionReason } from './suppression.entity';
import { SuppressionRepository, type EventRef, type SuppressionEntry } from './suppression.repository';

export interface SuppressionDetails {
  detail?: string;
  messageId?: string;
  occurredAt?: Date;
  event?: EventRef;
}

/** Addresses that must not be emailed any more, fed by bounce and complaint feedback. */
@Injectable()
export class SuppressionService {
  private readonly logger = new Logger(SuppressionService.name);

  constructor(
    private readonly repository: SuppressionRepository,
    private readonly metrics: MetricsService,
  ) {}

  async isSuppressed(email: string): Promise<boolean> {
    return (await this.suppressedAmong([email])).has(email);
  }

  /** The given addresses (as given) that are suppressed; one query for a whole fan-out. */
  async suppressedAmong(emails: readonly string[]): Promise<Set<string>> {
    const suppressed = await this.repository.findSuppressed([...new Set(emails.map(normaliseEmail))]);
    return new Set(emails.filter((email) => suppressed.has(normaliseEmail(email))));
  }

  find(email: string): Promise<SuppressionEntry | null> {
    return this.repository.findOne(normaliseEmail(email));
  }

  /** @throws NotFoundException when the address is not suppressed. */
  async remove(email: string, removedBy: string, reason: string): Promise<void> {
    if (!(await this.repository.removeWithAudit(normaliseEmail(email), removedBy, reason))) {
      throw new NotFoundException('The address is not on the suppression list');
    }
    this.metrics
      .counter('dispatcher_suppressions_removed_total', 'Addresses removed from the suppression list')
      .inc();
    this.logger.log(`Suppression removed by ${removedBy}`);
  }

  async suppress(
    email: string,
    reason: SuppressionReason,
    tx: EntityManager,
    details: SuppressionDetails = {},
  ): Promise<void> {
    const added = await this.repository.insert(tx, {
      email: normaliseEmail(email),
      reason,
      detail: details.detail,
      messageId: details.messageId,
      occurredAt: details.occurredAt ?? new Date(),
      event: details.event,
    });
    if (added) {
      this.metrics
        .counter('dispatcher_suppressions_added_total', 'Addresses added to the suppression list', ['reason'])
        .inc({ reason });
      this.logger.log(
        `Address suppressed after a ${reason}${details.messageId ? ` (message ${details.messageId})` : ''}`,
      );
    }
  }

  /** A permanent bounce suppresses the address; a transient one (full mailbox, greylisting) is only counted. */
  async recordBounce(bounce: EmailBouncedData, tx: EntityManager, event?: EventRef): Promise<void> {
    this.metrics
      .counter('dispatcher_email_bounces_total', 'Bounce notifications received', ['type'])
      .inc({ type: bounce.bounceType });
    if (bounce.bounceType === 'permanent') {
      await this.suppress(bounce.email, 'bounce', tx, {
        detail: bounce.diagnostic,
        messageId: bounce.messageId,
        occurredAt: new Date(bounce.occurredAt),
        event,
      });
    }
  }

  async recordComplaint(complaint: EmailComplainedData, tx: EntityManager, event?: EventRef): Promise<void> {
    this.metrics.counter('dispatcher_email_complaints_total', 'Complaint notifications received').inc();
    await this.suppress(complaint.email, 'complaint', tx, {
      messageId: complaint.messageId,
      occurredAt: new Date(complaint.occurredAt),
      event,
    });
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
