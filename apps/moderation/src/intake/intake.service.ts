import { Injectable, Logger } from '@nestjs/common';
import type { AccessRequestedData, CommunityData, SubmissionReceivedData } from '@notify/contracts';
import { EntityManager } from 'typeorm';
import { CommunityDirectoryRepository } from '../directory/community-directory.repository';
import { ModerationItemsRepository, NewModerationItem } from '../queue/moderation-items.repository';

/** Turns the communities service's events into moderator copies and queue items; replays change nothing. */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    private readonly directory: CommunityDirectoryRepository,
    private readonly items: ModerationItemsRepository,
  ) {}

  async recordCommunity(tx: EntityManager, community: CommunityData): Promise<void> {
    await this.directory.save(tx, community);
  }

  async enqueueAccessRequest(tx: EntityManager, request: AccessRequestedData): Promise<void> {
    await this.enqueue(tx, {
      kind: 'access-request',
      id: request.accessRequestId,
      communityId: request.communityId,
      requesterId: request.userId,
      message: request.message ?? null,
      title: null,
      url: null,
      excerpt: null,
      pendingSince: new Date(request.requestedAt),
    });
  }

  async enqueueSubmission(tx: EntityManager, submission: SubmissionReceivedData): Promise<void> {
    await this.enqueue(tx, {
      kind: 'submission',
      id: submission.submissionId,
      communityId: submission.communityId,
      requesterId: submission.authorId,
      message: null,
      title: submission.title,
      url: submission.url,
      excerpt: submission.excerpt ?? null,
      pendingSince: new Date(submission.submittedAt),
    });
  }

  private async enqueue(tx: EntityManager, item: NewModerationItem): Promise<void> {
    if (!(await this.items.addIfAbsent(tx, item))) {
      this.logger.log(`The ${item.kind} ${item.id} is already queued; the repeated event changes nothing`);
    }
  }
}
