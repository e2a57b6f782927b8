import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { inSpan, SpanKind } from '@notify/observability';
import { notificationModel } from '../composition/email-models';
import type { NotificationContext } from '../composition/notification-context';
import { NotificationContextLoader } from '../composition/notification-context.loader';
import { outcomeOfFailure } from '../composition/send-failure';
import { UnsubscribeLinks } from '../composition/unsubscribe-links';
import { ClaimMetrics } from '../claims/claim-metrics';
import { DispatcherConfig } from '../config/dispatcher.config';
import { EmailSender } from '../email/email-sender.service';
import { decideOnSend } from '../policy/notification-policy';
import { EmailRenderer } from '../templates/email-renderer.service';
import { DeliveriesRepository } from './deliveries.repository';
import type { DeliveryEntity } from './delivery.entity';
import { DeliveryMetrics } from './delivery-metrics';

const COMPLETION_TRIES = 3;
const COMPLETION_RETRY_MS = 250;
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** Sends a batch of claimed immediate notifications: re-check, render, send, record the outcome of each. */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);

  constructor(
    private readonly config: DispatcherConfig,
    private readonly contexts: NotificationContextLoader,
    private readonly renderer: EmailRenderer,
    private readonly emails: EmailSender,
    private readonly unsubscribeLinks: UnsubscribeLinks,
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: DeliveryMetrics,
    private readonly claimMetrics: ClaimMetrics,
  ) {}

  async sendBatch(rows: readonly DeliveryEntity[]): Promise<void> {
    const context = await this.contexts.load(rows);
    await Promise.all(rows.map((row) => this.sendOne(row, context)));
  }

  private async sendOne(row: DeliveryEntity, context: NotificationContext): Promise<void> {
    let sent: { messageId: string; eventTime: string; language: string } | undefined;
    try {
      sent = await this.decideAndSend(row, context);
    } catch (error) {
      await this.recordFailure(row, error);
      return;
    }
    if (sent) {
      this.metrics.eventToSend.observe((Date.now() - Date.parse(sent.eventTime)) / 1000);
      await this.complete(row, sent.messageId, sent.language);
    }
  }

  /** Resolves with the SES message id and the email's language once accepted, or `undefined` when it was skipped. */
  private async decideAndSend(
    row: DeliveryEntity,
    context: NotificationContext,
  ): Promise<{ messageId: string; eventTime: string; language: string } | undefined> {
    const decision = decideOnSend(context.situation(row));
    const recipient = context.recipient(row);
    const event = context.event(row);
    if (decision.action === 'skip' || !recipient || !event) {
      const reason = decision.action === 'skip' ? decision.reason : 'no-profile';
      if (this.recorded(row, await this.deliveries.markSkipped(row, reason))) {
        this.metrics.outcomes.inc({ outcome: 'skipped', category: row.category });
      }
      return undefined;
    }
    const request = notificationModel(row.template, event, context.facts(row, recipient.name));
    const unsubscribeUrl = this.unsubscribeLinks.forCategory(row.recipientUserId, row.category);
    const { language, ...rendered } = this.renderer.render(request.template, recipient.locale, request.model, {
      unsubscribeUrl,
      timeZone: recipient.timeZone,
    });
    const { messageId } = await inSpan(
      'ses send',
      { kind: SpanKind.CLIENT, parent: event.traceparent, attributes: { 'notification.id': row.id } },
      () =>
        this.emails.send({
          to: recipient.email,
          ...rendered,
          notificationId: row.id,
          template: row.template,
          category: row.category,
          unsubscribe: unsubscribeUrl ? { url: unsubscribeUrl } : undefined,
        }),
    );
    return { messageId, eventTime: event.time, language };
  }

  /**
   * Retried briefly: until the row says sent, a crash would send the email again. When it cannot be recorded the
   * claim is left to be taken over, which re-sends it (counted as a takeover) rather than losing it.
   */
  private async complete(row: DeliveryEntity, messageId: string, language: string): Promise<void> {
    const stopTimer = this.metrics.completionWindow.startTimer();
    for (let attempt = 1; attempt <= COMPLETION_TRIES; attempt++) {
      try {
        const recorded = this.recorded(row, await this.deliveries.markSent(row, messageId, language));
        stopTimer();
        if (recorded) {
          this.metrics.outcomes.inc({ outcome: 'sent', category: row.category });
        }
        return;
      } catch (error) {
        this.logger.warn({
          msg: 'could not record a sent email',
          delivery: row.id,
          attempt,
          error: String(error),
        });
        await sleep(COMPLETION_RETRY_MS * attempt);
      }
    }
    this.logger.error({ msg: 'sent email not recorded; it will be sent again', delivery: row.id, messageId });
  }

  private async recordFailure(row: DeliveryEntity, error: unknown): Promise<void> {
    const outcome = outcomeOfFailure(error, row.attempts, new Date(), {
      maxAttempts: this.config.SENDER_MAX_ATTEMPTS,
      firstDelayMs: this.config.SENDER_RETRY_DELAY,
      maxDelayMs: MAX_RETRY_DELAY_MS,
    });
    try {
      const recorded =
        outcome.kind === 'failed'
          ? await this.deliveries.markFailed(row, outcome.reason, outcome.detail)
          : await this.deliveries.retryLater(row, outcome.at, outcome.detail, outcome.countAttempt);
      if (this.recorded(row, recorded)) {
        this.metrics.outcomes.inc({ outcome: outcome.kind, category: row.category });
      }
      if (recorded && outcome.kind === 'failed') {
        this.logger.warn({
          msg: 'notification failed',
          delivery: row.id,
          reason: outcome.reason,
          detail: outcome.detail,
        });
      }
    } catch (recordError) {
      // The claim stays until CLAIM_TIMEOUT takes it back; the notification is tried again.
      this.logger.error({
        msg: 'could not record a delivery failure',
        delivery: row.id,
        error: String(recordError),
      });
    }
  }

  /** Counts a result the claim fence refused: the claim was taken over while this lane worked on it. */
  private recorded(row: DeliveryEntity, recorded: boolean): boolean {
    if (!recorded) {
      this.claimMetrics.fencedResults.inc({ kind: 'delivery' });
      this.logger.warn({ msg: 'result of a claim taken over meanwhile discarded', delivery: row.id });
    }
    return recorded;
  }
}
