import { Injectable } from '@nestjs/common';
import { ConsoleConfig } from '../config/console.config';
import { UpstreamClient } from '../upstream/upstream.client';
import { ageOf } from './age';
import type { Community, PendingPage, SentReminders } from './community-records';

/** A community with its moderators' contacts, what waits for them and the reminders sent, from communities and moderation. */
@Injectable()
export class CommunityOverviewService {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly config: ConsoleConfig,
  ) {}

  async overview(communityId: string, now = new Date()) {
    const query = new URLSearchParams({ communityId, limit: String(this.config.CONSOLE_PAGE_SIZE) });
    const [community, pending, reminders] = await Promise.all([
      this.upstream.find<Community>('communities', `/communities/${encodeURIComponent(communityId)}`),
      this.upstream.call<PendingPage>('moderation', { path: `/moderation/queue?${query.toString()}` }),
      this.upstream.find<SentReminders>('moderation', `/moderation/reminders?${query.toString()}`),
    ]);
    return {
      communityId,
      community,
      pending: pending.items.map((item) => ({ ...item, age: ageOf(new Date(item.pendingSince), now) })),
      morePending: pending.nextCursor !== null,
      reminders: (reminders?.items ?? []).map((reminder) => ({
        ...reminder,
        waitedBeforeReminder: ageOf(new Date(reminder.pendingSince), new Date(reminder.remindedAt)),
      })),
      moreReminders: reminders?.more ?? false,
    };
  }
}
