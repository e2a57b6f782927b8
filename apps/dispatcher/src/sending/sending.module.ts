import { Module } from '@nestjs/common';
import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import { DispatcherConfig } from '../config/dispatcher.config';
import { EmailModule } from '../email/email.module';
import { TemplatesModule } from '../templates/templates.module';
import { SendingService } from './sending.service';
import { UnsubscribeLinks } from './unsubscribe-links';

/** Rendering and sending one notification email, with templates, SES and unsubscribe links configured. */
@Module({
  imports: [
    TemplatesModule.registerAsync({
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => ({
        platformName: config.PLATFORM_NAME,
        supportEmail: config.SUPPORT_EMAIL,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        previewEnabled: config.TEMPLATE_PREVIEW_ENABLED,
      }),
    }),
    EmailModule.registerAsync({
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) => ({
        fromAddress: config.EMAIL_FROM,
        region: config.sesRegion,
        endpoint: config.SES_ENDPOINT,
        maxSendRate: config.SES_MAX_SEND_RATE,
        maxConcurrency: config.SES_MAX_CONCURRENCY,
        bulkSize: config.SES_BULK_SIZE,
        maxAttempts: config.SES_MAX_ATTEMPTS,
        retryBaseDelayMs: config.SES_RETRY_BASE_DELAY,
        retryMaxDelayMs: config.SES_RETRY_MAX_DELAY,
        pauseCooldownMs: config.SES_PAUSE_COOLDOWN,
        requestTimeoutMs: config.SES_REQUEST_TIMEOUT,
        connectTimeoutMs: config.SES_CONNECT_TIMEOUT,
        configurationSetName: config.SES_CONFIGURATION_SET,
        fromIdentityArn: config.SES_FROM_IDENTITY_ARN,
      }),
    }),
  ],
  providers: [
    {
      provide: UnsubscribeLinks,
      inject: [DispatcherConfig],
      useFactory: (config: DispatcherConfig) =>
        new UnsubscribeLinks(
          new UnsubscribeTokens(new LinkSigner(config.UNSUBSCRIBE_SIGNING_KEYS)),
          config.UNSUBSCRIBE_BASE_URL,
          config.UNSUBSCRIBE_LINK_TTL,
        ),
    },
    SendingService,
  ],
  exports: [TemplatesModule, EmailModule, UnsubscribeLinks, SendingService],
})
export class SendingModule {}
