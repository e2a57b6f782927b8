import { Injectable } from '@nestjs/common';
import type { MessageContext } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { isNotifiable, type KnownEvent, type NotifiableEvent } from '../policy/notifiable-event';
import { changesReadModels, ReadModelProjector } from '../read-models/read-model-projector.service';
import { NotificationPlanner } from './notification-planner.service';

/**
 * Every consumed event goes through here: first into the read models, then into notifications. Notifications are
 * planned for all the events of a transaction at once, just before it commits; a read-model change plans the
 * events queued before it first, so each event is planned against the read models as they were when it came.
 */
@Injectable()
export class EventIntake {
  private readonly queued = new WeakMap<EntityManager, NotifiableEvent[]>();

  constructor(
    private readonly projector: ReadModelProjector,
    private readonly planner: NotificationPlanner,
  ) {}

  async handle(event: KnownEvent, tx: EntityManager, context: MessageContext): Promise<void> {
    if (changesReadModels(event)) {
      await this.planQueued(tx);
      await this.projector.apply(event, tx);
    }
    if (isNotifiable(event)) {
      this.queue(event, tx, context);
    }
  }

  private queue(event: NotifiableEvent, tx: EntityManager, context: MessageContext): void {
    const queued = this.queued.get(tx);
    if (queued) {
      queued.push(event);
      return;
    }
    this.queued.set(tx, [event]);
    context.beforeCommit(() => this.planQueued(tx));
  }

  private async planQueued(tx: EntityManager): Promise<void> {
    const events = this.queued.get(tx);
    if (events === undefined || events.length === 0) {
      return;
    }
    // Emptied, not removed: the planning registered before commit picks up whatever is queued after this.
    this.queued.set(tx, []);
    await this.planner.plan(events, tx);
  }
}
