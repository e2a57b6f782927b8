import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventTypes,
  Topics,
  AccessRequestedData,
  CommunityContentPublishedData,
  CommunityData,
  MemberJoinedData,
  MemberLeftData,
  SubmissionReceivedData,
} from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { EventIntake } from './event-intake.service';

/** Communities, memberships, access requests, submissions and published content. */
@EventConsumer({ topic: Topics.CommunityEvents })
export class CommunityEventsConsumer {
  constructor(private readonly intake: EventIntake) {}

  @EventPattern(EventTypes.CommunityCreated)
  onCommunityCreated(
    @Payload() _data: CommunityData,
    @Ctx() ctx: EventContext<'communities.community.created'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.CommunityUpdated)
  onCommunityUpdated(
    @Payload() _data: CommunityData,
    @Ctx() ctx: EventContext<'communities.community.updated'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.MemberJoined)
  onMemberJoined(
    @Payload() _data: MemberJoinedData,
    @Ctx() ctx: EventContext<'communities.member.joined'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.MemberLeft)
  onMemberLeft(
    @Payload() _data: MemberLeftData,
    @Ctx() ctx: EventContext<'communities.member.left'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.AccessRequested)
  onAccessRequested(
    @Payload() _data: AccessRequestedData,
    @Ctx() ctx: EventContext<'communities.access.requested'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.SubmissionReceived)
  onSubmissionReceived(
    @Payload() _data: SubmissionReceivedData,
    @Ctx() ctx: EventContext<'communities.submission.received'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }

  @EventPattern(EventTypes.CommunityContentPublished)
  onContentPublished(
    @Payload() _data: CommunityContentPublishedData,
    @Ctx() ctx: EventContext<'communities.content.published'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }
}
