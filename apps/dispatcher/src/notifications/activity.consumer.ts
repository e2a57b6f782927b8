import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent, type MessageContext } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { EventIntake } from './event-intake.service';

/**
 * Ingress from the platform's services. User records are ignored (profiles come from the preferences service);
 * a deleted user is erased from every table of the dispatcher.
 */
@Injectable()
@EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.UserUpserted] })
export class ActivityConsumer {
  constructor(private readonly intake: EventIntake) {}

  @OnEvent(EventTypes.MentionCreated)
  onMention(
    event: TypedCloudEvent<'platform.mention.created'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.CommentCreated)
  onComment(
    event: TypedCloudEvent<'platform.comment.created'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.MessageCreated)
  onMessage(
    event: TypedCloudEvent<'platform.message.created'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.PlatformContentPublished)
  onContentPublished(
    event: TypedCloudEvent<'platform.content.published'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.UserDeleted)
  onUserDeleted(
    event: TypedCloudEvent<'platform.user.deleted'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }
}
