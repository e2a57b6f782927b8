import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommunityEventsPublisher } from '../events/community-events.publisher';
import { AccessRequestsRepository } from '../memberships/access-requests.repository';
import { MembershipsRepository } from '../communities/memberships.repository';
import type { Decision, DecisionStatus } from '../shared/decision';
import { ContentsRepository } from '../submissions/contents.repository';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { ConflictingDecisionError, UnknownDecisionTargetError } from './decision-errors';

/** Applies the moderation service's decisions; each is applied once even when delivered again. */
@Injectable()
export class DecisionsService {
  private readonly logger = new Logger(DecisionsService.name);

  constructor(
    private readonly accessRequests: AccessRequestsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly submissions: SubmissionsRepository,
    private readonly contents: ContentsRepository,
    private readonly events: CommunityEventsPublisher,
  ) {}

  async decideAccessRequest(tx: EntityManager, accessRequestId: string, decision: Decision): Promise<void> {
    const request = await this.accessRequests.decide(tx, accessRequestId, decision);
    if (!request) {
      const recorded = await this.accessRequests.findById(tx, accessRequestId);
      this.assertAlreadyApplied('access request', accessRequestId, recorded?.status, decision);
      return;
    }
    if (decision.status === 'approved') {
      const membership = await this.memberships.add(
        tx,
        request.communityId,
        request.userId,
        'access-request-approved',
      );
      if (membership) {
        await this.events.memberJoined(tx, membership);
      }
    }
  }

  async decideSubmission(tx: EntityManager, submissionId: string, decision: Decision): Promise<void> {
    const submission = await this.submissions.decide(tx, submissionId, decision);
    if (!submission) {
      const recorded = await this.submissions.findById(tx, submissionId);
      this.assertAlreadyApplied('submission', submissionId, recorded?.status, decision);
      return;
    }
    if (decision.status === 'approved') {
      const { communityId, authorId, title, url, excerpt } = submission;
      const content = await this.contents.publish(tx, {
        communityId,
        authorId,
        title,
        url,
        excerpt,
        publishedVia: 'submission-approved',
        submissionId,
      });
      await this.events.contentPublished(tx, content);
    }
  }

  private assertAlreadyApplied(
    kind: string,
    id: string,
    recorded: DecisionStatus | undefined,
    decision: Decision,
  ): void {
    if (!recorded) {
      throw new UnknownDecisionTargetError(kind, id);
    }
    if (recorded !== decision.status) {
      throw new ConflictingDecisionError(kind, id, recorded, decision.status);
    }
    this.logger.log(`The ${kind} ${id} was already ${recorded}; the repeated decision changes nothing`);
  }
}
