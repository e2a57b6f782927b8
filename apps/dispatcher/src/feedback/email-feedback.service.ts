import { Injectable } from '@nestjs/common';
import { EventTypes, type TypedCloudEvent } from '@notify/contracts';
import { MetricsService } from '@notify/observability';
import type { EntityManager } from 'typeorm';
import { SuppressionService } from '../email/suppression.service';
import { statusChangeFor, type ProviderReport } from './delivery-status-rules';
import { DeliveryStatusRepository } from './delivery-status.repository';

/** Applies SES feedback: the suppression list for bounces and complaints, the status of the delivery for all. */
@Injectable()
export class EmailFeedbackService {
  constructor(
    private readonly suppressions: SuppressionService,
    private readonly statuses: DeliveryStatusRepository,
    private readonly metrics: MetricsService,
  ) {}

  async bounced(event: TypedCloudEvent<typeof EventTypes.EmailBounced>, tx: EntityManager): Promise<void> {
    const { data } = event;
    await this.suppressions.recordBounce(data, tx, { source: event.source, id: event.id });
    await this.move(tx, data.messageId, data.occurredAt, {
      kind: 'bounced',
      bounceType: data.bounceType,
      detail: data.diagnostic,
    });
  }

  async complained(
    event: TypedCloudEvent<typeof EventTypes.EmailComplained>,
    tx: EntityManager,
  ): Promise<void> {
    const { data } = event;
    await this.suppressions.recordComplaint(data, tx, { source: event.source, id: event.id });
    await this.move(tx, data.messageId, data.occurredAt, { kind: 'complained' });
  }

  async statusReported(
    event: TypedCloudEvent<typeof EventTypes.EmailStatusReported>,
    tx: EntityManager,
  ): Promise<void> {
    const { data } = event;
    await this.move(tx, data.messageId, data.occurredAt, { kind: data.status, detail: data.detail });
  }

  private async move(
    tx: EntityManager,
    messageId: string | undefined,
    occurredAt: string,
    report: ProviderReport,
  ): Promise<void> {
    const change = statusChangeFor(report);
    const moved =
      change && messageId !== undefined
        ? await this.statuses.apply(tx, messageId, change, new Date(occurredAt))
        : 0;
    this.metrics
      .counter('dispatcher_email_reports_total', 'SES reports on sent emails, by whether a delivery moved', [
        'report',
        'moved',
      ])
      .inc({ report: report.kind, moved: moved > 0 ? 'yes' : 'no' });
  }
}
