import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import { EntityManager } from 'typeorm';
import { IntakeService } from './intake.service';

/** Moderators' contacts and the items awaiting a decision come from the communities service. */
@Injectable()
@EventConsumer({
  topic: Topics.CommunityEvents,
  ignore: [EventTypes.MemberJoined, EventTypes.MemberLeft, EventTypes.CommunityContentPublished],
})
export class CommunityEventsConsumer {
  constructor(private readonly intake: IntakeService) {}

  @OnEvent(EventTypes.CommunityCreated)
  async onCommunityCreated(
    event: TypedCloudEvent<typeof EventTypes.CommunityCreated>,
    tx: EntityManager,
  ): Promise<void> {
    await this.intake.recordCommunity(tx, event.data);
  }

  @OnEvent(EventTypes.CommunityUpdated)
  async onCommunityUpdated(
    event: TypedCloudEvent<typeof EventTypes.CommunityUpdated>,
    tx: EntityManager,
  ): Promise<void> {
    await this.intake.recordCommunity(tx, event.data);
  }

  @OnEvent(EventTypes.AccessRequested)
  async onAccessRequested(
    event: TypedCloudEvent<typeof EventTypes.AccessRequested>,
    tx: EntityManager,
  ): Promise<void> {
    await this.intake.enqueueAccessRequest(tx, event.data);
  }

  @OnEvent(EventTypes.SubmissionReceived)
  async onSubmissionReceived(
    event: TypedCloudEvent<typeof EventTypes.SubmissionReceived>,
    tx: EntityManager,
  ): Promise<void> {
    await this.intake.enqueueSubmission(tx, event.data);
  }
}
