import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClaimMetrics } from '../claims/claim-metrics';
import type { SkipReason } from '../policy/delivery-vocabulary';
import { decideOnSend } from '../policy/notification-policy';
import { notificationModel } from '../sending/email-models';
import type { FailureOutcome } from '../sending/send-failure';
import { SendingService } from '../sending/sending.service';
import { DeliveriesRepository } from './deliveries.repository';
import type { DeliveryEntity } from './delivery.entity';
import { DeliveryMetrics } from './delivery-metrics';
import type { ClaimedBatch } from './batch-claim.repository';
import type { NotificationContext } from './notification-context';

const COMPLETION_TRIES = 3;
const COMPLETION_RETRY_MS = 250;

/** Sends a batch of claimed immediate notifications: re-check, render, send, record the outcome of each. */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);

  constructor(
    private readonly sending: SendingService,
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: DeliveryMetrics,
    private readonly claimMetrics: ClaimMetrics,
  ) {}

  async sendBatch({ rows, context }: ClaimedBatch): Promise<void> {
    await Promise.all(rows.map((row) => this.sendOne(row, context)));
  }

  private async sendOne(row: DeliveryEntity, context: NotificationContext): Promise<void> {
    const decision = decideOnSend(context.situation(row));
    const recipient = context.recipient(row);
    const event = context.event(row);
    if (decision.action === 'skip' || !recipient || !event) {
      await this.skip(row, decision.action === 'skip' ? decision.reason : 'no-profile');
      return;
    }
    const email = {
      recipientUserId: row.recipientUserId,
      recipient,
      build: () => notificationModel(row.template, event, context.facts(row, recipient.name)),
      notificationId: row.id,
      category: row.category,
      about: [row.category],
      attempt: row.attempts,
      traceparent: event.traceparent,
    };
    await this.sending.sendAndRecord(email, async (outcome) => {
      if (outcome.kind === 'sent') {
        this.metrics.eventToSend.observe((Date.now() - Date.parse(event.time)) / 1000);
        await this.complete(row, outcome.messageId, outcome.language);
      } else {
        await this.recordFailure(row, outcome);
      }
    });
  }

  private async skip(row: DeliveryEntity, reason: SkipReason): Promise<void> {
    try {
      if (this.recorded(row, await this.deliveries.markSkipped(row, reason))) {
        this.metrics.outcomes.inc({ outcome: 'skipped', category: row.category });
      }
    } catch (error) {
      // The claim stays until CLAIM_TIMEOUT takes it back; the notification is decided again.
      this.logger.error({
        msg: 'could not record a skipped delivery',
        delivery: row.id,
        error: String(error),
      });
    }
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

  private async recordFailure(row: DeliveryEntity, outcome: FailureOutcome): Promise<void> {
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
