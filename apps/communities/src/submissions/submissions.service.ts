import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { withTransaction } from '@notify/persistence';
import { assertActsFor, type Principal } from '@notify/security';
import { DataSource } from 'typeorm';
import { CommunitiesRepository } from '../communities/communities.repository';
import { CommunityEventsPublisher } from '../events/community-events.publisher';
import { MembershipsRepository } from '../communities/memberships.repository';
import { ContentsRepository } from './contents.repository';
import { SubmissionDraft, SubmissionsRepository } from './submissions.repository';

export type SubmissionOutcome =
  { status: 'pending'; submissionId: string } | { status: 'published'; contentId: string };

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly communities: CommunitiesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly submissions: SubmissionsRepository,
    private readonly contents: ContentsRepository,
    private readonly events: CommunityEventsPublisher,
  ) {}

  /** Queues the content for moderation in a moderated community, publishes it at once otherwise. */
  async submit(principal: Principal, draft: SubmissionDraft): Promise<SubmissionOutcome> {
    assertActsFor(principal, draft.authorId);
    return withTransaction(this.dataSource, async (tx) => {
      const community = await this.communities.findById(draft.communityId, { tx });
      if (!community) {
        throw new NotFoundException(`Community ${draft.communityId} not found`);
      }
      if (!(await this.memberships.isMember(community.id, draft.authorId, tx))) {
        throw new ForbiddenException(`Author ${draft.authorId} is not a member of community ${community.id}`);
      }
      if (community.moderated) {
        const submission = await this.submissions.create(tx, draft);
        await this.events.submissionReceived(tx, submission);
        return { status: 'pending', submissionId: submission.id };
      }
      const content = await this.contents.publish(tx, {
        ...draft,
        publishedVia: 'open-community',
        submissionId: null,
      });
      await this.events.contentPublished(tx, content);
      return { status: 'published', contentId: content.id };
    });
  }
}
