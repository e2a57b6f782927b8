import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { EmailFeedbackService } from './email-feedback.service';

/** What SES reported about sent emails (written by `POST /ses/events`, see docs/email-feedback.md). */
@Injectable()
@EventConsumer({ topic: Topics.EmailFeedback })
export class EmailFeedbackConsumer {
  constructor(private readonly feedback: EmailFeedbackService) {}

  @OnEvent(EventTypes.EmailBounced)
  onBounced(event: TypedCloudEvent<typeof EventTypes.EmailBounced>, tx: EntityManager): Promise<void> {
    return this.feedback.bounced(event, tx);
  }

  @OnEvent(EventTypes.EmailComplained)
  onComplained(event: TypedCloudEvent<typeof EventTypes.EmailComplained>, tx: EntityManager): Promise<void> {
    return this.feedback.complained(event, tx);
  }

  @OnEvent(EventTypes.EmailStatusReported)
  onStatusReported(
    event: TypedCloudEvent<typeof EventTypes.EmailStatusReported>,
    tx: EntityManager,
  ): Promise<void> {
    return this.feedback.statusReported(event, tx);
  }
}
