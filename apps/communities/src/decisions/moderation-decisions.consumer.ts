import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import { EntityManager } from 'typeorm';
import type { Decision } from '../shared/decision';
import { DecisionsService } from './decisions.service';

type DecisionEvent =
  | TypedCloudEvent<typeof EventTypes.AccessRequestApproved>
  | TypedCloudEvent<typeof EventTypes.AccessRequestRejected>
  | TypedCloudEvent<typeof EventTypes.SubmissionApproved>
  | TypedCloudEvent<typeof EventTypes.SubmissionRejected>;

/** Membership and publication follow the moderators' decisions. */
@Injectable()
@EventConsumer({ topic: Topics.ModerationEvents, ignore: [EventTypes.ReminderDue] })
export class ModerationDecisionsConsumer {
  constructor(private readonly decisions: DecisionsService) {}

  @OnEvent(EventTypes.AccessRequestApproved)
  async onAccessRequestApproved(
    event: TypedCloudEvent<typeof EventTypes.AccessRequestApproved>,
    tx: EntityManager,
  ): Promise<void> {
    await this.decisions.decideAccessRequest(tx, event.data.accessRequestId, toDecision(event, 'approved'));
  }

  @OnEvent(EventTypes.AccessRequestRejected)
  async onAccessRequestRejected(
    event: TypedCloudEvent<typeof EventTypes.AccessRequestRejected>,
    tx: EntityManager,
  ): Promise<void> {
    await this.decisions.decideAccessRequest(tx, event.data.accessRequestId, toDecision(event, 'rejected'));
  }

  @OnEvent(EventTypes.SubmissionApproved)
  async onSubmissionApproved(
    event: TypedCloudEvent<typeof EventTypes.SubmissionApproved>,
    tx: EntityManager,
  ): Promise<void> {
    await this.decisions.decideSubmission(tx, event.data.submissionId, toDecision(event, 'approved'));
  }

  @OnEvent(EventTypes.SubmissionRejected)
  async onSubmissionRejected(
    event: TypedCloudEvent<typeof EventTypes.SubmissionRejected>,
    tx: EntityManager,
  ): Promise<void> {
    await this.decisions.decideSubmission(tx, event.data.submissionId, toDecision(event, 'rejected'));
  }
}

function toDecision(event: DecisionEvent, status: Decision['status']): Decision {
  return {
    status,
    decidedBy: event.data.decidedBy.userId,
    decidedAt: new Date(event.data.decidedAt),
    reason: event.data.reason ?? null,
  };
}
