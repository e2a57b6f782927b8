import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EmailBouncedData,
  EmailComplainedData,
  EmailStatusReportedData,
  EventTypes,
  Topics,
} from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { EmailFeedbackService } from './email-feedback.service';

/** What SES reported about sent emails (written by `POST /ses/events`, see docs/email-feedback.md). */
@EventConsumer({ topic: Topics.EmailFeedback })
export class EmailFeedbackConsumer {
  constructor(private readonly feedback: EmailFeedbackService) {}

  @EventPattern(EventTypes.EmailBounced)
  onBounced(
    @Payload() _data: EmailBouncedData,
    @Ctx() ctx: EventContext<typeof EventTypes.EmailBounced>,
  ): Promise<void> {
    return this.feedback.bounced(ctx.event, ctx.tx);
  }

  @EventPattern(EventTypes.EmailComplained)
  onComplained(
    @Payload() _data: EmailComplainedData,
    @Ctx() ctx: EventContext<typeof EventTypes.EmailComplained>,
  ): Promise<void> {
    return this.feedback.complained(ctx.event, ctx.tx);
  }

  @EventPattern(EventTypes.EmailStatusReported)
  onStatusReported(
    @Payload() _data: EmailStatusReportedData,
    @Ctx() ctx: EventContext<typeof EventTypes.EmailStatusReported>,
  ): Promise<void> {
    return this.feedback.statusReported(ctx.event, ctx.tx);
  }
}
