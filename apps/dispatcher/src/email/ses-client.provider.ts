import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { FactoryProvider } from '@nestjs/common';
import { EMAIL_SETTINGS, type EmailSettings } from './email-settings';

export const SES_CLIENT = Symbol('SES_CLIENT');

export function createSesClient(settings: EmailSettings): SESv2Client {
  const agent = { keepAlive: true, maxSockets: settings.maxConcurrency };
  return new SESv2Client({
    region: settings.region,
    endpoint: settings.endpoint,
    // Retries are EmailSender's: classified, rate-limited and counted, not hidden inside the SDK.
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: settings.requestTimeoutMs,
      // Without it the SDK only logs a warning when requestTimeout passes, and the call waits on.
      throwOnRequestTimeout: true,
      connectionTimeout: settings.connectTimeoutMs,
      httpAgent: agent,
      httpsAgent: agent,
    },
  });
}

export const sesClientProvider: FactoryProvider<SESv2Client> = {
  provide: SES_CLIENT,
  useFactory: createSesClient,
  inject: [EMAIL_SETTINGS],
};
