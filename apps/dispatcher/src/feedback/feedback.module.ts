import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { SendingModule } from '../sending/sending.module';
import { DeliveryStatusRepository } from './delivery-status.repository';
import { EmailFeedbackConsumer } from './email-feedback.consumer';
import { EmailFeedbackService } from './email-feedback.service';
import { SesEventsController } from './ses-events.controller';
import { SesEventsService } from './ses-events.service';
import { SnsHttpsClient } from './sns-https.client';
import { SnsMessagesRepository } from './sns-messages.repository';

const SNS_BODY_LIMIT = '256kb';

/** What SES reports about sent emails: received from SNS, written as feedback events, applied by the consumer. */
@Module({
  imports: [SendingModule],
  controllers: [SesEventsController, EmailFeedbackConsumer],
  providers: [
    SnsHttpsClient,
    SnsMessagesRepository,
    SesEventsService,
    DeliveryStatusRepository,
    EmailFeedbackService,
  ],
})
export class FeedbackModule implements NestModule {
  // SNS posts its JSON as text/plain, which the shared parsers leave unread.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(text({ type: 'text/plain', limit: SNS_BODY_LIMIT }))
      .forRoutes({ path: 'ses/events', method: RequestMethod.POST });
  }
}
