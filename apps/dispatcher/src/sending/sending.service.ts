import { Injectable } from '@nestjs/common';
import { inSpan, SpanKind } from '@notify/observability';
import { DispatcherConfig } from '../config/dispatcher.config';
import { EmailSender } from '../email/email-sender.service';
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

/** Renders and sends one notification email and has its outcome recorded; a failure is an outcome, not an exception. */
@Injectable()
export class SendingService {
  constructor(
    private readonly config: DispatcherConfig,
    private readonly renderer: EmailRenderer,
    private readonly emails: EmailSender,
    private readonly unsubscribeLinks: UnsubscribeLinks,
  ) {}

  /**
   * Renders and sends one email and resolves with what `record` made of its outcome. An email SES accepted is
   * recorded before another takes its place among the SES_MAX_CONCURRENCY, so a crash sends again at most that many;
   * rendering and the send-rate token come before the place, so they are not part of what it holds.
   */
  async sendAndRecord<T>(email: EmailToSend, record: (outcome: SendOutcome) => Promise<T>): Promise<T> {
    let recording: Promise<T> | undefined;
    try {
      await this.send(email, (sent) => {
        recording = record({ kind: 'sent', ...sent });
        // The record's own failure reaches the caller below, not the sender, which would take it for SES's.
        return recording.then(noop, noop);
      });
    } catch (error) {
      return record(
        outcomeOfFailure(error, email.attempt, new Date(), {
          maxAttempts: this.config.SENDER_MAX_ATTEMPTS,
          firstDelayMs: this.config.SENDER_RETRY_DELAY,
          maxDelayMs: MAX_RETRY_DELAY_MS,
        }),
      );
    }
    if (recording === undefined) {
      throw new Error(`email ${email.notificationId} was sent without being recorded`);
    }
    return recording;
  }

  private async send(
    email: EmailToSend,
    whileHeld: (sent: { messageId: string; language: string }) => Promise<void>,
  ): Promise<void> {
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
    await inSpan(
      'ses send',
      {
        kind: SpanKind.CLIENT,
        parent: email.traceparent,
        attributes: { 'notification.id': email.notificationId },
      },
      () =>
        this.emails.send(
          {
            to: email.recipient.email,
            ...rendered,
            notificationId: email.notificationId,
            template: request.template,
            category: email.category,
            unsubscribe: unsubscribeUrl ? { url: unsubscribeUrl } : undefined,
          },
          ({ messageId }) => whileHeld({ messageId, language }),
        ),
    );
  }
}

function noop(): void {}
