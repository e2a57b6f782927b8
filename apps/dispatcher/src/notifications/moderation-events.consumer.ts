import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventTypes,
  Topics,
  AccessRequestApprovedData,
  AccessRequestRejectedData,
  ReminderDueData,
  SubmissionApprovedData,
  SubmissionRejectedData,
} from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { EventIntake } from './event-intake.service';

/** Moderators' decisions and reminders about items still pending. */
@EventConsumer({ topic: Topics.ModerationEvents })
export class ModerationEventsConsumer {
  constructor(private readonly intake: EventIntake) {}

  @EventPattern(EventTypes.AccessRequestApproved)
  onAccessApproved(
    @Payload() _data: AccessRequestApprovedData,
    @Ctx() ctx: EventContext<'moderation.access-request.approved'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.AccessRequestRejected)
  onAccessRejected(
    @Payload() _data: AccessRequestRejectedData,
    @Ctx() ctx: EventContext<'moderation.access-request.rejected'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.SubmissionApproved)
  onSubmissionApproved(
    @Payload() _data: SubmissionApprovedData,
    @Ctx() ctx: EventContext<'moderation.submission.approved'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.SubmissionRejected)
  onSubmissionRejected(
    @Payload() _data: SubmissionRejectedData,
    @Ctx() ctx: EventContext<'moderation.submission.rejected'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.ReminderDue)
  onReminderDue(
    @Payload() _data: ReminderDueData,
    @Ctx() ctx: EventContext<'moderation.reminder.due'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }
}
