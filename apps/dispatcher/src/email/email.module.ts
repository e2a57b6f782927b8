import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { EmailSender } from './email-sender.service';
import { EMAIL_SETTINGS, type EmailSettings } from './email-settings';
import { sesClientProvider } from './ses-client.provider';
import { SEND_RATE_STORE, SendRateRepository } from './send-rate.repository';
import { SesEmailGateway } from './ses-email.gateway';
import { SuppressionRepository } from './suppression.repository';
import { SuppressionService } from './suppression.service';

export interface EmailModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => EmailSettings | Promise<EmailSettings>;
}

/**
 * Sending through SES (`EmailSender`) and the suppression list (`SuppressionService`). Needs the app's TypeORM DataSource (with `EMAIL_ENTITIES`) and MetricsService.
 */
@Module({})
export class EmailModule {
  static registerAsync(options: EmailModuleOptions): DynamicModule {
    return {
      module: EmailModule,
      imports: options.imports ?? [],
      providers: [
        { provide: EMAIL_SETTINGS, useFactory: options.useFactory, inject: options.inject ?? [] },
        sesClientProvider,
        SesEmailGateway,
        { provide: SEND_RATE_STORE, useClass: SendRateRepository },
        EmailSender,
        SuppressionRepository,
        SuppressionService,
      ],
      exports: [EmailSender, SuppressionService],
    };
  }
}
