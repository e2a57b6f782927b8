import { Injectable } from '@nestjs/common';
import { EventData, EventTypes, Topics, type EventType, type MembershipEndCause } from '@notify/contracts';
import { OutboxWriter } from '@notify/messaging';
import { EntityManager } from 'typeorm';
import type { Community } from '../entities/community.entity';
import type { AccessRequest } from '../entities/access-request.entity';
import type { Membership } from '../entities/membership.entity';
import type { Content } from '../entities/content.entity';
import type { Submission } from '../entities/submission.entity';

/** Writes this service's events to the outbox, in the caller's transaction, keyed by community id. */
@Injectable()
export class CommunityEventsPublisher {
  constructor(private readonly outbox: OutboxWriter) {}

  async communityCreated(tx: EntityManager, community: Community): Promise<void> {
    await this.publish(tx, EventTypes.CommunityCreated, communityData(community));
  }

  async communityUpdated(tx: EntityManager, community: Community): Promise<void> {
    await this.publish(tx, EventTypes.CommunityUpdated, communityData(community));
  }

  async memberJoined(tx: EntityManager, membership: Membership): Promise<void> {
    const { communityId, userId, joinedVia } = membership;
    await this.publish(tx, EventTypes.MemberJoined, { communityId, userId, joinedVia });
  }

  async memberLeft(
    tx: EntityManager,
    communityId: string,
    userId: string,
    cause: MembershipEndCause,
  ): Promise<void> {
    await this.publish(tx, EventTypes.MemberLeft, { communityId, userId, cause });
  }

  async accessRequested(tx: EntityManager, request: AccessRequest): Promise<void> {
    await this.publish(tx, EventTypes.AccessRequested, {
      accessRequestId: request.id,
      communityId: request.communityId,
      userId: request.userId,
      message: request.message ?? undefined,
      requestedAt: request.requestedAt.toISOString(),
    });
  }

  async submissionReceived(tx: EntityManager, submission: Submission): Promise<void> {
    await this.publish(tx, EventTypes.SubmissionReceived, {
      submissionId: submission.id,
      communityId: submission.communityId,
      authorId: submission.authorId,
      title: submission.title,
      url: submission.url,
      excerpt: submission.excerpt ?? undefined,
      submittedAt: submission.submittedAt.toISOString(),
    });
  }

  async contentPublished(tx: EntityManager, content: Content): Promise<void> {
    await this.publish(tx, EventTypes.CommunityContentPublished, {
      contentId: content.id,
      communityId: content.communityId,
      authorId: content.authorId,
      title: content.title,
      url: content.url,
      excerpt: content.excerpt ?? undefined,
      publishedVia: content.publishedVia,
      submissionId: content.submissionId ?? undefined,
    });
  }

  private async publish<T extends EventType>(
    tx: EntityManager,
    type: T,
    data: EventData<T> & { communityId: string },
  ): Promise<void> {
    await this.outbox.publish(tx, { topic: Topics.CommunityEvents, type, key: data.communityId, data });
  }
}

function communityData(community: Community): EventData<typeof EventTypes.CommunityCreated> {
  const { id, name, visibility, moderated, confidential, moderators } = community;
  return {
    communityId: id,
    name,
    visibility,
    moderated,
    confidential,
    moderators: moderators.map(({ userId, displayName, contactEmail }) => ({
      userId,
      displayName,
      contactEmail,
    })),
  };
}
