import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
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
  ): Promise<void> {
    return this.intake.handle(event, tx);
  }

  @OnEvent(EventTypes.CommunityUpdated)
  onCommunityUpdated(
    event: TypedCloudEvent<'communities.community.updated'>,
    tx: EntityManager,
  ): Promise<void> {
    return this.intake.handle(event, tx);
  }

  @OnEvent(EventTypes.MemberJoined)
  onMemberJoined(event: TypedCloudEvent<'communities.member.joined'>, tx: EntityManager): Promise<void> {
    return this.intake.handle(event, tx);
  }

  @OnEvent(EventTypes.MemberLeft)
  onMemberLeft(event: TypedCloudEvent<'communities.member.left'>, tx: EntityManager): Promise<void> {
    return this.intake.handle(event, tx);
  }

  @OnEvent(EventTypes.AccessRequested)
  onAccessRequested(
    event: TypedCloudEvent<'communities.access.requested'>,
    tx: EntityManager,
  ): Promise<void> {
    return this.intake.handle(event, tx);
  }

  @OnEvent(EventTypes.SubmissionReceived)
  onSubmissionReceived(
    event: TypedCloudEvent<'communities.submission.received'>,
    tx: EntityManager,
  ): Promise<void> {
    return this.intake.handle(event, tx);
  }

  @OnEvent(EventTypes.CommunityContentPublished)
  onContentPublished(
    event: TypedCloudEvent<'communities.content.published'>,
    tx: EntityManager,
  ): Promise<void> {
    return this.intake.handle(event, tx);
  }
}
