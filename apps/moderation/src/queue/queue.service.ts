import { Injectable } from '@nestjs/common';
import type { Principal } from '@notify/security';
import type { ModerationItem } from './moderation-item.entity';
import { ModerationItemsRepository } from './moderation-items.repository';
import { decodeCursor, encodeCursor } from './queue-cursor';

export interface QueueRequest {
  limit: number;
  cursor?: string;
  communityId?: string;
}

export interface QueuePage {
  items: ModerationItem[];
  nextCursor: string | null;
}

@Injectable()
export class QueueService {
  constructor(private readonly items: ModerationItemsRepository) {}

  /** Pending items of the communities the caller moderates (of all communities for a platform service), oldest first. */
  async pending(principal: Principal, request: QueueRequest): Promise<QueuePage> {
    const items = await this.items.pendingPage({
      moderatorId: principal.isService ? undefined : principal.userId,
      communityId: request.communityId,
      after: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
      limit: request.limit + 1,
    });
    const page = items.slice(0, request.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: items.length > request.limit && last ? encodeCursor(last) : null };
  }
}
