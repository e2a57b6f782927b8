import { Injectable, Logger } from '@nestjs/common';
import { ClaimMetrics } from '../claims/claim-metrics';
import { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import type { NotificationContext } from '../deliveries/notification-context';
import type { SkipReason } from '../policy/delivery-vocabulary';
import { decideOnSend } from '../policy/notification-policy';
import { SendingService } from '../sending/sending.service';
import { PortalLinks } from '../templates/portal-links';
import type { AlertSummaryItemModel } from '../templates/template-models';
import { alertSummaryEntry } from './alert-summary-entry';
import { DigestOutcomes, type DigestOutcome } from './digest-outcomes';
import { DigestsRepository, type ClaimedAlertSummary } from './digests.repository';

const HOUR_MS = 3_600_000;

/** Sends one claimed summary of the alerts a moderator's hourly cap held back: re-checked, one email, one outcome. */
@Injectable()
export class AlertSummarySender {
  private readonly logger = new Logger(AlertSummarySender.name);
  private readonly portal: PortalLinks;
  private readonly outcomes: DigestOutcomes;

  constructor(
    config: DispatcherConfig,
    private readonly digests: DigestsRepository,
    private readonly sending: SendingService,
    claimMetrics: ClaimMetrics,
  ) {
    this.portal = new PortalLinks(config.PUBLIC_BASE_URL);
    this.outcomes = new DigestOutcomes(digests, claimMetrics, this.logger);
  }

  /** `alerts`: the summary's held alerts; `context`: what the read models say about them (loaded for its batch). */
  async send(
    summary: ClaimedAlertSummary,
    alerts: readonly DeliveryEntity[],
    context: NotificationContext,
  ): Promise<DigestOutcome> {
    const kept = await this.keepSendable(summary, alerts, context);
    const recipient = kept.length > 0 ? context.recipient(kept[0].alert) : undefined;
    if (!recipient) {
      return this.outcomes.fenced(
        summary,
        await this.digests.markSkipped(summary, 'empty-digest'),
        'skipped',
      );
    }
    const items = kept.map(({ item }) => item).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const firstAlert = Date.parse(items[0].occurredAt);
    return this.sending.sendAndRecord(
      {
        recipientUserId: summary.userId,
        recipient,
        build: () => ({
          template: 'moderation.alert-summary',
          model: {
            recipientName: recipient.name,
            windowStart: new Date(firstAlert - (firstAlert % HOUR_MS)).toISOString(),
            items,
          },
        }),
        notificationId: `digest-${summary.id}`,
        category: 'transactional',
        // About moderation duty, not a notification category: no one-click unsubscribe.
        about: [],
        attempt: summary.attempts,
      },
      (outcome) => this.outcomes.settle(summary, outcome),
    );
  }

  /** Skips, with their reason, the alerts that may no longer be sent; returns the others with their lines. */
  private async keepSendable(
    summary: ClaimedAlertSummary,
    alerts: readonly DeliveryEntity[],
    context: NotificationContext,
  ): Promise<{ alert: DeliveryEntity; item: AlertSummaryItemModel }[]> {
    const kept: { alert: DeliveryEntity; item: AlertSummaryItemModel }[] = [];
    const skipped = new Map<SkipReason, string[]>();
    for (const alert of alerts) {
      const decision = decideOnSend(context.situation(alert));
      const event = context.event(alert);
      const recipient = context.recipient(alert);
      if (decision.action === 'send' && event && recipient) {
        try {
          kept.push({
            alert,
            item: alertSummaryEntry(alert.template, event, context.facts(alert, recipient.name), this.portal),
          });
        } catch (error) {
          await this.digests.failItems(summary, [alert.id], 'unrenderable', String(error));
        }
      } else {
        const reason = decision.action === 'skip' ? decision.reason : 'no-profile';
        skipped.set(reason, [...(skipped.get(reason) ?? []), alert.id]);
      }
    }
    for (const [reason, ids] of skipped) {
      await this.digests.skipItems(summary, ids, reason);
    }
    return kept;
  }
}
