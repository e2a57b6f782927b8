import {
  GetAccountCommand,
  SendBulkEmailCommand,
  SendEmailCommand,
  type BulkEmailEntry,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EMAIL_SETTINGS, type EmailSettings } from './email-settings';
import type { OutgoingEmail } from './outgoing-email';
import { SES_CLIENT } from './ses-client.provider';
import { bulkEntryFailure } from './ses-failure';
import { toBulkEmailEntry, toSendBulkEmailInput, toSendEmailInput } from './ses-message';

/** What became of one email of a SendBulkEmail call: sent, failed, or to be sent alone through SendEmail. */
export type BulkOutcome = { messageId: string } | { error: Error } | { alone: true };

/** The SES v2 API: SendEmail for one email, SendBulkEmail for several, and the account's sending quota. */
@Injectable()
export class SesEmailGateway implements OnApplicationShutdown {
  private readonly logger = new Logger(SesEmailGateway.name);

  constructor(
    @Inject(SES_CLIENT) private readonly client: SESv2Client,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
  ) {}

  /** Sends one email; resolves with the SES message id, rejects with the SDK's error. */
  async send(email: OutgoingEmail): Promise<string> {
    const input = toSendEmailInput(email, this.settings);
    const output = await this.client.send(new SendEmailCommand(input));
    return output.MessageId ?? '';
  }

  /**
   * Sends several emails in one SendBulkEmail call (at most 50) and resolves with one outcome per email, in order.
   * An email that cannot be an entry (too large) or that SES refused in the bulk form is left to be sent alone;
   * an email whose headers are unsafe fails here without a call. Rejects with the SDK's error when the call failed.
   */
  async sendBulk(emails: readonly OutgoingEmail[]): Promise<BulkOutcome[]> {
    const outcomes: BulkOutcome[] = new Array<BulkOutcome>(emails.length);
    const entries: BulkEmailEntry[] = [];
    const positions: number[] = [];
    emails.forEach((email, index) => {
      try {
        const entry = toBulkEmailEntry(email);
        if (entry === undefined) {
          outcomes[index] = { alone: true };
        } else {
          entries.push(entry);
          positions.push(index);
        }
      } catch (error) {
        outcomes[index] = { error: error as Error };
      }
    });
    if (entries.length > 0) {
      const output = await this.client.send(
        new SendBulkEmailCommand(toSendBulkEmailInput(entries, this.settings)),
      );
      const results = output.BulkEmailEntryResults ?? [];
      positions.forEach((index, entry) => {
        const result = results[entry];
        if (result?.Status === 'SUCCESS') {
          outcomes[index] = { messageId: result.MessageId ?? '' };
          return;
        }
        const error = bulkEntryFailure(result?.Status ?? 'MISSING', result?.Error);
        outcomes[index] = error === undefined ? { alone: true } : { error };
      });
    }
    return outcomes;
  }

  /** The account's maximum send rate (emails per second), when the endpoint reports one; warns of a sandbox. */
  async maxSendRate(): Promise<number | undefined> {
    const account = await this.client.send(new GetAccountCommand({}));
    if (account.ProductionAccessEnabled === false) {
      this.logger.warn(
        `The SES account is in the sandbox: only verified addresses receive email, at most ` +
          `${account.SendQuota?.Max24HourSend ?? '?'} a day (see docs/operations-ses.md)`,
      );
    }
    if (account.SendingEnabled === false) {
      this.logger.warn(
        'Sending is disabled for the SES account: emails wait as pending (see docs/operations-ses.md)',
      );
    }
    return account.SendQuota?.MaxSendRate;
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}
