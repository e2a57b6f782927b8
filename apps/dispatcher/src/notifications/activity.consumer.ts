import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventTypes,
  Topics,
  CommentCreatedData,
  MentionCreatedData,
  MessageCreatedData,
  PlatformContentPublishedData,
  UserDeletedData,
} from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { EventIntake } from './event-intake.service';

/**
 * Ingress from the platform's services. User records are ignored (profiles come from the preferences service);
 * a deleted user is erased from every table of the dispatcher.
 */
@EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.UserUpserted] })
export class ActivityConsumer {
  constructor(private readonly intake: EventIntake) {}

  @EventPattern(EventTypes.MentionCreated)
  onMention(
    @Payload() _data: MentionCreatedData,
    @Ctx() ctx: EventContext<'platform.mention.created'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.CommentCreated)
  onComment(
    @Payload() _data: CommentCreatedData,
    @Ctx() ctx: EventContext<'platform.comment.created'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.MessageCreated)
  onMessage(
    @Payload() _data: MessageCreatedData,
    @Ctx() ctx: EventContext<'platform.message.created'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.PlatformContentPublished)
  onContentPublished(
    @Payload() _data: PlatformContentPublishedData,
    @Ctx() ctx: EventContext<'platform.content.published'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.UserDeleted)
  onUserDeleted(
    @Payload() _data: UserDeletedData,
    @Ctx() ctx: EventContext<'platform.user.deleted'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }
}
