import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isNotifiable, type KnownEvent } from '../policy/notifiable-event';
import { ReadModelProjector } from '../read-models/read-model-projector.service';
import { NotificationPlanner } from './notification-planner.service';

/** Every consumed event goes through here: first into the read models, then into notifications. */
@Injectable()
export class EventIntake {
  constructor(
    private readonly projector: ReadModelProjector,
    private readonly planner: NotificationPlanner,
  ) {}

  async handle(event: KnownEvent, tx: EntityManager): Promise<void> {
    await this.projector.apply(event, tx);
    if (isNotifiable(event)) {
      await this.planner.plan(event, tx);
    }
  }
}
