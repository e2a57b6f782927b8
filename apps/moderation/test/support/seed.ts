import { EventTypes, type EventDataMap, type EventType, type ModeratorContact } from '@notify/contracts';
import { cloudEventFactory, uniqueEmail, uniqueId, waitFor } from '@notify/testing';
import type { ModerationTestApp } from './moderation-test-app';

export interface SeededCommunity {
  communityId: string;
  moderator: ModeratorContact;
}

/** Feeds the service events as the communities service would publish them, and waits until they are consumed. */
export class Seeder {
  constructor(private readonly t: ModerationTestApp) {}

  async community(moderators: ModeratorContact[] = [moderator()]): Promise<SeededCommunity> {
    const communityId = uniqueId('community');
    await this.deliver(EventTypes.CommunityCreated, communityId, { communityId, moderators });
    return { communityId, moderator: moderators[0] };
  }

  async updateModerators(communityId: string, moderators: ModeratorContact[]): Promise<void> {
    await this.deliver(EventTypes.CommunityUpdated, communityId, { communityId, moderators });
  }

  async accessRequest(
    communityId: string,
    requestedAt = new Date(),
  ): Promise<{ id: string; userId: string }> {
    const id = uniqueId('access-request');
    const userId = uniqueId('user');
    await this.deliver(EventTypes.AccessRequested, communityId, {
      accessRequestId: id,
      communityId,
      userId,
      message: 'I run the tenders of my region',
      requestedAt: requestedAt.toISOString(),
    });
    return { id, userId };
  }

  async submission(communityId: string, submittedAt = new Date()): Promise<{ id: string; authorId: string }> {
    const id = uniqueId('submission');
    const authorId = uniqueId('author');
    await this.deliver(EventTypes.SubmissionReceived, communityId, {
      submissionId: id,
      communityId,
      authorId,
      title: 'Tender guide',
      url: 'https://portal.example.org/c/1',
      excerpt: 'How to write a tender',
      submittedAt: submittedAt.toISOString(),
    });
    return { id, authorId };
  }

  /** Delivers one event of the communities service, with a fresh event id. */
  async deliver<T extends EventType>(
    type: T,
    communityId: string,
    data: Partial<EventDataMap[T]>,
  ): Promise<void> {
    const event = cloudEventFactory.build(type, data);
    await this.t.produceCommunityEvent(event, communityId);
    await waitFor(() => this.t.consumed(event.id), { timeoutMs: 20_000, description: `${type} consumed` });
  }
}

export function moderator(displayName = 'Marta Moderator'): ModeratorContact {
  return { userId: uniqueId('mod'), displayName, contactEmail: uniqueEmail('moderator') };
}
