import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { PendingItemKind } from '@notify/contracts';
import { withTransaction } from '@notify/persistence';
import type { Principal } from '@notify/security';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';
import { CommunityDirectoryRepository } from '../directory/community-directory.repository';
import { DecidedItem, ModerationEventsPublisher } from '../events/moderation-events.publisher';
import { ModerationItemsRepository } from '../queue/moderation-items.repository';
import type { Verdict } from '../events/verdict';

const KIND_LABEL: Record<PendingItemKind, string> = {
  'access-request': 'Access request',
  submission: 'Submission',
};

/** Records a moderator's decision once and announces it with the moderator's contact. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ModerationItemsRepository,
    private readonly directory: CommunityDirectoryRepository,
    private readonly events: ModerationEventsPublisher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Only a moderator of the item's community decides, service token or not: the decision names them. */
  async decide(
    principal: Principal,
    kind: PendingItemKind,
    id: string,
    verdict: Verdict,
  ): Promise<DecidedItem> {
    return withTransaction(this.dataSource, async (tx) => {
      const item = await this.items.findById(kind, id, tx);
      if (!item) {
        throw new NotFoundException(`${KIND_LABEL[kind]} ${id} not found`);
      }
      const moderator = await this.directory.findModerator(item.communityId, principal.userId, tx);
      if (!moderator) {
        throw new ForbiddenException(
          `Only a moderator of community ${item.communityId} may decide on ${KIND_LABEL[kind].toLowerCase()} ${id}`,
        );
      }
      const decidedAt = this.clock.now();
      const decided = await this.items.decide(tx, kind, id, {
        status: verdict.status,
        decidedAt,
        decidedBy: moderator,
        reason: verdict.reason ?? null,
      });
      if (!decided) {
        const current = await this.items.findById(kind, id, tx);
        throw new ConflictException(`${KIND_LABEL[kind]} ${id} was already ${current?.status ?? 'decided'}`);
      }
      const outcome: DecidedItem = { item: decided, verdict, decidedBy: moderator, decidedAt };
      await this.events.decision(tx, outcome);
      return outcome;
    });
  }
}
