import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { SuppressionService } from './suppression.service';

/** Bounce and complaint feedback (bridged from SES event destinations, see docs/email-feedback.md). */
@Injectable()
@EventConsumer({ topic: Topics.EmailFeedback })
export class EmailFeedbackConsumer {
  constructor(private readonly suppressions: SuppressionService) {}

  @OnEvent(EventTypes.EmailBounced)
  onBounced(event: TypedCloudEvent<typeof EventTypes.EmailBounced>, tx: EntityManager): Promise<void> {
    return this.suppressions.recordBounce(event.data, tx);
  }

  @OnEvent(EventTypes.EmailComplained)
  onComplained(event: TypedCloudEvent<typeof EventTypes.EmailComplained>, tx: EntityManager): Promise<void> {
    return this.suppressions.recordComplaint(event.data, tx);
  }
}
