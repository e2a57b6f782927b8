import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { jitteredBackoffDelay } from '@notify/config';
import { MetricsService } from '@notify/observability';
import { DEFAULT_SEND_RATE, EMAIL_SETTINGS, type EmailSettings } from './email-settings';
import { EmailSendError, PermanentEmailError, SendingPausedError, TransientEmailError } from './email.errors';
import type { OutgoingEmail, SendResult } from './outgoing-email';
import { SesCalls } from './ses-calls';
import { SesEmailGateway } from './ses-email.gateway';
import { classifySesFailure } from './ses-failure';
import { SEND_RATE_STORE, type SendRateStore } from './send-rate.repository';
import { SharedTokenBucket } from './shared-token-bucket';
import { TokenBucket } from './token-bucket';

/** The bucket all replicas sending through one SES account share. */
const SHARED_BUCKET = 'ses-account';

type SendOutcome = 'sent' | 'permanent' | 'transient' | 'paused';

/**
 * Runs once SES accepted an email, while the SES call that sent it still holds its place among the `maxConcurrency`:
 * the caller records the email as sent there, so a crash sends again at most the emails of that many calls.
 */
export type WhileHeld = (result: SendResult) => Promise<void>;

/**
 * Sends emails through SES at the account's rate with bounded concurrency, several in one call when they queue.
 * Throttling, 5xx and network failures are retried with backoff; permanent rejections are not; a paused account
 * pauses all sending.
 */
@Injectable()
export class EmailSender implements OnModuleInit {
  private readonly logger = new Logger(EmailSender.name);
  private readonly calls: SesCalls;
  private limiter: Pick<TokenBucket, 'acquire'> | undefined;
  private rate = 0;
  private pausedUntil = 0;
  private pauseCode = '';

  constructor(
    private readonly gateway: SesEmailGateway,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
    private readonly metrics: MetricsService,
    // Without a shared store (unit specs, the benchmark's bare runs) the rate is this process's alone.
    @Optional() @Inject(SEND_RATE_STORE) private readonly sharedRate?: SendRateStore,
  ) {
    const callSize = metrics.histogram(
      'dispatcher_ses_call_emails',
      'Emails per SES call',
      [],
      [1, 2, 5, 10, 25, 50],
    );
    this.calls = new SesCalls(
      gateway,
      { maxConcurrency: settings.maxConcurrency, bulkSize: settings.bulkSize },
      // The pause may have started while the email waited for its call.
      () => this.assertNotPaused(),
      (emails) => callSize.observe(emails),
    );
  }

  async onModuleInit(): Promise<void> {
    this.rate = await this.resolveSendRate();
    this.limiter = this.sharedRate
      ? new SharedTokenBucket(this.sharedRate, SHARED_BUCKET, this.rate)
      : new TokenBucket(this.rate);
    this.logger.log(
      `Sending at most ${this.rate} emails per second${this.sharedRate ? ' across all replicas' : ''}, ` +
        `${this.settings.maxConcurrency} calls at once, up to ${this.settings.bulkSize} emails a call`,
    );
  }

  /** Emails per second this sender keeps to, once initialised. */
  get sendRate(): number {
    return this.rate;
  }

  /**
   * Resolves with the SES message id, after `whileHeld` ran. Rejects with PermanentEmailError (do not retry),
   * TransientEmailError (retries exhausted; try again later) or SendingPausedError (keep the email pending until
   * `resumeAt`).
   */
  async send(email: OutgoingEmail, whileHeld?: WhileHeld): Promise<SendResult> {
    const stopTimer = this.metrics
      .histogram('dispatcher_email_send_seconds', 'Time to send one email, retries included')
      .startTimer();
    const accepted: WhileHeld = async (result) => {
      stopTimer();
      this.count('sent', 'ok');
      await this.runHeld(whileHeld, result);
    };
    try {
      return { messageId: await this.sendWithRetries(email, accepted) };
    } catch (error) {
      stopTimer();
      if (error instanceof EmailSendError) {
        this.count(outcomeOf(error), error.code);
      }
      throw error;
    }
  }

  private async sendWithRetries(email: OutgoingEmail, accepted: WhileHeld): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(email, accepted);
      } catch (error) {
        if (error instanceof EmailSendError) {
          throw error;
        }
        const failure = classifySesFailure(error);
        switch (failure.kind) {
          case 'paused':
            throw this.pause(failure.code, error);
          case 'permanent':
            throw new PermanentEmailError(failure.code, messageOf(error), { cause: error });
          case 'transient':
            if (attempt >= this.settings.maxAttempts) {
              throw new TransientEmailError(failure.code, attempt, { cause: error });
            }
            this.metrics
              .counter('dispatcher_email_retries_total', 'SendEmail calls retried', ['code'])
              .inc({ code: failure.code });
            await sleep(
              jitteredBackoffDelay(attempt, {
                initialMs: this.settings.retryBaseDelayMs,
                maxMs: this.settings.retryMaxDelayMs,
              }),
            );
        }
      }
    }
  }

  /**
   * The token is taken before the email waits for a call, so that the emails of a claimed batch take theirs together
   * (one round trip to the shared bucket) and then leave together.
   */
  private async attempt(email: OutgoingEmail, accepted: WhileHeld): Promise<string> {
    this.assertNotPaused();
    await this.rateLimiter().acquire();
    return this.calls.send(email, accepted);
  }

  /** A failure here is the caller's to report; it must not be taken for SES's and retried, which would re-send. */
  private async runHeld(whileHeld: WhileHeld | undefined, result: SendResult): Promise<void> {
    try {
      await whileHeld?.(result);
    } catch (error) {
      this.logger.error({ msg: 'recording a sent email failed', error: messageOf(error) });
    }
  }

  private pause(code: string, cause: unknown): SendingPausedError {
    this.pausedUntil = Date.now() + this.settings.pauseCooldownMs;
    this.pauseCode = code;
    this.logger.warn(`SES reports ${code}: sending paused until ${new Date(this.pausedUntil).toISOString()}`);
    return new SendingPausedError(code, new Date(this.pausedUntil), { cause });
  }

  private assertNotPaused(): void {
    if (Date.now() < this.pausedUntil) {
      throw new SendingPausedError(this.pauseCode, new Date(this.pausedUntil));
    }
  }

  private rateLimiter(): Pick<TokenBucket, 'acquire'> {
    if (this.limiter === undefined) {
      throw new Error('EmailSender used before the module initialised');
    }
    return this.limiter;
  }

  private async resolveSendRate(): Promise<number> {
    if (this.settings.maxSendRate !== undefined) {
      return this.settings.maxSendRate;
    }
    try {
      const rate = await this.gateway.maxSendRate();
      if (rate !== undefined && rate > 0) {
        return rate;
      }
    } catch (error) {
      this.logger.warn(
        `Could not read the SES send quota (${messageOf(error)}); using ${DEFAULT_SEND_RATE}/s`,
      );
    }
    return DEFAULT_SEND_RATE;
  }

  private count(outcome: SendOutcome, code: string): void {
    this.metrics
      .counter('dispatcher_emails_total', 'Emails by send outcome', ['outcome', 'code'])
      .inc({ outcome, code });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function outcomeOf(error: EmailSendError): SendOutcome {
  if (error instanceof SendingPausedError) {
    return 'paused';
  }
  return error instanceof TransientEmailError ? 'transient' : 'permanent';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
