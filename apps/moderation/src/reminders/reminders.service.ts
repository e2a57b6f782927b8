import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { withTransaction } from '@notify/persistence';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';
import { ModerationConfig } from '../config/moderation.config';
import { ModerationEventsPublisher } from '../events/moderation-events.publisher';
import type { ModerationItem } from '../queue/moderation-item.entity';
import { ModerationItemsRepository } from '../queue/moderation-items.repository';

/** Reminds moderators, once per item, of access requests and submissions left pending too long. */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ModerationItemsRepository,
    private readonly events: ModerationEventsPublisher,
    private readonly config: ModerationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Emits the reminders due at `at` (default: now); returns how many were emitted. */
  async remindDue(at: Date = this.clock.now()): Promise<number> {
    const cutoff = new Date(at.getTime() - this.config.REMINDER_AFTER);
    const batchSize = this.config.REMINDER_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const sent = await withTransaction(this.dataSource, async (tx) => {
        const due = await this.items.lockDueForReminder(tx, cutoff, batchSize);
        for (const item of due) {
          await this.events.reminderDue(tx, item);
        }
        await this.items.markReminded(tx, due, at);
        return due.length;
      });
      total += sent;
      if (sent < batchSize) {
        break;
      }
    }
    if (total > 0) {
      this.logger.log(
        `Reminded moderators of ${total} item(s) pending since ${cutoff.toISOString()} or earlier`,
      );
    }
    return total;
  }

  /**
   * The reminders sent in a community, latest first: at most `limit`, and whether there are more.
   * @throws NotFoundException when neither the community nor any item of it is known here.
   */
  async sentIn(communityId: string, limit: number): Promise<{ items: ModerationItem[]; more: boolean }> {
    const [rows, known] = await Promise.all([
      this.items.remindedIn(communityId, limit + 1),
      this.items.knowsCommunity(communityId),
    ]);
    if (!known) {
      throw new NotFoundException(`No community ${communityId} is known to moderation`);
    }
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }
}
