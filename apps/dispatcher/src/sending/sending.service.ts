import { Injectable } from '@nestjs/common';
import { inSpan, SpanKind } from '@notify/observability';
import { DispatcherConfig } from '../config/dispatcher.config';
import { EmailSender } from '../email/email-sender.service';
import { Semaphore } from '../email/semaphore';
import { EmailRenderer } from '../templates/email-renderer.service';
import type { RenderRequest } from './email-models';
import type { Recipient } from './recipient';
import { outcomeOfFailure, type FailureOutcome } from './send-failure';
import { UnsubscribeLinks } from './unsubscribe-links';

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** One notification email: to whom, what it is about, and how to build its model. */
export interface EmailToSend {
  recipientUserId: string;
  recipient: Recipient;
  /** Called inside the step, so an email whose model cannot be built fails like one the provider refused. */
  build(): RenderRequest;
  /** Sent as X-Notification-Id. */
  notificationId: string;
  /** Sent as the SES category tag. */
  category: string;
  /** The notification categories the email is about; one-click unsubscribe only when there is exactly one. */
  about: readonly string[];
  /** Which try this is, counting this one. */
  attempt: number;
  traceparent?: string;
}

export type SendOutcome = { kind: 'sent'; messageId: string; language: string } | FailureOutcome;

/** Renders and sends one notification email; a failure comes back as what to do next, never as an exception. */
@Injectable()
export class SendingService {
  /**
   * Emails between their SendEmail call and the record of its outcome. A crash sends again those SES accepted, so
   * their number, and not only the calls in flight, is held to SES_MAX_CONCURRENCY.
   */
  private readonly unrecorded: Semaphore;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly renderer: EmailRenderer,
    private readonly emails: EmailSender,
    private readonly unsubscribeLinks: UnsubscribeLinks,
  ) {
    this.unrecorded = new Semaphore(config.SES_MAX_CONCURRENCY);
  }

  /** Renders and sends one email, and has `record` store its outcome before another email takes its place. */
  async sendAndRecord(email: EmailToSend, record: (outcome: SendOutcome) => Promise<void>): Promise<void> {
    await this.unrecorded.run(async () => record(await this.renderAndSend(email)));
  }

  async renderAndSend(email: EmailToSend): Promise<SendOutcome> {
    try {
      return { kind: 'sent', ...(await this.send(email)) };
    } catch (error) {
      return outcomeOfFailure(error, email.attempt, new Date(), {
        maxAttempts: this.config.SENDER_MAX_ATTEMPTS,
        firstDelayMs: this.config.SENDER_RETRY_DELAY,
        maxDelayMs: MAX_RETRY_DELAY_MS,
      });
    }
  }

  private async send(email: EmailToSend): Promise<{ messageId: string; language: string }> {
    const request = email.build();
    const categories = new Set(email.about);
    const unsubscribeUrl =
      categories.size === 1
        ? this.unsubscribeLinks.forCategory(email.recipientUserId, [...categories][0])
        : undefined;
    const { language, ...rendered } = this.renderer.render(
      request.template,
      email.recipient.locale,
      request.model,
      {
        unsubscribeUrl,
        timeZone: email.recipient.timeZone,
      },
    );
    const { messageId } = await inSpan(
      'ses send',
      {
        kind: SpanKind.CLIENT,
        parent: email.traceparent,
        attributes: { 'notification.id': email.notificationId },
      },
      () =>
        this.emails.send({
          to: email.recipient.email,
          ...rendered,
          notificationId: email.notificationId,
          template: request.template,
          category: email.category,
          unsubscribe: unsubscribeUrl ? { url: unsubscribeUrl } : undefined,
        }),
    );
    return { messageId, language };
  }
}
