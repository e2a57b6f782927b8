import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type EventData, type EventType, type ModeratorContact } from '@notify/contracts';
import { OutboxWriter } from '@notify/messaging';
import { EntityManager } from 'typeorm';
import type { Verdict } from './verdict';
import type { ModerationItem } from '../queue/moderation-item.entity';

/** A decided item, as its decision event describes it. */
export interface DecidedItem {
  item: ModerationItem;
  verdict: Verdict;
  decidedBy: ModeratorContact;
  decidedAt: Date;
}

/** Writes this service's events to the outbox, in the caller's transaction, keyed by community id. */
@Injectable()
export class ModerationEventsPublisher {
  constructor(private readonly outbox: OutboxWriter) {}

  async decision(tx: EntityManager, decided: DecidedItem): Promise<void> {
    const { item, verdict, decidedBy, decidedAt } = decided;
    const common = { communityId: item.communityId, decidedBy, decidedAt: decidedAt.toISOString() };
    if (item.kind === 'access-request') {
      const data = { ...common, accessRequestId: item.id, userId: item.requesterId };
      await (verdict.status === 'approved'
        ? this.publish(tx, EventTypes.AccessRequestApproved, { ...data, reason: verdict.reason })
        : this.publish(tx, EventTypes.AccessRequestRejected, { ...data, reason: verdict.reason }));
      return;
    }
    const data = { ...common, ...submissionDetails(item), submissionId: item.id, authorId: item.requesterId };
    await (verdict.status === 'approved'
      ? this.publish(tx, EventTypes.SubmissionApproved, { ...data, reason: verdict.reason })
      : this.publish(tx, EventTypes.SubmissionRejected, { ...data, reason: verdict.reason }));
  }

  async reminderDue(tx: EntityManager, item: ModerationItem): Promise<void> {
    await this.publish(tx, EventTypes.ReminderDue, {
      itemKind: item.kind,
      itemId: item.id,
      communityId: item.communityId,
      pendingSince: item.pendingSince.toISOString(),
      requesterId: item.requesterId,
    });
  }

  private async publish<T extends EventType>(
    tx: EntityManager,
    type: T,
    data: EventData<T> & { communityId: string },
  ): Promise<void> {
    await this.outbox.publish(tx, { topic: Topics.ModerationEvents, type, key: data.communityId, data });
  }
}

function submissionDetails(item: ModerationItem): { title: string; url: string; excerpt?: string } {
  if (item.title === null || item.url === null) {
    throw new Error(`Submission ${item.id} was stored without its title or url`);
  }
  return { title: item.title, url: item.url, excerpt: item.excerpt ?? undefined };
}
