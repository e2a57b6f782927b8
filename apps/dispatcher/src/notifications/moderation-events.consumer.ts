import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent, type MessageContext } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { EventIntake } from './event-intake.service';

/** Moderators' decisions and reminders about items still pending. */
@Injectable()
@EventConsumer({ topic: Topics.ModerationEvents })
export class ModerationEventsConsumer {
  constructor(private readonly intake: EventIntake) {}

  @OnEvent(EventTypes.AccessRequestApproved)
  onAccessApproved(
    event: TypedCloudEvent<'moderation.access-request.approved'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.AccessRequestRejected)
  onAccessRejected(
    event: TypedCloudEvent<'moderation.access-request.rejected'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.SubmissionApproved)
  onSubmissionApproved(
    event: TypedCloudEvent<'moderation.submission.approved'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.SubmissionRejected)
  onSubmissionRejected(
    event: TypedCloudEvent<'moderation.submission.rejected'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.ReminderDue)
  onReminderDue(
    event: TypedCloudEvent<'moderation.reminder.due'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }
}
