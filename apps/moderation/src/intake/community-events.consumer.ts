import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AccessRequestedData,
  CommunityData,
  EventTypes,
  SubmissionReceivedData,
  Topics,
} from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { IntakeService } from './intake.service';

/** Moderators' contacts and the items awaiting a decision come from the communities service. */
@EventConsumer({
  topic: Topics.CommunityEvents,
  ignore: [EventTypes.MemberJoined, EventTypes.MemberLeft, EventTypes.CommunityContentPublished],
})
export class CommunityEventsConsumer {
  constructor(private readonly intake: IntakeService) {}

  @EventPattern(EventTypes.CommunityCreated)
  async onCommunityCreated(@Payload() data: CommunityData, @Ctx() ctx: EventContext): Promise<void> {
    await this.intake.recordCommunity(ctx.tx, data);
  }

  @EventPattern(EventTypes.CommunityUpdated)
  async onCommunityUpdated(@Payload() data: CommunityData, @Ctx() ctx: EventContext): Promise<void> {
    await this.intake.recordCommunity(ctx.tx, data);
  }

  @EventPattern(EventTypes.AccessRequested)
  async onAccessRequested(@Payload() data: AccessRequestedData, @Ctx() ctx: EventContext): Promise<void> {
    await this.intake.enqueueAccessRequest(ctx.tx, data);
  }

  @EventPattern(EventTypes.SubmissionReceived)
  async onSubmissionReceived(
    @Payload() data: SubmissionReceivedData,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.intake.enqueueSubmission(ctx.tx, data);
  }
}
