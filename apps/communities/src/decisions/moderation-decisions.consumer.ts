import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AccessRequestApprovedData,
  AccessRequestRejectedData,
  EventTypes,
  SubmissionApprovedData,
  SubmissionRejectedData,
  Topics,
} from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import type { Decision } from '../shared/decision';
import { DecisionsService } from './decisions.service';

type DecisionData =
  AccessRequestApprovedData | AccessRequestRejectedData | SubmissionApprovedData | SubmissionRejectedData;

/** Membership and publication follow the moderators' decisions. */
@EventConsumer({ topic: Topics.ModerationEvents, ignore: [EventTypes.ReminderDue] })
export class ModerationDecisionsConsumer {
  constructor(private readonly decisions: DecisionsService) {}

  @EventPattern(EventTypes.AccessRequestApproved)
  async onAccessRequestApproved(
    @Payload() data: AccessRequestApprovedData,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.decisions.decideAccessRequest(ctx.tx, data.accessRequestId, toDecision(data, 'approved'));
  }

  @EventPattern(EventTypes.AccessRequestRejected)
  async onAccessRequestRejected(
    @Payload() data: AccessRequestRejectedData,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.decisions.decideAccessRequest(ctx.tx, data.accessRequestId, toDecision(data, 'rejected'));
  }

  @EventPattern(EventTypes.SubmissionApproved)
  async onSubmissionApproved(
    @Payload() data: SubmissionApprovedData,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.decisions.decideSubmission(ctx.tx, data.submissionId, toDecision(data, 'approved'));
  }

  @EventPattern(EventTypes.SubmissionRejected)
  async onSubmissionRejected(
    @Payload() data: SubmissionRejectedData,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.decisions.decideSubmission(ctx.tx, data.submissionId, toDecision(data, 'rejected'));
  }
}

function toDecision(data: DecisionData, status: Decision['status']): Decision {
  return {
    status,
    decidedBy: data.decidedBy.userId,
    decidedAt: new Date(data.decidedAt),
    reason: data.reason ?? null,
  };
}
