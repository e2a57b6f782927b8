import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { PayloadValidationError } from '@notify/contracts';
import { OutboxWriter } from '@notify/messaging';
import { MetricsService } from '@notify/observability';
import { DataSource } from 'typeorm';
import { DispatcherConfig } from '../config/dispatcher.config';
import { feedbackEventsOf, UnreadableSesEventError } from './ses-event-mapping';
import { parseSnsMessage, SnsRefusal, type SnsMessage } from './sns-message';
import { hasValidSignature } from './sns-signature';
import { SnsHttpsClient } from './sns-https.client';
import { SnsMessagesRepository } from './sns-messages.repository';

/** A clock skew tolerated for messages dated slightly in the future. */
const FUTURE_SKEW_MS = 5 * 60_000;

export interface SesEventsOutcome {
  /** Feedback events written to the outbox. */
  events: number;
}

/**
 * SES event notifications delivered by SNS: only signed messages of the configured topics, each once, become
 * feedback events in the outbox, in the same transaction that records the message id.
 */
@Injectable()
export class SesEventsService {
  private readonly logger = new Logger(SesEventsService.name);

  constructor(
    private readonly config: DispatcherConfig,
    private readonly https: SnsHttpsClient,
    private readonly messages: SnsMessagesRepository,
    private readonly outbox: OutboxWriter,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  async receive(body: unknown): Promise<SesEventsOutcome> {
    try {
      const message = parseSnsMessage(body);
      await this.authenticate(message);
      const events = await this.accept(message);
      this.count(message.Type, 'accepted');
      return { events };
    } catch (error) {
      if (error instanceof SnsRefusal) {
        this.logger.warn(`SNS message refused: ${error.reason}`);
        this.count('unknown', error.reason);
      }
      throw error;
    }
  }

  private async authenticate(message: SnsMessage): Promise<void> {
    if (!this.config.SES_EVENTS_TOPIC_ARNS.includes(message.TopicArn)) {
      throw new SnsRefusal('topic-not-configured');
    }
    const sentAt = Date.parse(message.Timestamp);
    const now = Date.now();
    if (!(sentAt > now - this.config.SNS_MAX_MESSAGE_AGE && sentAt < now + FUTURE_SKEW_MS)) {
      throw new SnsRefusal('stale');
    }
    const certificate = await this.https.certificate(message.SigningCertURL).catch((error: unknown) => {
      if (error instanceof SnsRefusal) {
        throw error;
      }
      this.logger.warn(`SNS signing certificate unavailable: ${String(error)}`);
      throw new SnsRefusal('certificate-unavailable');
    });
    if (!safely(() => hasValidSignature(message, certificate, new Date(now)))) {
      throw new SnsRefusal('bad-signature');
    }
  }

  private async accept(message: SnsMessage): Promise<number> {
    const mapped = message.Type === 'Notification' ? this.mapped(message) : undefined;
    try {
      return await this.write(message, mapped);
    } catch (error) {
      // Signed by SNS but not what the contract carries (e.g. an address that is not one): nothing is written.
      if (error instanceof PayloadValidationError) {
        this.count(message.Type, 'invalid');
        throw new BadRequestException(error.message);
      }
      throw error;
    }
  }

  private write(message: SnsMessage, mapped: ReturnType<typeof feedbackEventsOf>['events']): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await this.messages.forgetBefore(tx, new Date(Date.now() - this.config.SNS_MAX_MESSAGE_AGE));
      if (!(await this.messages.record(tx, message))) {
        throw new SnsRefusal('replayed');
      }
      if (message.Type === 'SubscriptionConfirmation' && message.SubscribeURL !== undefined) {
        await this.https.confirmSubscription(message.SubscribeURL);
      }
      for (const event of mapped ?? []) {
        await this.outbox.publish(tx, event);
      }
      return mapped?.length ?? 0;
    });
  }

  private mapped(message: SnsMessage): ReturnType<typeof feedbackEventsOf>['events'] {
    try {
      const { sesType, events } = feedbackEventsOf(message.Message);
      if (events === undefined) {
        this.logger.debug(`SES event type ${sesType || '(none)'} is not tracked`);
      }
      return events;
    } catch (error) {
      if (error instanceof UnreadableSesEventError) {
        this.count(message.Type, 'unreadable');
        throw new BadRequestException(error.message);
      }
      throw error;
    }
  }

  private count(type: string, outcome: string): void {
    this.metrics
      .counter('dispatcher_sns_messages_total', 'SNS messages posted to /ses/events, by outcome', [
        'type',
        'outcome',
      ])
      .inc({ type, outcome });
  }
}

function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
