import { GetAccountCommand, SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EMAIL_SETTINGS, type EmailSettings } from './email-settings';
import type { OutgoingEmail } from './outgoing-email';
import { SES_CLIENT } from './ses-client.provider';
import { toSendEmailInput } from './ses-message';

/** The SES v2 API: one SendEmail per email, and the account's sending quota. */
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
