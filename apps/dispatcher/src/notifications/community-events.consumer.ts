import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent, type MessageContext } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { EventIntake } from './event-intake.service';

/** Communities, memberships, access requests, submissions and published content. */
@Injectable()
@EventConsumer({ topic: Topics.CommunityEvents })
export class CommunityEventsConsumer {
  constructor(private readonly intake: EventIntake) {}

  @OnEvent(EventTypes.CommunityCreated)
  onCommunityCreated(
    event: TypedCloudEvent<'communities.community.created'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.CommunityUpdated)
  onCommunityUpdated(
    event: TypedCloudEvent<'communities.community.updated'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.MemberJoined)
  onMemberJoined(
    event: TypedCloudEvent<'communities.member.joined'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.MemberLeft)
  onMemberLeft(
    event: TypedCloudEvent<'communities.member.left'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.AccessRequested)
  onAccessRequested(
    event: TypedCloudEvent<'communities.access.requested'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.SubmissionReceived)
  onSubmissionReceived(
    event: TypedCloudEvent<'communities.submission.received'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }

  @OnEvent(EventTypes.CommunityContentPublished)
  onContentPublished(
    event: TypedCloudEvent<'communities.content.published'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }
}
